import { Role } from '../../src/common/auth/role.js';
import { ADMIN_PASSWORD, bearer, createTestApp, USER_PASSWORD, type TestApp } from '../support/test-app.js';

const GENERIC_401 = { statusCode: 401, error: 'Unauthorized', message: 'invalid username or password' };
const minutesFromNow = (m: number) => new Date(Date.now() + m * 60_000).toISOString();

describe('auth', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = (await t.login('admin', ADMIN_PASSWORD).expect(200)).body.accessToken;
  });
  afterAll(async () => { await t.close(); });

  /** The reasons the audit trail gives for a user's failed logins, oldest first. */
  const failures = async (userId: string) =>
    (await t.sql<{ detail: string }>(`SELECT detail FROM audit_events WHERE action = 'auth.login_failed' AND entity_id = ? ORDER BY seq`, [userId]))
      .map((row) => (JSON.parse(row.detail) as { reason: string }).reason);

  describe('login', () => {
    it('returns a token, its lifetime and the user; the token identifies them', async () => {
      const { id, username } = await t.newUser([Role.Investigator, Role.Reviewer], 'Login.Ok');
      const res = await t.login('login.ok', USER_PASSWORD).expect(200);
      expect(res.body).toEqual({
        accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
        expiresIn: 900,
        user: { id, username, displayName: `Test ${username}`, roles: [Role.Investigator, Role.Reviewer] },
      });
      const me = await t.http().get('/api/auth/me').set(bearer(res.body.accessToken)).expect(200);
      expect(me.body).toEqual(res.body.user);
      const [row] = await t.sql<{ last_login_at: string }>('SELECT last_login_at FROM users WHERE id = ?', [id]);
      expect(Date.now() - Date.parse(row.last_login_at)).toBeLessThan(60_000);
    });

    it('answers every failure with the same 401, whether the user exists or not', async () => {
      const inactive = await t.newUser([Role.Analyst], 'inactive.user');
      await t.http().patch(`/api/users/${inactive.id}`).set(bearer(admin)).send({ active: false }).expect(200);
      const locked = await t.newUser([Role.Analyst], 'locked.user');
      await t.sql('UPDATE users SET locked_until = ? WHERE id = ?', [minutesFromNow(10), locked.id]);
      const wrong = await t.newUser([Role.Analyst], 'wrong.password');

      const answers = await Promise.all([
        t.login('no.such.user', USER_PASSWORD),
        t.login('wrong.password', 'not-the-password'),
        t.login('inactive.user', USER_PASSWORD),
        t.login('locked.user', USER_PASSWORD),
      ]);
      for (const res of answers) {
        expect(res.status).toBe(401);
        expect(res.body).toEqual(GENERIC_401);
        expect(res.headers['www-authenticate']).toBeUndefined();
      }
      // The audit trail knows the real reason; the caller does not.
      expect(await failures(wrong.id)).toEqual(['bad_password']);
      expect(await failures(inactive.id)).toEqual(['inactive']);
      expect(await failures(locked.id)).toEqual(['locked']);
      const unknown = await t.sql(`SELECT detail FROM audit_events WHERE action = 'auth.login_failed' AND detail LIKE ?`, ['%no.such.user%']);
      expect(unknown).toHaveLength(1);
    });

    it('refuses a malformed login body with a 400 naming the field', async () => {
      const missing = await t.http().post('/api/auth/login').send({ username: 'admin' }).expect(400);
      expect(missing.body.message).toMatch(/password/);
      expect(missing.body.details).toEqual([expect.objectContaining({ field: 'password' })]);
      const extra = await t.http().post('/api/auth/login').send({ username: 'admin', password: ADMIN_PASSWORD, role: 'admin' }).expect(400);
      expect(extra.body.message).toBe('property role should not exist');
      const typed = await t.http().post('/api/auth/login').send({ username: 42, password: ADMIN_PASSWORD }).expect(400);
      expect(typed.body.details).toEqual([expect.objectContaining({ field: 'username' })]);
    });
  });

  describe('lockout', () => {
    const lockedUntil = async (id: string) => (await t.sql<{ locked_until: string | null }>('SELECT locked_until FROM users WHERE id = ?', [id]))[0].locked_until;

    it('locks after five failures within 15 minutes, even against the right password', async () => {
      const user = await t.newUser([Role.Reviewer], 'five.failures');
      for (let i = 1; i <= 4; i++) await t.login('five.failures', `wrong-${i}`).expect(401);
      expect(await lockedUntil(user.id)).toBeNull();
      await t.login('five.failures', 'wrong-5').expect(401);
      const until = await lockedUntil(user.id);
      expect(Date.parse(until!) - Date.now()).toBeGreaterThan(14 * 60_000);
      expect(Date.parse(until!) - Date.now()).toBeLessThanOrEqual(15 * 60_000);
      expect((await t.login('five.failures', USER_PASSWORD).expect(401)).body).toEqual(GENERIC_401);
      const [event] = await t.sql(`SELECT entity_id FROM audit_events WHERE action = 'auth.locked' AND entity_id = ?`, [user.id]);
      expect(event).toBeDefined();
      // An existing token is not a password login: it keeps working until it expires.
      await t.http().get('/api/auth/me').set(bearer(user.token)).expect(200);
    });

    it('is released by an admin, and the count starts again', async () => {
      const user = await t.newUser([Role.Reviewer], 'to.unlock');
      for (let i = 0; i < 5; i++) await t.login('to.unlock', 'wrong').expect(401);
      const res = await t.http().post(`/api/users/${user.id}/unlock`).set(bearer(admin)).expect(200);
      expect(res.body.lockedUntil).toBeNull();
      await t.login('to.unlock', 'wrong').expect(401);
      expect(await lockedUntil(user.id)).toBeNull();
      await t.login('to.unlock', USER_PASSWORD).expect(200);
    });

    it('ends by itself when the lock expires; one more failure then does not lock again', async () => {
      const user = await t.newUser([Role.Reviewer], 'lock.expires');
      for (let i = 0; i < 5; i++) await t.login('lock.expires', 'wrong').expect(401);
      await t.login('lock.expires', USER_PASSWORD).expect(401);
      await t.sql('UPDATE users SET locked_until = ? WHERE id = ?', [minutesFromNow(-1), user.id]);
      await t.login('lock.expires', 'wrong-again').expect(401);
      expect(await lockedUntil(user.id)).toBeNull();
      await t.login('lock.expires', USER_PASSWORD).expect(200);
    });

    it('does not count failures older than 15 minutes', async () => {
      const user = await t.newUser([Role.Reviewer], 'old.failures');
      await t.sql('UPDATE users SET failed_logins = 4, first_failed_at = ? WHERE id = ?', [minutesFromNow(-16), user.id]);
      await t.login('old.failures', 'wrong').expect(401);
      expect(await lockedUntil(user.id)).toBeNull();
      const [row] = await t.sql<{ failed_logins: number }>('SELECT failed_logins FROM users WHERE id = ?', [user.id]);
      expect(Number(row.failed_logins)).toBe(1);
      await t.login('old.failures', USER_PASSWORD).expect(200);
    });

    it('is shared by concurrent attempts: ten at once still lock the account', async () => {
      const user = await t.newUser([Role.Reviewer], 'parallel.guesses');
      await Promise.all(Array.from({ length: 10 }, (_, i) => t.login('parallel.guesses', `guess-${i}`).expect(401)));
      const [row] = await t.sql<{ failed_logins: number }>('SELECT failed_logins FROM users WHERE id = ?', [user.id]);
      expect(Number(row.failed_logins)).toBe(10);
      expect(await lockedUntil(user.id)).not.toBeNull();
    });
  });

  describe('password change', () => {
    it('needs the current password; afterwards the old token and password stop working', async () => {
      const user = await t.newUser([Role.Investigator], 'changes.password');
      await t.http().post('/api/auth/password').set(bearer(user.token))
        .send({ currentPassword: USER_PASSWORD, newPassword: 'a-brand-new-password' }).expect(204);
      await t.http().get('/api/auth/me').set(bearer(user.token)).expect(401);
      await t.login('changes.password', USER_PASSWORD).expect(401);
      const fresh = await t.login('changes.password', 'a-brand-new-password').expect(200);
      await t.http().get('/api/auth/me').set(bearer(fresh.body.accessToken)).expect(200);
      const [event] = await t.sql(`SELECT actor_id FROM audit_events WHERE action = 'user.password_changed' AND entity_id = ?`, [user.id]);
      expect(event).toEqual({ actor_id: user.id });
    });

    it('refuses a wrong current password with the generic 401 and counts it towards the lockout', async () => {
      const user = await t.newUser([Role.Investigator], 'guesses.current');
      for (let i = 0; i < 5; i++) {
        const res = await t.http().post('/api/auth/password').set(bearer(user.token))
          .send({ currentPassword: `guess-${i}`, newPassword: 'attacker-password-1' }).expect(401);
        expect(res.body).toEqual(GENERIC_401);
      }
      // Now locked: even the right current password is refused, and so is a login.
      await t.http().post('/api/auth/password').set(bearer(user.token))
        .send({ currentPassword: USER_PASSWORD, newPassword: 'attacker-password-1' }).expect(401);
      await t.login('guesses.current', USER_PASSWORD).expect(401);
    });

    it('names the field when the new password is too short or a field is missing', async () => {
      const token = await t.tokenFor(Role.Analyst);
      const short = await t.http().post('/api/auth/password').set(bearer(token)).send({ currentPassword: USER_PASSWORD, newPassword: 'short' }).expect(400);
      expect(short.body.details).toEqual([{ field: 'newPassword', problems: ['newPassword must be longer than or equal to 12 characters'] }]);
      const missing = await t.http().post('/api/auth/password').set(bearer(token)).send({ newPassword: 'long-enough-password' }).expect(400);
      expect(missing.body.details.map((d: { field: string }) => d.field)).toEqual(['currentPassword']);
    });
  });
});
