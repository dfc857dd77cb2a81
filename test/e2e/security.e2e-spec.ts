import { Role } from '../../src/common/auth/role.js';
import { ADMIN_PASSWORD, bearer, createTestApp, type TestApp } from '../support/test-app.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const UI_ORIGIN = 'https://ui.probity.example';

describe('HTTP surface', () => {
  describe('headers and request ids', () => {
    let t: TestApp;
    beforeAll(async () => { t = await createTestApp(); });
    afterAll(async () => { await t.close(); });

    it('sends the security headers on answers and on errors alike', async () => {
      const token = await t.tokenFor(Role.Analyst);
      for (const res of [await t.http().get('/api/auth/me').set(bearer(token)).expect(200), await t.http().get('/api/users').expect(401)]) {
        expect(res.headers).toMatchObject({
          'x-content-type-options': 'nosniff',
          'x-frame-options': 'DENY',
          'referrer-policy': 'no-referrer',
          'cross-origin-opener-policy': 'same-origin',
          'cross-origin-resource-policy': 'same-origin',
          'strict-transport-security': expect.stringContaining('max-age='),
          'content-security-policy': expect.stringContaining("default-src 'self'"),
        });
        expect(res.headers['x-powered-by']).toBeUndefined();
      }
    });

    it('gives every response a request id, keeps a sane incoming one and replaces an unsafe one', async () => {
      const a = await t.http().get('/api/health').expect(200);
      const b = await t.http().get('/api/health').expect(200);
      expect(a.headers['x-request-id']).toMatch(UUID);
      expect(b.headers['x-request-id']).not.toBe(a.headers['x-request-id']);

      const kept = await t.http().get('/api/health').set('X-Request-Id', 'lb-7f3a.trace_01').expect(200);
      expect(kept.headers['x-request-id']).toBe('lb-7f3a.trace_01');
      for (const unsafe of ['x'.repeat(65), 'has space', '<script>', 'a"b', '']) {
        const res = await t.http().get('/api/health').set('X-Request-Id', unsafe).expect(200);
        expect(res.headers['x-request-id']).toMatch(UUID);
      }
      // Errors carry it too.
      expect((await t.http().get('/api/users').set('X-Request-Id', 'err-trace-1').expect(401)).headers['x-request-id']).toBe('err-trace-1');
    });

    it('records the request id in the audit trail of the write it caused', async () => {
      await t.http().post('/api/auth/login').set('X-Request-Id', 'audit-trace-42').send({ username: 'admin', password: ADMIN_PASSWORD }).expect(200);
      const [event] = await t.sql(`SELECT action FROM audit_events WHERE request_id = ?`, ['audit-trace-42']);
      expect(event).toEqual({ action: 'auth.login' });
    });

    it('keeps CORS closed when no origins are configured', async () => {
      const preflight = await t.http().options('/api/users').set('Origin', UI_ORIGIN).set('Access-Control-Request-Method', 'POST');
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
      const simple = await t.http().get('/api/health').set('Origin', UI_ORIGIN).expect(200);
      expect(simple.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('serves the API docs and their JSON without a token, every route under /api', async () => {
      const ui = await t.http().get('/api/docs').expect(200);
      expect(ui.headers['content-type']).toMatch(/text\/html/);
      const doc = await t.http().get('/api/docs-json').expect(200);
      expect(doc.body.info.title).toBe('Probity API');
      const paths = Object.keys(doc.body.paths);
      expect(paths).toEqual(expect.arrayContaining(['/api/auth/login', '/api/users', '/api/users/{id}', '/api/health']));
      for (const path of paths) expect(path.startsWith('/api/')).toBe(true);
    });
  });

  describe('CORS for configured origins', () => {
    let t: TestApp;
    beforeAll(async () => { t = await createTestApp({ env: { CORS_ORIGINS: `${UI_ORIGIN}, https://other.probity.example` } }); });
    afterAll(async () => { await t.close(); });

    it('answers a preflight from a configured origin and only from it', async () => {
      const ok = await t.http().options('/api/users').set('Origin', UI_ORIGIN).set('Access-Control-Request-Method', 'POST').set('Access-Control-Request-Headers', 'authorization,content-type');
      expect(ok.status).toBe(204);
      expect(ok.headers['access-control-allow-origin']).toBe(UI_ORIGIN);
      expect(ok.headers['access-control-allow-methods']).toMatch(/POST/);
      const other = await t.http().options('/api/users').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'POST');
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
      const simple = await t.http().get('/api/health').set('Origin', 'https://other.probity.example').expect(200);
      expect(simple.headers['access-control-allow-origin']).toBe('https://other.probity.example');
    });
  });

  describe('health', () => {
    let t: TestApp;
    beforeAll(async () => { t = await createTestApp(); });
    afterAll(async () => { await t.close(); });

    it('answers 200 without a token while the database answers', async () => {
      const res = await t.http().get('/api/health').expect(200);
      expect(res.body).toEqual({ status: 'ok', database: 'up' });
    });

    it('answers 503 in the one error shape, saying nothing about why, once the database is gone', async () => {
      await t.dataSource.destroy();
      const res = await t.http().get('/api/health').expect(503);
      expect(res.body).toEqual({ statusCode: 503, error: 'Service Unavailable', message: 'the database is unreachable', details: { database: 'down' } });
      expect(res.headers['retry-after']).toBe('1');
    });
  });

  describe('logs', () => {
    let t: TestApp;
    const lines: string[] = [];
    beforeAll(async () => { t = await createTestApp({ env: { LOG_LEVEL: 'info' }, logStream: { write: (line: string) => { lines.push(line); } } }); });
    afterAll(async () => { await t.close(); });

    it('are JSON lines with the request id, and never hold a password or a token', async () => {
      lines.length = 0;
      const login = await t.http().post('/api/auth/login').set('X-Request-Id', 'log-trace-1').send({ username: 'admin', password: ADMIN_PASSWORD }).expect(200);
      const token = login.body.accessToken as string;
      await t.http().get('/api/auth/me').set(bearer(token)).set('X-Request-Id', 'log-trace-2').expect(200);
      await t.http().post('/api/auth/password').set(bearer(token)).send({ currentPassword: 'a-wrong-current-password', newPassword: 'never-logged-new-password' }).expect(401);
      await t.http().post('/api/auth/login').send({ username: 'admin', password: 'a-wrong-password-typed' }).expect(401);

      const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(entries.filter((e) => e.reqId === 'log-trace-1').map((e) => e.msg)).toEqual(['incoming request', 'request completed']);
      expect(entries.filter((e) => e.reqId === 'log-trace-2')).toHaveLength(2);
      const text = lines.join('\n');
      for (const secret of [ADMIN_PASSWORD, token, token.split('.')[2], 'a-wrong-current-password', 'never-logged-new-password', 'a-wrong-password-typed']) {
        expect(text).not.toContain(secret);
      }
    });

    it('tie an error logged while serving a request to that request', async () => {
      const admin = await t.tokenFor(Role.Admin);
      await t.sql('ALTER TABLE audit_events RENAME TO audit_events_elsewhere');
      lines.length = 0;
      try {
        await t.http().post('/api/users').set(bearer(admin)).set('X-Request-Id', 'log-trace-500')
          .send({ username: 'breaks.things', displayName: 'x', roles: [Role.Analyst], password: 'secret-password-in-a-500' }).expect(500);
      } finally {
        await t.sql('ALTER TABLE audit_events_elsewhere RENAME TO audit_events');
      }
      const errors = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((e) => e.level === 50);
      expect(errors.length).toBeGreaterThan(0);
      expect(errors[0]).toMatchObject({ reqId: 'log-trace-500', context: 'Errors' });
      expect(lines.join('\n')).not.toContain('secret-password-in-a-500');
    });
  });
});
