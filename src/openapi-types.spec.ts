import { readFileSync } from 'node:fs';
// @ts-expect-error: a plain ES module script without type declarations (also run by `npm run api:types`)
import { SCHEMA_FILE, schemaTypes } from '../scripts/api-types.mjs';
import { createTestApp, type TestApp } from '../test/support/test-app.js';

describe('the web app\'s API types (web/src/api/schema.d.ts)', () => {
  let testApp: TestApp;
  beforeAll(async () => { testApp = await createTestApp(); });
  afterAll(async () => { await testApp?.close(); });

  it('are the ones generated from the current OpenAPI document', async () => {
    const res = await testApp.http().get('/api/docs-json').expect(200);
    const expected: string = await schemaTypes(res.body);
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    if (committed !== expected) {
      throw new Error('web/src/api/schema.d.ts is out of date with the API\'s OpenAPI document: run `npm run api:types` and commit the result');
    }
  });
});
