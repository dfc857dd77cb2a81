import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { runCli } from '../../src/cli/cli.js';
import { COMMANDS } from '../../src/cli/commands.js';
import { MIGRATIONS } from '../../src/database/migrations/index.js';
import { buildOnce, spawnNode } from '../support/built-app.js';
import { bearer, createTestApp, createTestDatabase, type TestDatabase } from '../support/test-app.js';

const PASSWORD = 'cli-created-password';

function collector() {
  let text = '';
  const stream = new Writable({ write(chunk, _enc, done) { text += String(chunk); done(); } });
  return { stream, text: () => text };
}

/** Runs one command line in-process against `db`, the password (if any) piped on stdin. */
async function cli(db: TestDatabase, argv: string[], stdin = '') {
  const out = collector();
  const err = collector();
  const env = { ...process.env, DATABASE_URL: db.url, LOG_LEVEL: 'silent', PROBITY_ADMIN_PASSWORD: '' };
  const code = await runCli(argv, { stdin: Readable.from([Buffer.from(stdin)]), stdout: out.stream, stderr: err.stream }, env);
  return { code, out: out.text(), err: err.text() };
}

describe('command line (npm run cli)', () => {
  let db: TestDatabase;
  beforeEach(async () => { db = await createTestDatabase(); });
  afterEach(async () => { await db.dispose(); });

  it('migration:run applies every migration to an empty database, then finds nothing to do', async () => {
    const first = await cli(db, ['migration:run']);
    expect(first).toMatchObject({ code: 0, err: '' });
    expect(first.out.trim().split('\n')).toEqual(MIGRATIONS.map((m) => `applied ${m.name}`));
    expect(await cli(db, ['migration:run'])).toMatchObject({ code: 0, out: 'the schema is up to date\n' });
  });

  it('migration:revert needs --yes, then undoes the newest migration', async () => {
    await cli(db, ['migration:run']);
    expect(await cli(db, ['migration:revert'])).toMatchObject({ code: 2 });
    const reverted = await cli(db, ['migration:revert', '--yes']);
    expect(reverted).toMatchObject({ code: 0, out: `reverted ${MIGRATIONS.at(-1)!.name}\n` });
    expect((await cli(db, ['migration:run'])).out).toBe(`applied ${MIGRATIONS.at(-1)!.name}\n`);
  });

  it('users:create takes the password from stdin; the account can log in; no first admin is made', async () => {
    const created = await cli(db, ['users:create', '--username', 'J.Smith', '--role', 'investigator', '--role', 'reviewer', '--display-name', 'Jane Smith'], `${PASSWORD}\n`);
    expect(created).toMatchObject({ code: 0, err: '' });
    expect(created.out).toMatch(/^created user J\.Smith \([0-9a-f-]{36}\) with roles: investigator, reviewer\n$/);

    const t = await createTestApp({ db });
    try {
      const login = await t.http().post('/api/auth/login').send({ username: 'j.smith', password: PASSWORD }).expect(200);
      expect(login.body.user).toMatchObject({ username: 'J.Smith', displayName: 'Jane Smith', roles: ['investigator', 'reviewer'] });
      // The database was not empty when the server first started, so it made no admin of its own.
      const users = await t.dataSource.query('SELECT username FROM users');
      expect(users).toEqual([{ username: 'J.Smith' }]);
    } finally {
      await t.close({ dispose: false });
    }
  });

  it('users:create refuses bad input with exit code 2 and writes nothing', async () => {
    const cases: Array<[string[], string, RegExp]> = [
      [['users:create', '--role', 'admin'], PASSWORD, /--username is required/],
      [['users:create', '--username', 'u1'], PASSWORD, /at least one --role/],
      [['users:create', '--username', 'u1', '--role', 'king'], PASSWORD, /roles must be one of/],
      [['users:create', '--username', 'u1', '--role', 'admin'], 'short', /password must be longer/],
      [['users:create', '--username', 'u1', '--role', 'admin', '--password', 'x'], PASSWORD, /Unknown option '--password'/],
    ];
    for (const [argv, stdin, message] of cases) {
      const result = await cli(db, argv, stdin);
      expect(result.code).toBe(2);
      expect(result.err).toMatch(message);
      expect(result.err).toContain('usage: npm run cli -- users:create');
    }
    expect((await cli(db, ['users:list', '--json'])).out).toBe('[]\n');
  });

  it('users:create refuses a username taken in another case with exit code 1', async () => {
    await cli(db, ['users:create', '--username', 'Sam', '--role', 'analyst'], PASSWORD);
    const again = await cli(db, ['users:create', '--username', 'SAM', '--role', 'admin'], PASSWORD);
    expect(again).toMatchObject({ code: 1, err: 'error: username SAM is taken\n' });
  });

  it('users:list prints a table, or JSON with --json, and never a password hash', async () => {
    await cli(db, ['users:create', '--username', 'zed', '--role', 'analyst'], PASSWORD);
    await cli(db, ['users:create', '--username', 'amy', '--role', 'admin', '--role', 'reviewer'], PASSWORD);
    const table = await cli(db, ['users:list']);
    expect(table.code).toBe(0);
    const lines = table.out.trim().split('\n');
    expect(lines[0]).toMatch(/^USERNAME\s+DISPLAY NAME\s+ROLES\s+ACTIVE\s+LOCKED UNTIL\s+LAST LOGIN$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/).slice(0, 4))).toEqual([['amy', 'amy', 'admin,reviewer', 'yes'], ['zed', 'zed', 'analyst', 'yes']]);
    const json = JSON.parse((await cli(db, ['users:list', '--json'])).out) as Array<Record<string, unknown>>;
    expect(json.map((u) => u.username)).toEqual(['amy', 'zed']);
    expect(JSON.stringify(json)).not.toMatch(/argon2|passwordHash/);
  });

  it('users:unlock releases a locked account and the audit trail says it came from the CLI', async () => {
    await cli(db, ['users:create', '--username', 'locked.out', '--role', 'reviewer'], PASSWORD);
    // One app at a time: passport's strategy registry is process-wide (see test-app.ts).
    const before = await createTestApp({ db });
    for (let i = 0; i < 5; i++) await before.http().post('/api/auth/login').send({ username: 'locked.out', password: 'wrong-password' }).expect(401);
    await before.http().post('/api/auth/login').send({ username: 'locked.out', password: PASSWORD }).expect(401);
    await before.close({ dispose: false });

    expect(await cli(db, ['users:unlock', 'LOCKED.OUT'])).toMatchObject({ code: 0, out: 'unlocked locked.out\n' });

    const after = await createTestApp({ db });
    try {
      const login = await after.http().post('/api/auth/login').send({ username: 'locked.out', password: PASSWORD }).expect(200);
      await after.http().get('/api/auth/me').set(bearer(login.body.accessToken)).expect(200);
      const [event] = await after.dataSource.query(`SELECT actor_id, request_id, client_ip FROM audit_events WHERE action = 'user.unlocked'`);
      expect(event.actor_id).toBeNull();
      expect(event.request_id).toMatch(/^cli-[0-9a-f-]{36}$/);
      expect(event.client_ip).toMatch(/^cli:/);
    } finally {
      await after.close({ dispose: false });
    }
  });

  it('users:unlock of an unknown user fails with exit code 1; a missing argument is a usage error', async () => {
    expect(await cli(db, ['users:unlock', 'nobody'])).toMatchObject({ code: 1, err: 'error: user nobody not found\n' });
    expect(await cli(db, ['users:unlock'])).toMatchObject({ code: 2 });
  });

  it('lists every registered command in help, and refuses an unknown one with exit code 2', async () => {
    const help = await cli(db, ['help']);
    expect(help.code).toBe(0);
    for (const command of COMMANDS) expect(help.out).toContain(command.name);
    const unknown = await cli(db, ['users:explode']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('unknown command "users:explode"');
  });

  it('refuses to run on bad configuration, naming the problem', async () => {
    const err = collector();
    const code = await runCli(['users:list'], { stdin: Readable.from([]), stdout: collector().stream, stderr: err.stream }, { DATABASE_URL: 'mysql://nope', LOG_LEVEL: 'silent' });
    expect(code).toBe(1);
    expect(err.text()).toContain('DATABASE_URL must be sqlite:<path> or postgres://');
  });

  it('runs as its own process from the build: piped password in, exit code out', async () => {
    const dist = await buildOnce();
    const cwd = mkdtempSync(join(tmpdir(), 'probity-cli-'));
    const env = { ...process.env, DATABASE_URL: db.url, LOG_LEVEL: 'warn' };
    const create = spawnNode(join(dist, 'cli/cli.js'), ['users:create', '--username', 'piped', '--role', 'admin'], env, cwd);
    create.process.stdin!.end(`${PASSWORD}\n`);
    expect(await create.exited).toEqual({ code: 0, signal: null });
    expect(create.stdout()).toMatch(/^created user piped /);
    expect(create.stdout() + create.stderr()).not.toContain(PASSWORD);

    const list = spawnNode(join(dist, 'cli/cli.js'), ['users:list', '--json'], env, cwd);
    list.process.stdin!.end();
    expect(await list.exited).toEqual({ code: 0, signal: null });
    expect(JSON.parse(list.stdout()).map((u: { username: string }) => u.username)).toEqual(['piped']);

    const bad = spawnNode(join(dist, 'cli/cli.js'), ['users:unlock'], env, cwd);
    bad.process.stdin!.end();
    expect((await bad.exited).code).toBe(2);
    rmSync(cwd, { recursive: true, force: true });
  }, 180_000);
});
