import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, type TestApp } from '../support/test-app.js';

const INDEX_HTML = '<!doctype html><html lang="en"><head><title>Probity</title><script type="module" src="/assets/index-a1b2c3.js"></script></head><body><div id="root"></div></body></html>';
const ASSET_JS = 'console.log("probity");';

/** The directives of a Content-Security-Policy header, by name. */
function directives(header: string | undefined): Map<string, string[]> {
  return new Map((header ?? '').split(';').map((part) => part.trim().split(/\s+/)).filter((words) => words[0]).map(([name, ...values]) => [name, values]));
}

describe('the web app served at /', () => {
  describe('when built', () => {
    let t: TestApp;
    let dist: string;
    beforeAll(async () => {
      dist = mkdtempSync(join(tmpdir(), 'probity-web-'));
      mkdirSync(join(dist, 'assets'));
      writeFileSync(join(dist, 'index.html'), INDEX_HTML);
      writeFileSync(join(dist, 'assets', 'index-a1b2c3.js'), ASSET_JS);
      writeFileSync(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
      writeFileSync(join(dist, '.env'), 'SECRET=1');
      t = await createTestApp({ env: { WEB_DIST_DIR: dist } });
    });
    afterAll(async () => {
      await t.close();
      rmSync(dist, { recursive: true, force: true });
    });

    it('answers / and deep links with index.html, revalidated each time, under a CSP without inline scripts', async () => {
      for (const path of ['/', '/cases/INV-2018-000001', '/review/queue?status=awaiting_decision', '/index.html']) {
        const res = await t.http().get(path).expect(200);
        expect(res.headers['content-type']).toMatch(/^text\/html/);
        expect(res.text).toBe(INDEX_HTML);
        expect(res.headers['cache-control']).toBe('no-cache');
        const csp = directives(res.headers['content-security-policy']);
        expect(csp.get('script-src')).toEqual(["'self'"]);
        expect(csp.get('default-src')).toEqual(["'self'"]);
        expect(csp.get('connect-src')).toEqual(["'self'"]);
        expect(csp.get('object-src')).toEqual(["'none'"]);
        expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
        expect(csp.get('base-uri')).toEqual(["'self'"]);
        expect(csp.get('form-action')).toEqual(["'self'"]);
        expect(res.headers['x-frame-options']).toBe('DENY');
        expect(res.headers['x-request-id']).toBeDefined();
      }
    });

    it('serves hashed assets with long-lived immutable caching and their own type', async () => {
      const res = await t.http().get('/assets/index-a1b2c3.js').expect(200);
      expect(res.headers['content-type']).toMatch(/^(application|text)\/javascript/);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(res.text).toBe(ASSET_JS);
      const etag = res.headers.etag;
      expect(etag).toBeDefined();
      await t.http().get('/assets/index-a1b2c3.js').set('If-None-Match', etag).expect(304);
      const icon = await t.http().get('/favicon.svg').expect(200);
      expect(icon.headers['cache-control']).toBe('no-cache');
    });

    it('answers a missing asset with the JSON 404, not the app', async () => {
      const res = await t.http().get('/assets/index-gone99.js').expect(404);
      expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    });

    it('keeps /api/ the API: unknown paths are the JSON 404, known ones answer as before', async () => {
      for (const path of ['/api/nope', '/api', '/api/cases/INV-2018-000001']) {
        const res = await t.http().get(path).expect(404);
        expect(res.headers['content-type']).toMatch(/^application\/json/);
        expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
      }
      expect((await t.http().get('/api/health').expect(200)).body).toEqual({ status: 'ok', database: 'up' });
      await t.http().post('/cases/INV-2018-000001').expect(404);
    });

    it('never serves dot files or anything outside the directory', async () => {
      for (const path of ['/.env', '/%2e%2e/package.json', '/assets/%2e%2e/%2e%2e/package.json', '/..%2fpackage.json']) {
        const res = await t.http().get(path);
        expect(res.text).not.toContain('SECRET=1');
        expect(res.text).not.toContain('"name"');
      }
    });

    it('leaves the API docs their own policy (Swagger UI needs inline scripts)', async () => {
      const res = await t.http().get('/api/docs').expect(200);
      expect(directives(res.headers['content-security-policy']).get('script-src')).toContain("'unsafe-inline'");
    });

    it('gives API answers the strict policy too', async () => {
      const res = await t.http().get('/api/health').expect(200);
      expect(directives(res.headers['content-security-policy']).get('script-src')).toEqual(["'self'"]);
    });
  });

  describe('when not built', () => {
    let t: TestApp;
    let dist: string;
    beforeAll(async () => {
      dist = mkdtempSync(join(tmpdir(), 'probity-web-empty-'));
      t = await createTestApp({ env: { WEB_DIST_DIR: join(dist, 'missing') } });
    });
    afterAll(async () => {
      await t.close();
      rmSync(dist, { recursive: true, force: true });
    });

    it('says so at / and on deep links, and the API works', async () => {
      for (const path of ['/', '/cases/INV-2018-000001']) {
        const res = await t.http().get(path).expect(503);
        expect(res.body).toEqual({ statusCode: 503, error: 'Service Unavailable', message: 'the web app is not built: run npm run build (the API is at /api)' });
      }
      await t.http().get('/api/health').expect(200);
      await t.http().get('/api/nope').expect(404);
    });
  });
});
