import type { EntityManager } from 'typeorm';
import { Role } from '../common/auth/role.js';
import { ConflictError, RuleViolationError } from '../common/errors/domain-errors.js';
import type { User } from '../users/user.entity.js';
import { InvestigationMode as Mode, InvestigationStatus as S } from './investigation.enums.js';
import {
  REGIME_2020_STARTS, assertActiveInvestigator, assertChangeable, assertInvestigationRules, assertNotArchived, isActiveInvestigator,
} from './investigation-rules.js';

const dates = { conductFrom: null, conductTo: null };

describe('investigation rules', () => {
  describe('modes of the 2012 regime', () => {
    it('are allowed for cases opened before the 2020 regulations', () => {
      for (const mode of [Mode.Supervised, Mode.Managed]) {
        expect(() => assertInvestigationRules({ mode, openedOn: '2019-12-31', ...dates })).not.toThrow();
      }
    });

    it('are refused from the day the 2020 regulations took effect, naming the modes to use', () => {
      expect(REGIME_2020_STARTS).toBe('2020-01-01');
      for (const mode of [Mode.Supervised, Mode.Managed]) {
        expect(() => assertInvestigationRules({ mode, openedOn: '2020-01-01', ...dates })).toThrow(RuleViolationError);
      }
      expect(() => assertInvestigationRules({ mode: Mode.Managed, openedOn: '2021-03-04', ...dates }))
        .toThrow(/mode managed exists only for investigations opened before 2020-01-01 \(this one opened on 2021-03-04\); use local, directed or independent/);
    });

    it('do not restrict the 2020 modes at any date', () => {
      for (const mode of [Mode.Local, Mode.Directed, Mode.Independent]) {
        for (const openedOn of ['2015-06-01', '2024-06-01']) {
          expect(() => assertInvestigationRules({ mode, openedOn, ...dates })).not.toThrow();
        }
      }
    });
  });

  describe('the conduct period', () => {
    const at = (conductFrom: string | null, conductTo: string | null) =>
      () => assertInvestigationRules({ mode: Mode.Local, openedOn: '2024-01-10', conductFrom, conductTo });

    it('may be one day, open at either end, or unknown', () => {
      expect(at('2023-05-01', '2023-05-01')).not.toThrow();
      expect(at('2023-05-01', null)).not.toThrow();
      expect(at(null, '2023-05-01')).not.toThrow();
      expect(at(null, null)).not.toThrow();
    });

    it('cannot end before it starts', () => {
      expect(at('2023-05-02', '2023-05-01')).toThrow(
        new RuleViolationError('the conduct period cannot end before it starts: conductFrom 2023-05-02 is after conductTo 2023-05-01'),
      );
    });
  });

  describe('changing a case', () => {
    const kase = (status: S, archivedAt: string | null = null) => ({ reference: 'INV-2024-000007', status, archivedAt });

    it('is allowed in every state but closed, while not archived', () => {
      for (const status of Object.values(S).filter((s) => s !== S.Closed)) expect(() => assertChangeable(kase(status))).not.toThrow();
    });

    it('is refused when closed: the case is reopened first', () => {
      expect(() => assertChangeable(kase(S.Closed))).toThrow(new ConflictError('investigation INV-2024-000007 is closed: reopen it to change it'));
    });

    it('is refused when archived, whatever the state', () => {
      const archived = kase(S.Investigating, '2024-02-01T10:00:00.000Z');
      expect(() => assertChangeable(archived)).toThrow(new ConflictError('investigation INV-2024-000007 is archived and cannot be changed'));
      expect(() => assertNotArchived(archived)).toThrow(ConflictError);
      expect(() => assertNotArchived(kase(S.Closed))).not.toThrow();
    });
  });

  describe('who may lead or join a case', () => {
    const user = (roles: Role[], active = true) => ({ id: 'u-1', roles, active }) as User;

    it('is an active account holding the investigator role, among any others', () => {
      expect(isActiveInvestigator(user([Role.Investigator]))).toBe(true);
      expect(isActiveInvestigator(user([Role.Reviewer, Role.Investigator]))).toBe(true);
      expect(isActiveInvestigator(user([Role.Investigator], false))).toBe(false);
      expect(isActiveInvestigator(user([Role.Reviewer, Role.Analyst, Role.Admin]))).toBe(false);
      expect(isActiveInvestigator(null)).toBe(false);
    });

    it('is checked on the account as stored, and the refusal names the user and the place', async () => {
      const storing = (stored: User | null) => ({ findOneBy: async () => stored }) as unknown as EntityManager;
      const lead = user([Role.Investigator]);
      await expect(assertActiveInvestigator(storing(lead), 'u-1', 'lead investigator')).resolves.toBe(lead);
      await expect(assertActiveInvestigator(storing(user([Role.Investigator], false)), 'u-1', 'team member')).rejects.toThrow(
        new RuleViolationError('the team member must be an active user holding the investigator role; user u-1 is not'),
      );
      await expect(assertActiveInvestigator(storing(null), 'u-9', 'lead investigator')).rejects.toThrow(/the lead investigator .*user u-9 is not/);
    });
  });
});
