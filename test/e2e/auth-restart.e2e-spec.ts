import { Role } from '../../src/common/auth/role.js';
import { ADMIN_PASSWORD, bearer, createTestApp, createTestDatabase, USER_PASSWORD, type TestApp, type TestDatabase } from '../support/test-app.js';

/** Boots an app while collecting what it prints on stdout (where the first admin password goes). */
async function bootCapturingStdout(options: Parameters<typeof createTestApp>[0]): Promise<{ t: TestApp; printed: string }> {
  let printed = '';
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    printed += String(chunk);
    return (write as (...args: unknown[]) => boolean).call(process.stdout, '', ...rest);
  }) as typeof process.stdout.write;
  try {
    return { t: await createTestApp(options), printed };
  } finally {
    process.stdout.write = write;
  }
}

describe('state that survives a restart', () => {
  let db: TestDatabase;
  beforeEach(async () => { db = await createTestDatabase(); });
  afterEach(async () => { await db.dispose(); });

  it('keeps a lockout across a restart until an admin releases it', async () => {
    const first = await createTestApp({ db });
    const user = await first.newUser([Role.Reviewer], 'restart.locked');
    for (let i = 0; i < 5; i++) await first.login('restart.locked', 'wrong').expect(401);
    await first.close({ dispose: false });

    const second = await createTestApp({ db });
    try {
      await second.login('restart.locked', USER_PASSWORD).expect(401);
      const admin = (await second.login('admin', ADMIN_PASSWORD).expect(200)).body.accessToken;
      await second.http().post(`/api/users/${user.id}/unlock`).set(bearer(admin)).expect(200);
      await second.login('restart.locked', USER_PASSWORD).expect(200);
    } finally {
      await second.close({ dispose: false });
    }
  });

  it('creates the first admin once with a random password printed once, never in the logs', async () => {
    const logs: string[] = [];
    const env = { PROBITY_ADMIN_PASSWORD: '', LOG_LEVEL: 'info' };
    const { t: first, printed } = await bootCapturingStdout({ db, env, logStream: { write: (line: string) => { logs.push(line); } } });
    const password = /created admin user "admin" with password: (\S+)/.exec(printed)?.[1];
    expect(password).toMatch(/^[\w-]{24}$/);
    const login = await first.login('admin', password!).expect(200);
    expect(login.body.user.roles).toEqual([Role.Admin]);
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.join('\n')).not.toContain(password);
    const [created] = await first.sql(`SELECT actor_id FROM audit_events WHERE action = 'user.created'`);
    expect(created).toEqual({ actor_id: null });
    await first.close({ dispose: false });

    const { t: second, printed: printedAgain } = await bootCapturingStdout({ db, env: { PROBITY_ADMIN_PASSWORD: '' } });
    try {
      expect(printedAgain).toBe('');
      expect(await second.sql('SELECT username FROM users')).toEqual([{ username: 'admin' }]);
      await second.login('admin', password!).expect(200);
    } finally {
      await second.close({ dispose: false });
    }
  });

  it('uses PROBITY_ADMIN_USER and PROBITY_ADMIN_PASSWORD when given, printing nothing', async () => {
    const { t, printed } = await bootCapturingStdout({ db, env: { PROBITY_ADMIN_USER: 'chief', PROBITY_ADMIN_PASSWORD: 'chief-password-from-env' } });
    try {
      expect(printed).toBe('');
      await t.login('chief', 'chief-password-from-env').expect(200);
      await t.login('admin', ADMIN_PASSWORD).expect(401);
    } finally {
      await t.close({ dispose: false });
    }
  });

  it('generates the signing key once and keeps it in the database, so tokens outlive a restart', async () => {
    const first = await createTestApp({ db, env: { JWT_SECRET: '' } });
    const token = (await first.login('admin', ADMIN_PASSWORD).expect(200)).body.accessToken;
    const [setting] = await first.sql<{ value: string }>(`SELECT value FROM settings WHERE key = 'jwt.secret'`);
    expect(setting.value.length).toBeGreaterThanOrEqual(64);
    await first.close({ dispose: false });

    // A second instance on the same database agrees on the key.
    const second = await createTestApp({ db, env: { JWT_SECRET: '' } });
    await second.http().get('/api/auth/me').set(bearer(token)).expect(200);
    await second.close({ dispose: false });

    // A configured JWT_SECRET takes precedence: tokens signed with the stored key stop working.
    const third = await createTestApp({ db, env: { JWT_SECRET: 'configured-secret-of-at-least-32-characters' } });
    try {
      await third.http().get('/api/auth/me').set(bearer(token)).expect(401);
    } finally {
      await third.close({ dispose: false });
    }
  });

  it('takes the lock length from LOCKOUT_MINUTES and the token lifetime from TOKEN_TTL', async () => {
    const t = await createTestApp({ db, env: { LOCKOUT_MINUTES: '2', TOKEN_TTL: '5m' } });
    try {
      const user = await t.newUser([Role.Analyst], 'short.lock');
      expect((await t.login('short.lock', USER_PASSWORD).expect(200)).body.expiresIn).toBe(300);
      for (let i = 0; i < 5; i++) await t.login('short.lock', 'wrong').expect(401);
      const [row] = await t.sql<{ locked_until: string }>('SELECT locked_until FROM users WHERE id = ?', [user.id]);
      const remaining = Date.parse(row.locked_until) - Date.now();
      expect(remaining).toBeGreaterThan(60_000);
      expect(remaining).toBeLessThanOrEqual(120_000);
    } finally {
      await t.close({ dispose: false });
    }
  });
});
