import { randomUUID } from 'node:crypto';
import { Role } from '../../src/common/auth/role.js';
import { addTeamMember, createComplaint, createInvestigation, createOfficer, type RecordBody } from '../support/factories.js';
import { bearer, createTestApp, ENGINE, type TestApp } from '../support/test-app.js';

interface HistoryEvent {
  seq: number;
  action: string;
  actor: { id: string | null; username: string | null; roles: string[] } | null;
  entityType: string;
  entityId: string;
  changes: Record<string, { before: unknown; after: unknown }> | null;
  detail: Record<string, unknown> | null;
  requestId: string | null;
}

describe(`record history (${ENGINE})`, () => {
  let t: TestApp;
  let lead: { id: string; token: string };
  let outsider: { id: string; token: string };
  let reviewer: string;
  let analyst: string;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp();
    lead = await t.newUser([Role.Investigator]);
    outsider = await t.newUser([Role.Investigator]);
    reviewer = await t.tokenFor(Role.Reviewer);
    analyst = await t.tokenFor(Role.Analyst);
    admin = await t.tokenFor(Role.Admin);
  });

  afterAll(async () => {
    await t.close();
  });

  async function history(path: string, token: string, query = '') {
    return t.http().get(`${path}/history${query}`).set(bearer(token));
  }

  async function patch(path: string, token: string, version: number, body: object) {
    const res = await t.http().patch(path).set(bearer(token)).set('If-Match', `"${version}"`).send(body);
    expect(res.status).toBe(200);
    return res.body as RecordBody;
  }

  describe('investigations', () => {
    let inv: RecordBody;

    beforeAll(async () => {
      inv = await createInvestigation(t, lead.token, { title: 'History case' });
      inv = await patch(`/api/investigations/${inv.id}`, lead.token, inv.version, { title: 'History case, renamed' });
    });

    it("lists the case's events newest first, with who, what and the changed fields", async () => {
      const res = await history(`/api/investigations/${inv.id}`, lead.token);
      expect(res.status).toBe(200);
      const items = res.body.items as HistoryEvent[];
      expect(res.body).toMatchObject({ total: items.length, limit: 20, offset: 0 });
      expect(items.map((e) => e.action)).toEqual(['investigation.updated', 'investigation.opened']);
      expect(items[0].seq).toBeGreaterThan(items[1].seq);
      expect(items[0]).toMatchObject({
        entityType: 'investigation', entityId: inv.id, actor: { id: lead.id, roles: [Role.Investigator] },
        changes: { title: { before: 'History case', after: 'History case, renamed' } },
      });
      expect(items.every((e) => e.entityId === inv.id)).toBe(true);
    });

    it('pages', async () => {
      const res = await history(`/api/investigations/${inv.id}`, reviewer, '?limit=1&offset=1');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ total: 2, limit: 1, offset: 1 });
      expect(res.body.items.map((e: HistoryEvent) => e.action)).toEqual(['investigation.opened']);
    });

    it('shows it to reviewers, analysts and team members, and answers 404 to an investigator not on the case', async () => {
      expect((await history(`/api/investigations/${inv.id}`, reviewer)).status).toBe(200);
      expect((await history(`/api/investigations/${inv.id}`, analyst)).status).toBe(200);
      const hidden = await history(`/api/investigations/${inv.id}`, outsider.token);
      expect(hidden.status).toBe(404);
      expect(hidden.body.message).toBe(`investigation ${inv.id} not found`);
      const colleague = await t.newUser([Role.Investigator]);
      await addTeamMember(t, lead.token, inv.id, colleague.id);
      expect((await history(`/api/investigations/${inv.id}`, colleague.token)).status).toBe(200);
    });

    it('refuses admins without a case role, and answers 404 and 400 for unknown and malformed ids', async () => {
      expect((await history(`/api/investigations/${inv.id}`, admin)).status).toBe(403);
      expect((await history(`/api/investigations/${randomUUID()}`, reviewer)).status).toBe(404);
      const bad = await history('/api/investigations/not-a-uuid', reviewer);
      expect(bad.status).toBe(400);
      expect(bad.body.message).toBe('id must be a UUID');
    });
  });

  describe('officers', () => {
    it("lists an officer's events to every case role, newest first; 404 for an unknown officer", async () => {
      let officer = await createOfficer(t, lead.token, { rank: 'PC' });
      officer = await patch(`/api/officers/${officer.id}`, reviewer, officer.version, { rank: 'PS' });
      for (const token of [lead.token, outsider.token, reviewer, analyst]) {
        const res = await history(`/api/officers/${officer.id}`, token);
        expect(res.status).toBe(200);
        expect(res.body.items.map((e: HistoryEvent) => e.action)).toEqual(['officer.updated', 'officer.created']);
        expect(res.body.items[0].changes).toMatchObject({ rank: { before: 'PC', after: 'PS' } });
      }
      expect((await history(`/api/officers/${randomUUID()}`, reviewer)).status).toBe(404);
      expect((await history(`/api/officers/${officer.id}`, admin)).status).toBe(403);
    });
  });

  describe('complaints', () => {
    const marker = `Marker-${randomUUID()}`;
    let complaint: RecordBody;

    beforeAll(async () => {
      complaint = await createComplaint(t, lead.token, {
        complainant: { anonymous: false, name: `Name ${marker}`, contact: `contact-${marker}@example.test` },
      });
      complaint = await patch(`/api/complaints/${complaint.id}`, lead.token, complaint.version, {
        complainant: { anonymous: false, name: `Renamed ${marker}`, contact: `contact-${marker}@example.test` },
        summary: 'Amended summary',
      });
      // A reviewer reads the complainant's details: an access event on the complaint.
      expect((await t.http().get(`/api/complaints/${complaint.id}`).set(bearer(reviewer))).status).toBe(200);
    });

    it('shows investigators and reviewers the complainant changes, and the reads of personal data', async () => {
      for (const token of [lead.token, reviewer]) {
        const res = await history(`/api/complaints/${complaint.id}`, token);
        expect(res.status).toBe(200);
        const items = res.body.items as HistoryEvent[];
        const update = items.find((e) => e.action === 'complaint.updated')!;
        expect(update.changes).toMatchObject({ complainantName: { before: `Name ${marker}`, after: `Renamed ${marker}` }, summary: { after: 'Amended summary' } });
        const read = items.find((e) => e.action === 'complaint.personal_data_read' && e.actor?.roles.includes(Role.Reviewer));
        expect(read).toMatchObject({ entityType: 'complaint', entityId: complaint.id, detail: { fields: expect.arrayContaining(['complainantName', 'complainantContact']) } });
      }
    });

    it('shows analysts the history without any complainant personal data', async () => {
      const res = await history(`/api/complaints/${complaint.id}`, analyst);
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body)).not.toContain(marker);
      const items = res.body.items as HistoryEvent[];
      const update = items.find((e) => e.action === 'complaint.updated')!;
      expect(update.changes).toMatchObject({ summary: { after: 'Amended summary' } });
      for (const event of items) {
        for (const field of ['complainantName', 'complainantContact', 'complainantAnonymous', 'complainantAttributes']) {
          expect(event.changes ?? {}).not.toHaveProperty(field);
        }
      }
      // The analyst can still see that the record was created and that personal data was read.
      expect(items.map((e) => e.action)).toEqual(expect.arrayContaining(['complaint.recorded', 'complaint.updated', 'complaint.personal_data_read']));
    });

    it('answers 404 to an investigator who neither recorded it nor works its case, 200 once it is linked to their case', async () => {
      expect((await history(`/api/complaints/${complaint.id}`, outsider.token)).status).toBe(404);
      const theirCase = await createInvestigation(t, outsider.token);
      await addTeamMember(t, outsider.token, theirCase.id, lead.id);
      const current = (await t.http().get(`/api/complaints/${complaint.id}`).set(bearer(lead.token))).body as RecordBody;
      await patch(`/api/complaints/${complaint.id}`, lead.token, current.version, { investigationId: theirCase.id });
      expect((await history(`/api/complaints/${complaint.id}`, outsider.token)).status).toBe(200);
    });
  });
});
