import { Role } from '../../src/common/auth/role.js';
import { bearer, createTestApp, USER_PASSWORD, type TestApp } from '../support/test-app.js';

const ERROR_KEYS = new Set(['statusCode', 'error', 'message', 'details']);

/** The one error shape: nothing else, and nothing that gives the server's insides away. */
function expectErrorShape(body: Record<string, unknown>, status: number): void {
  expect(Object.keys(body).every((k) => ERROR_KEYS.has(k))).toBe(true);
  expect(body.statusCode).toBe(status);
  expect(typeof body.error).toBe('string');
  expect(typeof body.message).toBe('string');
  expect(JSON.stringify(body)).not.toMatch(/\bat .+:\d+:\d+|node_modules|\/src\/|SELECT |INSERT |SQLITE|QueryFailedError/);
}

describe('request validation and the error shape', () => {
  let t: TestApp;
  let admin: string;
  const valid = { username: 'valid.user', displayName: 'Valid User', roles: [Role.Analyst], password: USER_PASSWORD };
  const createUser = (body: unknown) => t.http().post('/api/users').set(bearer(admin)).set('Content-Type', 'application/json').send(body as object);
  const fieldsOf = (body: { details?: Array<{ field: string }> }) => body.details?.map((d) => d.field);

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.tokenFor(Role.Admin);
  });
  afterAll(async () => { await t.close(); });
  afterEach(async () => {
    // Nothing refused may have been written.
    expect(await t.sql(`SELECT id FROM users WHERE username_key LIKE 'valid.user%'`)).toEqual([]);
  });

  it.each([
    ['an unknown field', { ...valid, isAdmin: true }, 'isAdmin', 'property isAdmin should not exist'],
    ['a wrong type', { ...valid, displayName: 42 }, 'displayName', 'displayName must be a string'],
    ['a bad enum value', { ...valid, roles: ['superuser'] }, 'roles', 'each value in roles must be one of the following values: admin, investigator, reviewer, analyst'],
    ['a value too long', { ...valid, displayName: 'x'.repeat(201) }, 'displayName', 'displayName must be shorter than or equal to 200 characters'],
    ['a value too short', { ...valid, password: 'short' }, 'password', 'password must be longer than or equal to 12 characters'],
    ['a missing field', { username: valid.username, roles: valid.roles, password: valid.password }, 'displayName', 'displayName must be a string'],
    ['a bad pattern', { ...valid, username: 'has spaces' }, 'username', 'username must be 3-64 letters, digits, dot, dash or underscore'],
    ['an empty list', { ...valid, roles: [] }, 'roles', 'roles must contain at least 1 elements'],
  ])('refuses %s with a 400 naming the field', async (_label, body, field, problem) => {
    const res = await createUser(body).expect(400);
    expectErrorShape(res.body, 400);
    expect(fieldsOf(res.body)).toContain(field);
    expect(res.body.message).toContain(problem);
  });

  it('names every bad field at once', async () => {
    const res = await createUser({ username: 'x', displayName: '', roles: ['nope'], password: 1, extra: 1 }).expect(400);
    expect(new Set(fieldsOf(res.body))).toEqual(new Set(['username', 'displayName', 'roles', 'password', 'extra']));
  });

  it.each([
    ['__proto__ at the top', '{"username":"valid.user","__proto__":{"isAdmin":true}}', '__proto__'],
    ['__proto__ nested', '{"username":"valid.user","roles":[{"__proto__":{"x":1}}]}', '__proto__'],
    ['constructor', '{"username":"valid.user","constructor":{"name":"x"}}', 'constructor'],
    ['constructor.prototype', '{"username":"valid.user","constructor":{"prototype":{"x":1}}}', 'prototype'],
    ['prototype', '{"username":"valid.user","prototype":1}', 'prototype'],
    ['an escaped __proto__', '{"username":"valid.user","\\u005f_proto__":{}}', '__proto__'],
  ])('refuses a body with the key %s', async (_label, raw, key) => {
    const res = await createUser(raw).expect(400);
    expectErrorShape(res.body, 400);
    expect(res.body.message).toBe(`the key "${key}" is not allowed in a request body`);
  });

  it('refuses malformed JSON with a 400 in the same shape', async () => {
    const res = await createUser('{"username": ').expect(400);
    expectErrorShape(res.body, 400);
    expect(res.body.message).toBe('request body is not valid JSON');
  });

  it('refuses a body over 1 MB with 413', async () => {
    const res = await createUser({ ...valid, displayName: 'x'.repeat(1024 * 1024) }).expect(413);
    expectErrorShape(res.body, 413);
    expect(res.body.message).toMatch(/too large/i);
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'application/xml'])('refuses a %s body with 415', async (type) => {
    const res = await t.http().post('/api/users').set(bearer(admin)).set('Content-Type', type).send('username=valid.user').expect(415);
    expectErrorShape(res.body, 415);
  });

  it('validates query strings and path parameters too', async () => {
    const limit = await t.http().get('/api/users?limit=1000').set(bearer(admin)).expect(400);
    expect(fieldsOf(limit.body)).toEqual(['limit']);
    const notNumber = await t.http().get('/api/users?offset=abc').set(bearer(admin)).expect(400);
    expect(fieldsOf(notNumber.body)).toEqual(['offset']);
    const unknown = await t.http().get('/api/users?admin=true').set(bearer(admin)).expect(400);
    expect(unknown.body.message).toBe('property admin should not exist');
    const uuid = await t.http().patch('/api/users/123').set(bearer(admin)).send({ active: true }).expect(400);
    expectErrorShape(uuid.body, 400);
  });

  it('answers an unknown route with 404 in the one shape', async () => {
    const res = await t.http().get('/api/no-such-thing').set(bearer(admin)).expect(404);
    expectErrorShape(res.body, 404);
  });

  it('answers an unexpected failure with an opaque 500: no SQL, no stack', async () => {
    // Break the table the write's audit event needs, after the account row is written.
    await t.sql('ALTER TABLE audit_events RENAME TO audit_events_elsewhere');
    try {
      const res = await createUser(valid).expect(500);
      expect(res.body).toEqual({ statusCode: 500, error: 'Internal Server Error', message: 'internal error' });
    } finally {
      await t.sql('ALTER TABLE audit_events_elsewhere RENAME TO audit_events');
    }
  });

  it('answers 500, not 401, when the account behind a good token cannot be checked', async () => {
    // A 401 would send the client to log in again, which cannot help while the database fails.
    await t.sql('ALTER TABLE users RENAME TO users_elsewhere');
    try {
      const res = await t.http().get('/api/auth/me').set(bearer(admin)).expect(500);
      expect(res.body).toEqual({ statusCode: 500, error: 'Internal Server Error', message: 'internal error' });
    } finally {
      await t.sql('ALTER TABLE users_elsewhere RENAME TO users');
    }
    await t.http().get('/api/auth/me').set(bearer(admin)).expect(200);
  });
});
