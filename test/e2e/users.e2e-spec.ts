import { randomUUID } from 'node:crypto';
import { Role } from '../../src/common/auth/role.js';
import { ADMIN_PASSWORD, bearer, createTestApp, USER_PASSWORD, type TestApp } from '../support/test-app.js';

const USER_FIELDS = ['active', 'createdAt', 'displayName', 'id', 'lastLoginAt', 'lockedUntil', 'roles', 'updatedAt', 'username'];

describe('account management (admin)', () => {
  let t: TestApp;
  let admin: string;
  let adminId: string;
  beforeAll(async () => {
    t = await createTestApp();
    const login = await t.login('admin', ADMIN_PASSWORD).expect(200);
    admin = login.body.accessToken;
    adminId = login.body.user.id;
  });
  afterAll(async () => { await t.close(); });

  const create = (body: object) => t.http().post('/api/users').set(bearer(admin)).send(body);
  const audit = (action: string, id: string) =>
    t.sql<{ actor_id: string; changes: string }>('SELECT actor_id, changes FROM audit_events WHERE action = ? AND entity_id = ? ORDER BY seq', [action, id]);

  it('creates an account and answers with it, never with its password or hash', async () => {
    const res = await create({ username: 'Jane.Doe', displayName: 'Jane Doe', roles: [Role.Investigator, Role.Analyst], password: USER_PASSWORD }).expect(201);
    expect(Object.keys(res.body).sort()).toEqual(USER_FIELDS);
    expect(res.body).toMatchObject({ username: 'Jane.Doe', displayName: 'Jane Doe', roles: [Role.Investigator, Role.Analyst], active: true, lockedUntil: null, lastLoginAt: null });
    const [event] = await audit('user.created', res.body.id);
    expect(event.actor_id).toBe(adminId);
    expect(event.changes).not.toMatch(/argon2|password/i);
    const [row] = await t.sql<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = ?', [res.body.id]);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    await t.login('jane.doe', USER_PASSWORD).expect(200);
  });

  it('refuses a username that differs only in case with 409', async () => {
    await create({ username: 'Case.Test', displayName: 'A', roles: [Role.Reviewer], password: USER_PASSWORD }).expect(201);
    const res = await create({ username: 'CASE.test', displayName: 'B', roles: [Role.Reviewer], password: USER_PASSWORD }).expect(409);
    expect(res.body).toEqual({ statusCode: 409, error: 'Conflict', message: 'username CASE.test is taken' });
  });

  it('lists accounts in pages, ordered by username', async () => {
    for (const name of ['page-c', 'page-a', 'page-b']) await create({ username: name, displayName: name, roles: [Role.Analyst], password: USER_PASSWORD }).expect(201);
    const all = await t.http().get('/api/users?limit=100').set(bearer(admin)).expect(200);
    const names = all.body.items.map((u: { username: string }) => u.username.toLowerCase());
    expect(names).toEqual([...names].sort());
    expect(all.body.total).toBe(all.body.items.length);
    const page = await t.http().get('/api/users?limit=2&offset=1').set(bearer(admin)).expect(200);
    expect(page.body).toMatchObject({ limit: 2, offset: 1, total: all.body.total });
    expect(page.body.items.map((u: { id: string }) => u.id)).toEqual(all.body.items.slice(1, 3).map((u: { id: string }) => u.id));
  });

  it('reads one account, 404 for an unknown id, 400 for a malformed one', async () => {
    const got = await t.http().get(`/api/users/${adminId}`).set(bearer(admin)).expect(200);
    expect(got.body).toMatchObject({ id: adminId, username: 'admin', roles: [Role.Admin] });
    const missing = randomUUID();
    expect((await t.http().get(`/api/users/${missing}`).set(bearer(admin)).expect(404)).body)
      .toEqual({ statusCode: 404, error: 'Not Found', message: `user ${missing} not found` });
    const bad = await t.http().get('/api/users/not-a-uuid').set(bearer(admin)).expect(400);
    expect(bad.body.message).toMatch(/uuid/);
  });

  it('changes roles and display name with an audit entry holding before and after', async () => {
    const user = await t.newUser([Role.Analyst], 'gets.promoted');
    const res = await t.http().patch(`/api/users/${user.id}`).set(bearer(admin)).send({ roles: [Role.Reviewer, Role.Investigator], displayName: 'Promoted' }).expect(200);
    expect(res.body).toMatchObject({ roles: [Role.Reviewer, Role.Investigator], displayName: 'Promoted' });
    const [event] = await audit('user.updated', user.id);
    expect(JSON.parse(event.changes)).toEqual({
      displayName: { before: 'Test gets.promoted', after: 'Promoted' },
      roles: { before: [Role.Analyst], after: [Role.Reviewer, Role.Investigator] },
    });
    // New roles apply to the existing token at once: it is checked against the account each time.
    await t.http().get('/api/auth/me').set(bearer(user.token)).expect(200).expect((r) => expect(r.body.roles).toEqual([Role.Reviewer, Role.Investigator]));
  });

  it('resets a password: the user logs in with the new one only', async () => {
    const user = await t.newUser([Role.Analyst], 'forgot.password');
    const res = await t.http().post(`/api/users/${user.id}/password`).set(bearer(admin)).send({ password: 'set-by-the-admin' }).expect(200);
    expect(Object.keys(res.body).sort()).toEqual(USER_FIELDS);
    await t.login('forgot.password', USER_PASSWORD).expect(401);
    await t.login('forgot.password', 'set-by-the-admin').expect(200);
    const [event] = await audit('user.password_reset', user.id);
    expect(JSON.parse(event.changes)).toEqual({ credentialsVersion: { before: 1, after: 2 } });
  });

  it('deactivates and reactivates an account', async () => {
    const user = await t.newUser([Role.Analyst], 'goes.away');
    await t.http().patch(`/api/users/${user.id}`).set(bearer(admin)).send({ active: false }).expect(200).expect((r) => expect(r.body.active).toBe(false));
    await t.login('goes.away', USER_PASSWORD).expect(401);
    await t.http().patch(`/api/users/${user.id}`).set(bearer(admin)).send({ active: true }).expect(200);
    await t.login('goes.away', USER_PASSWORD).expect(200);
  });

  it('unlocks an account, and 404s an unknown one', async () => {
    const user = await t.newUser([Role.Analyst], 'is.locked');
    for (let i = 0; i < 5; i++) await t.login('is.locked', 'wrong').expect(401);
    const locked = await t.http().get(`/api/users/${user.id}`).set(bearer(admin)).expect(200);
    expect(locked.body.lockedUntil).not.toBeNull();
    await t.http().post(`/api/users/${user.id}/unlock`).set(bearer(admin)).expect(200).expect((r) => expect(r.body.lockedUntil).toBeNull());
    await t.login('is.locked', USER_PASSWORD).expect(200);
    await t.http().post(`/api/users/${randomUUID()}/unlock`).set(bearer(admin)).expect(404);
  });

  it('keeps at least one active admin: the last cannot be deactivated or demoted', async () => {
    const onlyAdmin = await t.sql<{ n: number }>(`SELECT count(*) AS n FROM users WHERE active = ? AND roles LIKE '%"admin"%'`, [true]);
    expect(Number(onlyAdmin[0].n)).toBe(1);
    const deactivate = await t.http().patch(`/api/users/${adminId}`).set(bearer(admin)).send({ active: false }).expect(422);
    expect(deactivate.body).toEqual({ statusCode: 422, error: 'Unprocessable Entity', message: 'the last active admin cannot be deactivated or lose the admin role' });
    await t.http().patch(`/api/users/${adminId}`).set(bearer(admin)).send({ roles: [Role.Reviewer] }).expect(422);

    // With a second admin, the first may step down.
    const second = await t.newUser([Role.Admin], 'second.admin');
    await t.http().patch(`/api/users/${adminId}`).set(bearer(admin)).send({ roles: [Role.Admin, Role.Reviewer] }).expect(200);
    await t.http().patch(`/api/users/${second.id}`).set(bearer(admin)).send({ active: false }).expect(200);
    await t.http().patch(`/api/users/${adminId}`).set(bearer(admin)).send({ roles: [Role.Reviewer] }).expect(422);
  });

  it('is for admins only; an admin without a case role manages accounts but is still just an admin', async () => {
    for (const role of [Role.Investigator, Role.Reviewer, Role.Analyst]) {
      const token = await t.tokenFor(role);
      await t.http().get('/api/users').set(bearer(token)).expect(403);
      await t.http().post('/api/users').set(bearer(token)).send({ username: `by-${role}`, displayName: 'x', roles: [Role.Admin], password: USER_PASSWORD }).expect(403);
    }
    expect(await t.sql(`SELECT id FROM users WHERE username_key LIKE 'by-%'`)).toEqual([]);
  });

  it('never lets two admins who deactivate each other at the same moment both succeed: one admin remains', async () => {
    const a = await t.newUser([Role.Admin], 'race.admin.a');
    const b = await t.newUser([Role.Admin], 'race.admin.b');
    await t.http().patch(`/api/users/${adminId}`).set(bearer(a.token)).send({ active: false }).expect(200);
    const activeAdmins = async () => Number((await t.sql<{ n: number }>(
      `SELECT count(*) AS n FROM users WHERE active = ? AND roles LIKE '%"admin"%'`, [true]))[0].n);
    expect(await activeAdmins()).toBe(2);
    const [byA, byB] = await Promise.all([
      t.http().patch(`/api/users/${b.id}`).set(bearer(a.token)).send({ active: false }),
      t.http().patch(`/api/users/${a.id}`).set(bearer(b.token)).send({ active: false }),
    ]);
    // The loser is refused as the last admin (422), or, if the winner finished first, is no longer let in at all (401).
    const [won, lost] = [byA.status, byB.status].sort();
    expect(won).toBe(200);
    expect([401, 422]).toContain(lost);
    expect(await activeAdmins()).toBe(1);
  });
});
