import { Role } from '../../src/common/auth/role.js';
import { openApiDocument, openApiText } from '../../src/openapi/write-openapi.js';
import { addAllegation, addRecommendation, dismissal, recordFinding, recordOutcome, subjectOnNewCase } from '../support/case-decisions.js';
import { createComplaint } from '../support/factories.js';
import { bearer, createTestApp, type TestApp } from '../support/test-app.js';

type Schema = {
  $ref?: string; type?: string; properties?: Record<string, Schema>; required?: string[]; items?: Schema;
  allOf?: Schema[]; nullable?: boolean; additionalProperties?: unknown; enum?: unknown[];
};
interface Document {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: Schema }> }>; security?: unknown[] }>>;
  components: { schemas: Record<string, Schema>; securitySchemes: Record<string, unknown> };
}

/** Where a body and its declared schema disagree: a field the schema does not declare, or a required one missing. */
function mismatches(value: unknown, schema: Schema, doc: Document, at: string): string[] {
  if (schema.$ref) return mismatches(value, doc.components.schemas[schema.$ref.split('/').pop()!], doc, at);
  if (schema.allOf) return schema.allOf.flatMap((part) => mismatches(value, part, doc, at));
  if (value === null) return schema.nullable ? [] : [`${at} is null but not nullable`];
  if (schema.type === 'array' && Array.isArray(value)) return value.flatMap((item, i) => mismatches(item, schema.items ?? {}, doc, `${at}[${i}]`));
  if (schema.properties && typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const problems = Object.keys(record).filter((key) => !(key in schema.properties!)).map((key) => `${at}.${key} is not declared`);
    problems.push(...(schema.required ?? []).filter((key) => !(key in record)).map((key) => `${at}.${key} is required but missing`));
    for (const [key, property] of Object.entries(schema.properties)) {
      if (key in record) problems.push(...mismatches(record[key], property, doc, `${at}.${key}`));
    }
    return problems;
  }
  return [];
}

describe('the OpenAPI document', () => {
  let generated: Record<string, unknown>;
  let again: Record<string, unknown>;
  let t: TestApp;
  let doc: Document;
  beforeAll(async () => {
    // Before the test app: one app at a time (passport's strategies are process-wide).
    generated = await openApiDocument();
    again = await openApiDocument();
    t = await createTestApp();
    doc = (await t.http().get('/api/docs-json').expect(200)).body as Document;
  });
  afterAll(async () => { await t.close(); });

  it('is written by npm run api:openapi exactly as the server serves it, the same text on every run', async () => {
    expect(generated).toEqual(doc);
    expect(openApiText(again)).toBe(openApiText(generated));
  });

  it('offers the bearer token and the session cookie on every route that needs a caller', () => {
    expect(doc.components.securitySchemes).toMatchObject({
      bearer: { type: 'http', scheme: 'bearer' },
      cookie: { type: 'apiKey', in: 'cookie', name: 'probity_session' },
    });
    expect(doc.paths['/api/investigations'].get.security).toEqual([{ bearer: [] }, { cookie: [] }]);
    expect(doc.paths['/api/auth/session'].post.security).toBeUndefined();
  });

  it('declares what the app\'s case-work routes answer, field for field', async () => {
    const reviewer = await t.tokenFor(Role.Reviewer);
    const lead = await t.newUser([Role.Investigator]);
    const { investigation, subject } = await subjectOnNewCase(t, lead.token);
    const allegation = await addAllegation(t, lead.token, subject.id);
    await recordFinding(t, reviewer, allegation, { caseToAnswer: 'yes', finding: 'proven' });
    await recordOutcome(t, reviewer, subject.id, dismissal());
    await addRecommendation(t, lead.token, investigation.id);
    await createComplaint(t, lead.token, { investigationId: investigation.id });
    await t.http().post(`/api/investigations/${investigation.id}/evidence-notes`).set(bearer(lead.token))
      .send({ notedOn: '2019-06-30', text: 'Messages reviewed.' }).expect(201);

    const routes: Array<[string, string, string]> = [
      ['/api/investigations', '/api/investigations', lead.token],
      ['/api/investigations/{id}', `/api/investigations/${investigation.id}`, lead.token],
      ['/api/investigations/{id}', `/api/investigations/${investigation.id}`, await t.tokenFor(Role.Analyst)],
      ['/api/investigations/{id}/history', `/api/investigations/${investigation.id}/history`, lead.token],
      ['/api/investigations/{id}/evidence-notes', `/api/investigations/${investigation.id}/evidence-notes`, lead.token],
      ['/api/investigations/{investigationId}/subjects', `/api/investigations/${investigation.id}/subjects`, lead.token],
      ['/api/investigations/{investigationId}/recommendations', `/api/investigations/${investigation.id}/recommendations`, lead.token],
      ['/api/investigations/{investigationId}/summary', `/api/investigations/${investigation.id}/summary`, lead.token],
      ['/api/subjects/{subjectId}/allegations', `/api/subjects/${subject.id}/allegations`, lead.token],
      ['/api/subjects/{subjectId}/outcome', `/api/subjects/${subject.id}/outcome`, reviewer],
      ['/api/allegations', '/api/allegations', reviewer],
      ['/api/outcomes', '/api/outcomes', reviewer],
      ['/api/recommendations', '/api/recommendations', reviewer],
      ['/api/barred-list', '/api/barred-list', reviewer],
      ['/api/complaints', '/api/complaints', lead.token],
      ['/api/officers', '/api/officers', lead.token],
      ['/api/reports/deadlines', '/api/reports/deadlines', reviewer],
      ['/api/auth/me', '/api/auth/me', lead.token],
    ];
    // The comparison itself can fail.
    expect(mismatches({ a: 1, b: { c: null } }, { properties: { b: { properties: { c: { type: 'string' } } }, d: {} }, required: ['d'] }, doc, 'x'))
      .toEqual(['x.a is not declared', 'x.d is required but missing', 'x.b.c is null but not nullable']);
    const problems: string[] = [];
    for (const [template, url, token] of routes) {
      const schema = doc.paths[template]?.get?.responses['200']?.content?.['application/json']?.schema;
      if (!schema) {
        problems.push(`GET ${template} declares no response schema`);
        continue;
      }
      const res = await t.http().get(url).set(bearer(token)).expect(200);
      if (Array.isArray(res.body.items) && res.body.items.length === 0) problems.push(`GET ${url} listed nothing to check`);
      problems.push(...mismatches(res.body, schema, doc, `GET ${template}`));
    }
    expect(problems).toEqual([]);
  });
});
