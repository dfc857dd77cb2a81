import { createHmac } from 'node:crypto';
import { Role } from '../../src/common/auth/role.js';
import { bearer, createTestApp, USER_PASSWORD, type TestApp } from '../support/test-app.js';

const SECRET = 'a-test-signing-secret-of-at-least-32-chars';
const TOKEN_401 = { statusCode: 401, error: 'Unauthorized', message: 'missing, invalid or expired token' };

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Builds a JWT by hand, so every part of it can be wrong on purpose. */
function jwt(payload: object, { alg = 'HS256', key = SECRET }: { alg?: string; key?: string } = {}): string {
  const unsigned = `${b64({ alg, typ: 'JWT' })}.${b64(payload)}`;
  if (alg === 'none') return `${unsigned}.`;
  const digest = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' }[alg]!;
  return `${unsigned}.${createHmac(digest, key).update(unsigned).digest('base64url')}`;
}

describe('tokens', () => {
  let t: TestApp;
  let admin: string;
  let subject: { id: string; token: string };
  const claims = (extra: object = {}) => ({ sub: subject.id, cv: 1, iat: nowSeconds(), exp: nowSeconds() + 600, ...extra });
  const me = (header: Record<string, string>) => t.http().get('/api/auth/me').set(header);

  beforeAll(async () => {
    t = await createTestApp({ env: { JWT_SECRET: SECRET } });
    admin = await t.tokenFor(Role.Admin);
    subject = await t.newUser([Role.Investigator], 'token.subject');
  });
  afterAll(async () => { await t.close(); });

  it('accepts a token built here with the right key (so the refusals below are about the forgery)', async () => {
    const res = await me(bearer(jwt(claims()))).expect(200);
    expect(res.body.username).toBe('token.subject');
  });

  it.each([
    ['alg "none"', () => jwt(claims(), { alg: 'none' })],
    ['a wrong key', () => jwt(claims(), { key: 'some-other-secret-that-is-also-long-enough' })],
    ['another HMAC algorithm than the pinned HS256', () => jwt(claims(), { alg: 'HS512' })],
    ['an expiry in the past', () => jwt(claims({ iat: nowSeconds() - 1200, exp: nowSeconds() - 600 }))],
    ['no credentials version', () => jwt({ sub: subject.id, iat: nowSeconds(), exp: nowSeconds() + 600 })],
    ['a stale credentials version', () => jwt(claims({ cv: 0 }))],
    ['a subject that does not exist', () => jwt(claims({ sub: '00000000-0000-4000-8000-000000000000' }))],
    ['garbage', () => 'not.a.token'],
  ])('refuses a token with %s', async (_label, token) => {
    const res = await me(bearer(token())).expect(401);
    expect(res.body).toEqual(TOKEN_401);
  });

  it('refuses a token once it expires, although its signature was checked (and remembered) before', async () => {
    const shortLived = jwt(claims({ exp: nowSeconds() + 2 }));
    await me(bearer(shortLived)).expect(200);
    await me(bearer(shortLived)).expect(200);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect((await me(bearer(shortLived)).expect(401)).body).toEqual(TOKEN_401);
  });

  it('refuses a real token whose payload was changed to another user', async () => {
    const adminId = (await t.http().get('/api/auth/me').set(bearer(admin)).expect(200)).body.id as string;
    const [header, , signature] = subject.token.split('.');
    const tampered = `${header}.${b64(claims({ sub: adminId }))}.${signature}`;
    await me(bearer(tampered)).expect(401);
    // And the same payload change re-signed with the right key would have worked: it is the signature that stops it.
    await me(bearer(jwt(claims({ sub: adminId })))).expect(200);
  });

  it('refuses a request with no token, or a token in the wrong scheme', async () => {
    expect((await t.http().get('/api/auth/me').expect(401)).body).toEqual(TOKEN_401);
    await me({ Authorization: `Basic ${subject.token}` }).expect(401);
    await t.http().get(`/api/auth/me?access_token=${subject.token}`).expect(401);
  });

  it('stops a deactivated user\'s tokens at once, and reactivation does not revive them', async () => {
    const user = await t.newUser([Role.Reviewer], 'to.deactivate');
    await me(bearer(user.token)).expect(200);
    await t.http().patch(`/api/users/${user.id}`).set(bearer(admin)).send({ active: false }).expect(200);
    await me(bearer(user.token)).expect(401);
    await t.http().patch(`/api/users/${user.id}`).set(bearer(admin)).send({ active: true }).expect(200);
    await me(bearer(user.token)).expect(401);
    const again = await t.login('to.deactivate', USER_PASSWORD).expect(200);
    await me(bearer(again.body.accessToken)).expect(200);
  });

  it('stops tokens issued before an admin password reset', async () => {
    const user = await t.newUser([Role.Reviewer], 'to.reset');
    await t.http().post(`/api/users/${user.id}/password`).set(bearer(admin)).send({ password: 'reset-by-the-admin' }).expect(200);
    await me(bearer(user.token)).expect(401);
    await t.login('to.reset', USER_PASSWORD).expect(401);
    await t.login('to.reset', 'reset-by-the-admin').expect(200);
  });

  it('signs with the configured JWT_SECRET and HS256, and expires after TOKEN_TTL', async () => {
    const [header, payload, signature] = subject.token.split('.');
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
    const body = JSON.parse(Buffer.from(payload, 'base64url').toString());
    expect(body).toEqual({ sub: subject.id, cv: 1, iat: expect.any(Number), exp: body.iat + 900 });
    expect(createHmac('sha256', SECRET).update(`${header}.${payload}`).digest('base64url')).toBe(signature);
  });
});
