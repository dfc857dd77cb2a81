import Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { runCli } from '../../src/cli/cli.js';
import { Role } from '../../src/common/auth/role.js';
import { bearer, createTestApp, createTestDatabase, ENGINE, USER_PASSWORD, type TestApp, type TestDatabase } from '../support/test-app.js';

function collector() {
  let text = '';
  const stream = new Writable({ write(chunk, _enc, done) { text += String(chunk); done(); } });
  return { stream, text: () => text };
}

/** `npm run cli -- …` in-process, configured as the test app on `db` is. */
async function cli(db: TestDatabase, argv: string[]) {
  const out = collector();
  const err = collector();
  const env = {
    ...process.env, DATABASE_URL: db.url, LOG_LEVEL: 'silent',
    AUDIT_KEY_FILE: join(db.dir!, 'audit-ed25519.pem'), AUDIT_CHECKPOINT_FILE: join(db.dir!, 'audit-checkpoints.jsonl'),
  };
  const code = await runCli(argv, { stdin: Readable.from([]), stdout: out.stream, stderr: err.stream }, env);
  return { code, out: out.text(), err: err.text() };
}

const onSqlite = ENGINE === 'sqlite' ? describe : describe.skip;
const onPostgres = ENGINE === 'postgres' ? describe : describe.skip;

onSqlite('backup and restore (SQLite)', () => {
  let db: TestDatabase;
  let t: TestApp | undefined;
  let admin: string;

  beforeEach(async () => {
    db = await createTestDatabase();
    t = await createTestApp({ db });
    admin = await t.tokenFor(Role.Admin);
  });

  afterEach(async () => {
    await t?.close({ dispose: false });
    t = undefined;
    await db.dispose();
  });

  const createUser = (app: TestApp, username: string) => app.http().post('/api/users').set(bearer(admin))
    .send({ username, displayName: username, roles: [Role.Analyst], password: USER_PASSWORD });

  function usernamesIn(file: string): string[] {
    const copy = new Database(file, { readonly: true });
    try {
      return (copy.prepare('SELECT username FROM users').all() as Array<{ username: string }>).map((r) => r.username);
    } finally {
      copy.close();
    }
  }

  it('takes a consistent copy while the server is writing', async () => {
    const target = join(db.dir!, 'backups', 'online.sqlite');
    await createUser(t!, 'before-backup').expect(201);
    // Writes keep arriving while the backup runs.
    const writes = Promise.all(Array.from({ length: 10 }, (_, i) => createUser(t!, `during-${i}`)));
    const result = await cli(db, ['backup', target]);
    const statuses = (await writes).map((r) => r.status);
    expect(statuses.every((s) => s === 201)).toBe(true);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(new RegExp(`^backup written to ${target} \\(\\d+ bytes, integrity ok, audit events up to \\d+ \\([0-9a-f]{16}…\\)\\)\\n`));

    const copy = new Database(target, { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      // A snapshot: every user in it has its creation event, and the chain in it is whole.
      const users = copy.prepare('SELECT id FROM users').all() as Array<{ id: string }>;
      const created = copy.prepare("SELECT entity_id FROM audit_events WHERE action = 'user.created'").all() as Array<{ entity_id: string }>;
      expect(created.map((e) => e.entity_id).sort()).toEqual(users.map((u) => u.id).sort());
    } finally {
      copy.close();
    }
    expect(usernamesIn(target)).toContain('before-backup');
    expect(readdirSync(join(db.dir!, 'backups'))).toEqual(['online.sqlite']); // no partial file left behind
  });

  it('never overwrites an existing file', async () => {
    const target = join(db.dir!, 'exists.sqlite');
    writeFileSync(target, 'precious');
    const result = await cli(db, ['backup', target]);
    expect(result).toMatchObject({ code: 1, out: '' });
    expect(result.err).toBe(`error: ${target} already exists: choose a new file name (backups are never overwritten)\n`);
    expect(readFileSync(target, 'utf8')).toBe('precious');
  });

  it('refuses to restore while the server runs, and changes nothing', async () => {
    const target = join(db.dir!, 'b.sqlite');
    expect((await cli(db, ['backup', target])).code).toBe(0);
    await createUser(t!, 'after-backup').expect(201);
    const result = await cli(db, ['restore', target]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^error: another Probity process \(server, pid \d+ .*\) is using the SQLite database .*probity\.sqlite: refusing to restore over a database in use\. Stop it first, then restore\.\n$/);
    expect((await t!.http().get('/api/users?limit=100').set(bearer(admin))).body.items.map((u: { username: string }) => u.username)).toContain('after-backup');
  });

  it('restores into a stopped instance: the data as of the backup, the replaced database kept, the gap in the audit named', async () => {
    const target = join(db.dir!, 'b.sqlite');
    await createUser(t!, 'in-backup').expect(201);
    expect((await cli(db, ['backup', target])).code).toBe(0);
    await createUser(t!, 'after-backup').expect(201);
    await t!.close({ dispose: false }); // signs a checkpoint beyond the backup's last event
    t = undefined;

    const result = await cli(db, ['restore', target]);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(new RegExp(`^restored ${target} \\(integrity ok, audit chain ok, audit events up to (\\d+)\\)\\n`));
    expect(result.out).toMatch(/the database it replaced is kept as .*probity\.sqlite\.before-restore-\d{8}T\d{6}Z\n/);
    expect(result.out).toMatch(/WARNING: the checkpoint signed at .* records audit event (\d+); this backup ends at (\d+)\. Events .* are not in it, and audit:verify will say so/);
    const kept = readdirSync(db.dir!).find((f) => /^probity\.sqlite\.before-restore-\d{8}T\d{6}Z$/.test(f))!;
    expect(usernamesIn(join(db.dir!, kept))).toContain('after-backup');

    t = await createTestApp({ db });
    const names = (await t.http().get('/api/users?limit=100').set(bearer(admin))).body.items.map((u: { username: string }) => u.username);
    expect(names).toContain('in-backup');
    expect(names).not.toContain('after-backup');
    const verify = await t.http().get('/api/audit/verify').set(bearer(admin)).expect(200);
    expect(verify.body.ok).toBe(false);
    expect(verify.body.problem).toMatch(/an older database was restored/);
  });

  it('refuses a damaged backup and leaves the database alone', async () => {
    const target = join(db.dir!, 'b.sqlite');
    expect((await cli(db, ['backup', target])).code).toBe(0);
    const bytes = readFileSync(target);
    bytes.fill(0x5a, 4096, bytes.length - 1024); // wreck every page after the first
    writeFileSync(target, bytes);
    await t!.close({ dispose: false });
    t = undefined;

    const result = await cli(db, ['restore', target]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^error: .*b\.sqlite failed its integrity check, nothing was restored: /);
    expect(readdirSync(db.dir!).filter((f) => f.includes('before-restore') || f.includes('restoring'))).toEqual([]);
    t = await createTestApp({ db });
    expect((await t.http().get('/api/users').set(bearer(admin))).status).toBe(200);
  });

  it('refuses a file that is not a Probity database', async () => {
    const other = join(db.dir!, 'other.sqlite');
    const foreign = new Database(other);
    foreign.exec('CREATE TABLE things (id INTEGER PRIMARY KEY)');
    foreign.close();
    await t!.close({ dispose: false });
    t = undefined;
    const result = await cli(db, ['restore', other]);
    expect(result).toMatchObject({ code: 1, err: `error: ${other} is not a Probity database, nothing was restored\n` });
    expect(existsSync(db.url.slice('sqlite:'.length))).toBe(true);
  });
});

onPostgres('backup and restore (PostgreSQL)', () => {
  it('points to pg_dump and pg_restore', async () => {
    const db = await createTestDatabase();
    try {
      for (const command of ['backup', 'restore']) {
        const result = await cli(db, [command, join(db.dir!, 'x')]);
        expect(result.code).toBe(1);
        expect(result.err).toBe(`error: ${command} works on a SQLite database; for PostgreSQL use pg_dump and pg_restore (see README, "Backups and audit")\n`);
      }
    } finally {
      await db.dispose();
    }
  });
});
