import { ADMIN_PASSWORD, bearer, createTestApp, type TestApp } from '../support/test-app.js';
import { Role } from '../../src/users/role.js';

describe('auth', () => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(); });
  afterAll(async () => { await t.close(); });

  it('logs the first admin in and returns a token with the user', async () => {
    const res = await t.http().post('/api/auth/login').send({ username: 'Admin', password: ADMIN_PASSWORD }).expect(200);
    expect(res.body).toMatchObject({ expiresIn: 900, user: { username: 'admin', roles: ['admin'] } });
    const me = await t.http().get('/api/auth/me').set(bearer(res.body.accessToken)).expect(200);
    expect(me.body.username).toBe('admin');
  });

  it('refuses a wrong password with the generic 401', async () => {
    const res = await t.http().post('/api/auth/login').send({ username: 'admin', password: 'nope' }).expect(401);
    expect(res.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'invalid username or password' });
  });

  it('lets an investigator see themselves but not the user list', async () => {
    const token = await t.tokenFor(Role.Investigator);
    await t.http().get('/api/auth/me').set(bearer(token)).expect(200);
    await t.http().get('/api/users').set(bearer(token)).expect(403);
  });
});
