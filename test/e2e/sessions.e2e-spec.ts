import { createHash } from 'node:crypto';
import { Role } from '../../src/common/auth/role.js';
import { sessionRows, setCookies, signIn, type Browser } from '../support/browser-session.js';
import { ADMIN_PASSWORD, bearer, createTestApp, USER_PASSWORD, type TestApp } from '../support/test-app.js';

const GENERIC_401 = { statusCode: 401, error: 'Unauthorized', message: 'invalid username or password' };
const SESSION_ENDED = { statusCode: 401, error: 'Unauthorized', message: 'session expired or ended: sign in again' };
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

describe('browser sessions', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    // Loopback is a trusted proxy here, so a test can say the request came over HTTPS.
    t = await createTestApp({ env: { TRUST_PROXY: 'loopback' } });
    admin = (await t.login('admin', ADMIN_PASSWORD).expect(200)).body.accessToken;
  });
  afterAll(async () => { await t.close(); });

  const withCookie = (browser: Browser) => ({ Cookie: browser.cookie });
  const writeHeaders = (browser: Browser) => ({ Cookie: browser.cookie, 'X-CSRF-Token': browser.csrfToken });
  const auditOf = async (userId: string, action: string) =>
    (await t.sql<{ actor_id: string | null; detail: string | null }>('SELECT actor_id, detail FROM audit_events WHERE entity_id = ? AND action = ? ORDER BY seq', [userId, action]))
      .map((row) => ({ actorId: row.actor_id, detail: row.detail ? JSON.parse(row.detail) : null }));

  describe('sign-in', () => {
    it('sets an HttpOnly, SameSite=Strict session cookie for the whole site and answers the user, the CSRF token and the lifetimes', async () => {
      const user = await t.newUser([Role.Investigator], 'browser.user');
      const res = await t.http().post('/api/auth/session').set('User-Agent', 'TestBrowser/1.0').send({ username: 'Browser.User', password: USER_PASSWORD }).expect(200);
      expect(res.body).toEqual({
        user: { id: user.id, username: 'browser.user', displayName: 'Test browser.user', roles: [Role.Investigator] },
        csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        expiresAt: expect.any(String),
        idleTimeoutSeconds: 1800,
      });
      const hours = (Date.parse(res.body.expiresAt) - Date.now()) / 3_600_000;
      expect(hours).toBeGreaterThan(11.9);
      expect(hours).toBeLessThanOrEqual(12);

      const cookies = setCookies(res);
      expect(cookies).toHaveLength(1);
      const [pair, ...attributes] = cookies[0].split(';').map((part) => part.trim());
      expect(pair).toMatch(/^probity_session=[A-Za-z0-9_-]{43}$/);
      expect(attributes.sort()).toEqual(['HttpOnly', 'Path=/', 'SameSite=Strict']);
      // No token in the body for scripts to read.
      expect(JSON.stringify(res.body)).not.toContain(pair.split('=')[1]);

      // The database keeps the secret's SHA-256, never the secret.
      const secret = pair.split('=')[1];
      const [row] = await sessionRows(t, user.id);
      expect(row.token_hash).toBe(createHash('sha256').update(secret).digest('hex'));
      expect(JSON.stringify(await t.sql('SELECT * FROM sessions'))).not.toContain(secret);
      expect(row).toMatchObject({ ended_at: null, user_agent: 'TestBrowser/1.0', csrf_token: res.body.csrfToken, expires_at: res.body.expiresAt });
      expect(Number(row.credentials_version)).toBe(1);
      expect(row.client_address).toMatch(/127\.0\.0\.1|::1/);

      expect(await auditOf(user.id, 'auth.login')).toEqual([
        { actorId: user.id, detail: { method: 'token' } }, // newUser's token login
        { actorId: user.id, detail: { method: 'session' } },
      ]);
    });

    it('marks the cookie Secure and names it __Host-probity_session when the request came over HTTPS', async () => {
      await t.newUser([Role.Analyst], 'https.user');
      const res = await t.http().post('/api/auth/session').set('X-Forwarded-Proto', 'https').send({ username: 'https.user', password: USER_PASSWORD }).expect(200);
      const [pair, ...attributes] = setCookies(res)[0].split(';').map((part) => part.trim());
      expect(pair).toMatch(/^__Host-probity_session=[A-Za-z0-9_-]{43}$/);
      expect(attributes.sort()).toEqual(['HttpOnly', 'Path=/', 'SameSite=Strict', 'Secure']);
      // Over HTTPS only the __Host- cookie counts: a plain one (which a sibling host could set) is ignored.
      await t.http().get('/api/auth/me').set('X-Forwarded-Proto', 'https').set('Cookie', pair).expect(200);
      await t.http().get('/api/auth/me').set('X-Forwarded-Proto', 'https').set('Cookie', pair.replace('__Host-', '')).expect(401);
    });

    it('answers a wrong password, an unknown user, a locked or an inactive account with the token login\'s one 401, and sets no cookie', async () => {
      const inactive = await t.newUser([Role.Analyst], 'session.inactive');
      await t.http().patch(`/api/users/${inactive.id}`).set(bearer(admin)).send({ active: false }).expect(200);
      const locked = await t.newUser([Role.Analyst], 'session.locked');
      // As five failures leave it: locked, with the failure window open.
      await t.sql('UPDATE users SET failed_logins = 5, first_failed_at = ?, locked_until = ? WHERE id = ?', [minutesAgo(1), new Date(Date.now() + 600_000).toISOString(), locked.id]);
      const wrong = await t.newUser([Role.Analyst], 'session.wrong');
      for (const [username, password] of [['session.wrong', 'not-the-password'], ['no.such.session.user', USER_PASSWORD], ['session.inactive', USER_PASSWORD], ['session.locked', USER_PASSWORD]]) {
        const res = await t.http().post('/api/auth/session').send({ username, password }).expect(401);
        expect(res.body).toEqual(GENERIC_401);
        expect(setCookies(res)).toEqual([]);
        const token = await t.login(username, password).expect(401);
        expect(token.body).toEqual(res.body);
      }
      const reasons = async (id: string) => (await auditOf(id, 'auth.login_failed')).map((e) => `${e.detail.reason}/${e.detail.method}`);
      expect(await reasons(wrong.id)).toEqual(['bad_password/session', 'bad_password/token']);
      expect(await reasons(inactive.id)).toEqual(['inactive/session', 'inactive/token']);
      expect(await reasons(locked.id)).toEqual(['locked/session', 'locked/token']);
      for (const id of [wrong.id, inactive.id, locked.id]) expect(await sessionRows(t, id)).toEqual([]);
    });

    it('counts failures towards the same lockout as token logins', async () => {
      const user = await t.newUser([Role.Reviewer], 'session.lockout');
      for (let i = 1; i <= 3; i++) await t.http().post('/api/auth/session').send({ username: 'session.lockout', password: `wrong-${i}` }).expect(401);
      await t.login('session.lockout', 'wrong-4').expect(401);
      await t.http().post('/api/auth/session').send({ username: 'session.lockout', password: 'wrong-5' }).expect(401);
      const [row] = await t.sql<{ locked_until: string | null }>('SELECT locked_until FROM users WHERE id = ?', [user.id]);
      expect(row.locked_until).not.toBeNull();
      expect((await t.http().post('/api/auth/session').send({ username: 'session.lockout', password: USER_PASSWORD }).expect(401)).body).toEqual(GENERIC_401);
      expect(await auditOf(user.id, 'auth.locked')).toHaveLength(1);
    });

    it('refuses a malformed body with a 400 naming the field', async () => {
      const res = await t.http().post('/api/auth/session').send({ username: 'admin' }).expect(400);
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'password' })]);
      const extra = await t.http().post('/api/auth/session').send({ username: 'admin', password: ADMIN_PASSWORD, remember: true }).expect(400);
      expect(extra.body.message).toBe('property remember should not exist');
    });

    it('refuses a sign-in posted from another site\'s page', async () => {
      const res = await t.http().post('/api/auth/session').set('Origin', 'https://evil.example').send({ username: 'admin', password: ADMIN_PASSWORD }).expect(403);
      expect(res.body).toEqual({ statusCode: 403, error: 'Forbidden', message: 'cross-site request refused: the Origin is not this server' });
      expect(setCookies(res)).toEqual([]);
    });

    it('ends the session the browser held before: one browser, one session', async () => {
      const user = await t.newUser([Role.Analyst], 'signs.in.twice');
      const first = await signIn(t, 'signs.in.twice', USER_PASSWORD);
      const second = await t.http().post('/api/auth/session').set(withCookie(first)).send({ username: 'signs.in.twice', password: USER_PASSWORD }).expect(200);
      await t.http().get('/api/auth/me').set(withCookie(first)).expect(401);
      await t.http().get('/api/auth/me').set('Cookie', setCookies(second)[0].split(';', 1)[0]).expect(200);
      expect((await sessionRows(t, user.id)).map((r) => r.ended_reason)).toEqual(['replaced', null]);
    });
  });

  describe('a signed-in browser', () => {
    it('reads its session and calls protected routes with the cookie alone', async () => {
      const user = await t.newUser([Role.Investigator], 'cookie.reader');
      const browser = await signIn(t, 'cookie.reader', USER_PASSWORD);
      const session = await t.http().get('/api/auth/session').set(withCookie(browser)).expect(200);
      expect(session.body).toEqual(browser.res.body);
      expect((await t.http().get('/api/auth/me').set(withCookie(browser)).expect(200)).body).toEqual(browser.res.body.user);
      await t.http().get('/api/investigations').set(withCookie(browser)).expect(200);
      // The roles are the account's: an admin-only route stays closed.
      await t.http().get('/api/users').set(withCookie(browser)).expect(403);
      expect(user.id).toBe(session.body.user.id);
    });

    it('has no session to show when it used a bearer token', async () => {
      const token = await t.tokenFor(Role.Analyst);
      const res = await t.http().get('/api/auth/session').set(bearer(token)).expect(404);
      expect(res.body.statusCode).toBe(404);
      await t.http().delete('/api/auth/session').set(bearer(token)).expect(404);
    });

    it('is refused with the generic 401 without a cookie, and with the session message for an unknown one', async () => {
      const none = await t.http().get('/api/auth/session').expect(401);
      expect(none.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'missing, invalid or expired token' });
      const unknown = await t.http().get('/api/auth/session').set('Cookie', `probity_session=${'A'.repeat(43)}`).expect(401);
      expect(unknown.body).toEqual(SESSION_ENDED);
    });

    it('signs out: the session ends on the server, the cookie is cleared, and the old cookie gets 401', async () => {
      const user = await t.newUser([Role.Reviewer], 'signs.out');
      const browser = await signIn(t, 'signs.out', USER_PASSWORD);
      const res = await t.http().delete('/api/auth/session').set(writeHeaders(browser)).expect(204);
      const [cleared] = setCookies(res);
      expect(cleared).toMatch(/^probity_session=; /);
      expect(cleared).toContain('Max-Age=0');
      expect((await t.http().get('/api/auth/session').set(withCookie(browser)).expect(401)).body).toEqual(SESSION_ENDED);
      await t.http().get('/api/auth/me').set(withCookie(browser)).expect(401);
      const [row] = await sessionRows(t, user.id);
      expect(row.ended_reason).toBe('signed_out');
      expect(row.ended_at).not.toBeNull();
      expect(await auditOf(user.id, 'auth.logout')).toEqual([{ actorId: user.id, detail: { method: 'session' } }]);
    });

    it('records activity at most once a minute', async () => {
      const user = await t.newUser([Role.Analyst], 'touches');
      const browser = await signIn(t, 'touches', USER_PASSWORD);
      const [signedIn] = await sessionRows(t, user.id);
      await t.http().get('/api/auth/me').set(withCookie(browser)).expect(200);
      expect((await sessionRows(t, user.id))[0].last_seen_at).toBe(signedIn.last_seen_at);
      await t.sql('UPDATE sessions SET last_seen_at = ? WHERE user_id = ?', [minutesAgo(2), user.id]);
      await t.http().get('/api/auth/me').set(withCookie(browser)).expect(200);
      expect(Date.now() - Date.parse((await sessionRows(t, user.id))[0].last_seen_at)).toBeLessThan(10_000);
    });
  });

  describe('ends by itself', () => {
    it('after SESSION_IDLE_MINUTES without a request (audited as expired)', async () => {
      const user = await t.newUser([Role.Analyst], 'goes.idle');
      const browser = await signIn(t, 'goes.idle', USER_PASSWORD);
      await t.sql('UPDATE sessions SET last_seen_at = ? WHERE user_id = ?', [minutesAgo(29), user.id]);
      await t.http().get('/api/auth/me').set(withCookie(browser)).expect(200);
      await t.sql('UPDATE sessions SET last_seen_at = ? WHERE user_id = ?', [minutesAgo(31), user.id]);
      expect((await t.http().get('/api/auth/me').set(withCookie(browser)).expect(401)).body).toEqual(SESSION_ENDED);
      expect((await sessionRows(t, user.id))[0].ended_reason).toBe('idle_timeout');
      expect(await auditOf(user.id, 'auth.session_expired')).toEqual([{ actorId: null, detail: { reason: 'idle_timeout', username: 'goes.idle' } }]);
      // Ended for good: activity in the database cannot bring it back.
      await t.sql('UPDATE sessions SET last_seen_at = ? WHERE user_id = ?', [new Date().toISOString(), user.id]);
      await t.http().get('/api/auth/me').set(withCookie(browser)).expect(401);
      expect(await auditOf(user.id, 'auth.session_expired')).toHaveLength(1);
    });

    it('at its absolute end (SESSION_MAX_HOURS after sign-in), however busy', async () => {
      const user = await t.newUser([Role.Analyst], 'busy.all.day');
      const browser = await signIn(t, 'busy.all.day', USER_PASSWORD);
      await t.sql('UPDATE sessions SET expires_at = ? WHERE user_id = ?', [minutesAgo(0.1), user.id]);
      expect((await t.http().get('/api/auth/me').set(withCookie(browser)).expect(401)).body).toEqual(SESSION_ENDED);
      expect((await sessionRows(t, user.id))[0].ended_reason).toBe('max_age');
      expect(await auditOf(user.id, 'auth.session_expired')).toEqual([{ actorId: null, detail: { reason: 'max_age', username: 'busy.all.day' } }]);
    });
  });

  describe('ends at once, on every instance', () => {
    it('when an admin deactivates the account (and stays ended after reactivation)', async () => {
      const user = await t.newUser([Role.Investigator], 'to.deactivate');
      const browser = await signIn(t, 'to.deactivate', USER_PASSWORD);
      await t.http().patch(`/api/users/${user.id}`).set(bearer(admin)).send({ active: false }).expect(200);
      expect((await t.http().get('/api/auth/me').set(withCookie(browser)).expect(401)).body).toEqual(SESSION_ENDED);
      const [row] = await sessionRows(t, user.id);
      expect(row.ended_reason).toBe('deactivated');
      const [event] = await auditOf(user.id, 'auth.sessions_ended');
      expect(event.detail).toEqual({ reason: 'deactivated', sessions: 1 });
      await t.http().patch(`/api/users/${user.id}`).set(bearer(admin)).send({ active: true }).expect(200);
      await t.http().get('/api/auth/me').set(withCookie(browser)).expect(401);
    });

    it('when the user changes their password: this session, their other sessions and their tokens', async () => {
      const user = await t.newUser([Role.Investigator], 'new.password');
      const here = await signIn(t, 'new.password', USER_PASSWORD);
      const elsewhere = await signIn(t, 'new.password', USER_PASSWORD);
      await t.http().post('/api/auth/password').set(writeHeaders(here))
        .send({ currentPassword: USER_PASSWORD, newPassword: 'the-next-password-1' }).expect(204);
      for (const browser of [here, elsewhere]) expect((await t.http().get('/api/auth/me').set(withCookie(browser)).expect(401)).body).toEqual(SESSION_ENDED);
      await t.http().get('/api/auth/me').set(bearer(user.token)).expect(401);
      expect((await sessionRows(t, user.id)).map((r) => r.ended_reason)).toEqual(['password_changed', 'password_changed']);
      await signIn(t, 'new.password', 'the-next-password-1');
    });

    it('when an admin resets the password', async () => {
      const user = await t.newUser([Role.Reviewer], 'gets.reset');
      const browser = await signIn(t, 'gets.reset', USER_PASSWORD);
      await t.http().post(`/api/users/${user.id}/password`).set(bearer(admin)).send({ password: 'an-admin-set-password' }).expect(200);
      expect((await t.http().get('/api/auth/me').set(withCookie(browser)).expect(401)).body).toEqual(SESSION_ENDED);
      expect((await sessionRows(t, user.id))[0].ended_reason).toBe('password_reset');
      expect((await auditOf(user.id, 'auth.sessions_ended'))[0].detail).toEqual({ reason: 'password_reset', sessions: 1 });
    });

    it('when the account changes behind the API\'s back (a credentials version the session did not start with)', async () => {
      const user = await t.newUser([Role.Reviewer], 'changed.elsewhere');
      const browser = await signIn(t, 'changed.elsewhere', USER_PASSWORD);
      await t.sql('UPDATE users SET credentials_version = credentials_version + 1 WHERE id = ?', [user.id]);
      await t.http().get('/api/auth/me').set(withCookie(browser)).expect(401);
      expect((await sessionRows(t, user.id))[0].ended_reason).toBe('credentials_changed');
    });
  });

  describe('bearer tokens', () => {
    it('work exactly as before, and a request with a token and a cookie is the token\'s', async () => {
      const user = await t.newUser([Role.Analyst], 'token.and.cookie');
      const browser = await signIn(t, 'token.and.cookie', USER_PASSWORD);
      const me = await t.http().get('/api/auth/me').set(bearer(admin)).set(withCookie(browser)).expect(200);
      expect(me.body.username).toBe('admin');
      // A bad token is not rescued by a good cookie.
      await t.http().get('/api/auth/me').set(bearer('not.a.token')).set(withCookie(browser)).expect(401);
      expect(user.id).toBeDefined();
    });
  });
});

describe('browser sessions configured', () => {
  let t: TestApp;
  afterEach(async () => { await t.close(); });

  it('by SESSION_COOKIE_SECURE, SESSION_IDLE_MINUTES and SESSION_MAX_HOURS', async () => {
    t = await createTestApp({ env: { SESSION_COOKIE_SECURE: 'true', SESSION_IDLE_MINUTES: '1', SESSION_MAX_HOURS: '1' } });
    const res = await t.http().post('/api/auth/session').send({ username: 'admin', password: ADMIN_PASSWORD }).expect(200);
    const [pair, ...attributes] = setCookies(res)[0].split(';').map((part) => part.trim());
    expect(pair).toMatch(/^__Host-probity_session=/);
    expect(attributes.sort()).toEqual(['HttpOnly', 'Path=/', 'SameSite=Strict', 'Secure']);
    expect(res.body.idleTimeoutSeconds).toBe(60);
    const minutes = (Date.parse(res.body.expiresAt) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(59);
    expect(minutes).toBeLessThanOrEqual(60);
    await t.http().get('/api/auth/me').set('Cookie', pair).expect(200);
    const [{ id }] = await t.sql<{ id: string }>(`SELECT id FROM users WHERE username = 'admin'`);
    // With a one-minute idle timeout, activity is recorded every 15 s, so a session in use stays alive.
    await t.sql('UPDATE sessions SET last_seen_at = ? WHERE user_id = ?', [minutesAgo(0.5), id]);
    await t.http().get('/api/auth/me').set('Cookie', pair).expect(200);
    const [{ last_seen_at: seen }] = await t.sql<{ last_seen_at: string }>('SELECT last_seen_at FROM sessions WHERE user_id = ?', [id]);
    expect(Date.now() - Date.parse(seen)).toBeLessThan(10_000);
    await t.sql('UPDATE sessions SET last_seen_at = ? WHERE user_id = ?', [minutesAgo(1.1), id]);
    await t.http().get('/api/auth/me').set('Cookie', pair).expect(401);
  });

  it('by LOGIN_RATE_LIMIT: sign-in attempts per address, answered 429 in the one error shape', async () => {
    t = await createTestApp({ env: { LOGIN_RATE_LIMIT: '3' } });
    for (let i = 0; i < 3; i++) await t.http().post('/api/auth/session').send({ username: 'admin', password: 'wrong-password' }).expect(401);
    const limited = await t.http().post('/api/auth/session').send({ username: 'admin', password: ADMIN_PASSWORD }).expect(429);
    expect(limited.body).toEqual({ statusCode: 429, error: 'Too Many Requests', message: expect.stringMatching(/retry in/i) });
    expect(setCookies(limited)).toEqual([]);
  });
});
