import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../support/test-app.js';

const LIMIT = 3;

describe('login rate limit per client address', () => {
  let t: TestApp;
  afterEach(async () => { await t.close(); });

  const attempt = (forwardedFor?: string) => {
    const req = t.http().post('/api/auth/login');
    if (forwardedFor) req.set('X-Forwarded-For', forwardedFor);
    return req.send({ username: 'admin', password: 'wrong-password' });
  };

  it('answers 429 in the one error shape once an address has used its attempts, with Retry-After', async () => {
    t = await createTestApp({ env: { LOGIN_RATE_LIMIT: String(LIMIT) } });
    for (let i = 0; i < LIMIT; i++) await attempt().expect(401);
    const limited = await attempt().expect(429);
    expect(limited.body).toEqual({ statusCode: 429, error: 'Too Many Requests', message: expect.stringMatching(/retry in/i) });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // The right password does not get through either while the address is limited.
    await t.login('admin', ADMIN_PASSWORD).expect(429);
    // Other routes are not limited.
    await t.http().get('/api/health').expect(200);
  });

  it('ignores X-Forwarded-For unless TRUST_PROXY says who may set it', async () => {
    t = await createTestApp({ env: { LOGIN_RATE_LIMIT: String(LIMIT) } });
    for (let i = 0; i < LIMIT; i++) await attempt(`10.0.0.${i}`).expect(401);
    await attempt('10.0.0.99').expect(429);
  });

  it('limits each forwarded client separately behind a trusted proxy', async () => {
    t = await createTestApp({ env: { LOGIN_RATE_LIMIT: String(LIMIT), TRUST_PROXY: '127.0.0.1,::1,::ffff:127.0.0.1' } });
    for (let i = 0; i < LIMIT; i++) await attempt('203.0.113.7').expect(401);
    await attempt('203.0.113.7').expect(429);
    await attempt('203.0.113.8').expect(401);
    const [event] = await t.sql(`SELECT client_ip FROM audit_events WHERE action = 'auth.login_failed' ORDER BY seq DESC`);
    expect(event).toEqual({ client_ip: '203.0.113.8' });
  });
});
