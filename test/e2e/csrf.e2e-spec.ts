import { Role } from '../../src/common/auth/role.js';
import { sessionRows, signIn, type Browser } from '../support/browser-session.js';
import { ADMIN_PASSWORD, bearer, createTestApp, USER_PASSWORD, type TestApp } from '../support/test-app.js';

const REFUSED = { statusCode: 403, error: 'Forbidden', message: 'cross-site request refused: missing or wrong CSRF token' };
const FOREIGN_ORIGIN = { statusCode: 403, error: 'Forbidden', message: 'cross-site request refused: the Origin is not this server' };
const UI_ORIGIN = 'https://ui.probity.example';

describe('cross-site request forgery', () => {
  let t: TestApp;
  let admin: Browser;
  let adminId: string;
  let ownOrigin: string;
  beforeAll(async () => {
    t = await createTestApp({ env: { CORS_ORIGINS: UI_ORIGIN } });
    admin = await signIn(t, 'admin', ADMIN_PASSWORD);
    adminId = admin.res.body.user.id;
    // supertest's Host header: the origin a page served by this server would send.
    const server = t.app.getHttpServer();
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    ownOrigin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(async () => { await t.close(); });

  let counter = 0;
  const newAccount = () => ({ username: `forged.${++counter}`, displayName: 'Forged', roles: [Role.Admin], password: 'a-forged-password-1' });

  /** Everything a forged write could have left behind. */
  const snapshot = async () => ({
    users: await t.sql('SELECT id, version, active, roles FROM users ORDER BY id'),
    audit: await t.sql('SELECT seq FROM audit_events ORDER BY seq'),
    sessions: await t.sql('SELECT token_hash, last_seen_at, ended_at FROM sessions ORDER BY token_hash'),
  });

  it('refuses a cookie-authenticated write without the CSRF token, or with a wrong one, and writes nothing', async () => {
    const before = await snapshot();
    const other = await signIn(t, 'admin', ADMIN_PASSWORD);
    // Last seen two minutes ago: a request let through would record activity, a refused one must not.
    await t.sql('UPDATE sessions SET last_seen_at = ?', [new Date(Date.now() - 120_000).toISOString()]);
    const afterSecondSignIn = await snapshot();
    for (const token of [undefined, '', 'not-the-token', other.csrfToken, admin.csrfToken.slice(0, -1), `${admin.csrfToken}x`]) {
      const req = t.http().post('/api/users').set('Cookie', admin.cookie);
      if (token !== undefined) req.set('X-CSRF-Token', token);
      const res = await req.send(newAccount()).expect(403);
      expect(res.body).toEqual(REFUSED);
    }
    // As a browser would send a forged form: no custom header, another site's Origin.
    const forged = await t.http().post(`/api/users/${adminId}/password`).set('Cookie', admin.cookie).set('Origin', 'https://evil.example')
      .send({ password: 'taken-over-password' }).expect(403);
    expect(forged.body).toEqual(REFUSED);
    await t.http().patch(`/api/users/${adminId}`).set('Cookie', admin.cookie).send({ displayName: 'Owned' }).expect(403);
    await t.http().delete('/api/auth/session').set('Cookie', admin.cookie).expect(403);
    expect(await snapshot()).toEqual(afterSecondSignIn);
    expect(before.users).toEqual(afterSecondSignIn.users);
    // The session is still live: the forgery did not sign the user out either.
    await t.http().get('/api/auth/session').set('Cookie', admin.cookie).expect(200);
  });

  it('refuses the right token sent from another site\'s Origin, and writes nothing', async () => {
    const before = await snapshot();
    const res = await t.http().post('/api/users').set('Cookie', admin.cookie).set('X-CSRF-Token', admin.csrfToken)
      .set('Origin', 'https://evil.example').send(newAccount()).expect(403);
    expect(res.body).toEqual(FOREIGN_ORIGIN);
    await t.http().post('/api/users').set('Cookie', admin.cookie).set('X-CSRF-Token', admin.csrfToken)
      .set('Origin', 'null').send(newAccount()).expect(403);
    expect(await snapshot()).toEqual(before);
  });

  it('lets the app\'s own writes through: the token, and the server\'s own Origin or a configured CORS origin', async () => {
    const ownPage = await t.http().post('/api/users').set('Cookie', admin.cookie).set('X-CSRF-Token', admin.csrfToken)
      .set('Origin', ownOrigin).send(newAccount());
    expect(ownPage.status).toBe(201);
    await t.http().post('/api/users').set('Cookie', admin.cookie).set('X-CSRF-Token', admin.csrfToken)
      .set('Origin', UI_ORIGIN).send(newAccount()).expect(201);
    // No Origin at all (not every browser sends one on same-origin requests).
    const created = await t.http().post('/api/users').set('Cookie', admin.cookie).set('X-CSRF-Token', admin.csrfToken).send(newAccount()).expect(201);
    const [event] = await t.sql<{ actor_id: string }>(`SELECT actor_id FROM audit_events WHERE action = 'user.created' AND entity_id = ?`, [created.body.id]);
    expect(event).toEqual({ actor_id: adminId });
  });

  it('needs no token for reads', async () => {
    await t.http().get('/api/users').set('Cookie', admin.cookie).set('Origin', ownOrigin).expect(200);
    await t.http().head('/api/users').set('Cookie', admin.cookie).expect(200);
  });

  it('does not touch bearer-token requests: no CSRF header needed, even with a cookie beside the token', async () => {
    const token = (await t.login('admin', ADMIN_PASSWORD).expect(200)).body.accessToken as string;
    await t.http().post('/api/users').set(bearer(token)).send(newAccount()).expect(201);
    await t.http().post('/api/users').set(bearer(token)).set('Cookie', admin.cookie).send(newAccount()).expect(201);
  });

  it('checks before any handler runs: a refused write with a bad body is 403, not 400', async () => {
    const res = await t.http().post('/api/users').set('Cookie', admin.cookie).send({ nonsense: true }).expect(403);
    expect(res.body).toEqual(REFUSED);
  });

  it('protects sign-out and a password change by the same rule', async () => {
    const user = await t.newUser([Role.Analyst], 'csrf.victim');
    const browser = await signIn(t, 'csrf.victim', USER_PASSWORD);
    await t.http().post('/api/auth/password').set('Cookie', browser.cookie)
      .send({ currentPassword: USER_PASSWORD, newPassword: 'attacker-chosen-pw' }).expect(403);
    await t.login('csrf.victim', USER_PASSWORD).expect(200);
    await t.http().delete('/api/auth/session').set('Cookie', browser.cookie).set('X-CSRF-Token', browser.csrfToken).expect(204);
    expect((await sessionRows(t, user.id)).map((r) => r.ended_reason)).toEqual(['signed_out']);
  });
});
