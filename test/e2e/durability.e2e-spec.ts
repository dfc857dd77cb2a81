import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { Role } from '../../src/common/auth/role.js';
import { bearer, createTestApp, createTestDatabase, ENGINE, type TestApp, type TestDatabase } from '../support/test-app.js';

const onSqlite = ENGINE === 'sqlite' ? describe : describe.skip;
const onPostgres = ENGINE === 'postgres' ? describe : describe.skip;
const betterSqlite = createRequire(import.meta.url).resolve('better-sqlite3');

/** Another process holding the instance lock on `dbPath` as a Probity server would, until killed. */
async function lockHolder(dbPath: string): Promise<ChildProcess> {
  const script = `
    const Database = require(${JSON.stringify(betterSqlite)});
    const fs = require('node:fs');
    const lock = new Database(${JSON.stringify(`${dbPath}-instance.lock`)}, { timeout: 0 });
    lock.pragma('journal_mode = DELETE');
    lock.exec('BEGIN EXCLUSIVE');
    fs.writeFileSync(${JSON.stringify(`${dbPath}-instance.pid`)}, JSON.stringify({ pid: process.pid, host: 'test-host', since: 'earlier', purpose: 'server' }));
    process.stdout.write('locked\\n');
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  await once(child.stdout!, 'data');
  return child;
}

onSqlite('a single instance per SQLite file', () => {
  let db: TestDatabase;
  let first: TestApp | undefined;

  beforeEach(async () => {
    db = await createTestDatabase();
  });

  afterEach(async () => {
    await first?.close({ dispose: false });
    first = undefined;
    await db.dispose();
  });

  it('refuses to start a second instance on the same file, naming the first and the way out', async () => {
    first = await createTestApp({ db });
    await expect(createTestApp({ db })).rejects.toThrow(
      new RegExp(`another Probity process \\(server, pid ${process.pid} .*\\) is using the SQLite database .*probity\\.sqlite: refusing to start a second instance\\. ` +
        'SQLite mode runs one process per database file; stop the other one, or use PostgreSQL'),
    );
    // The first instance is unaffected.
    const res = await first.http().get('/api/users').set(bearer(await first.tokenFor(Role.Admin)));
    expect(res.status).toBe(200);
  });

  it('starts again on the file once the first instance has stopped', async () => {
    first = await createTestApp({ db });
    await first.close({ dispose: false });
    first = await createTestApp({ db });
    expect((await first.http().get('/api/health')).status).toBe(200);
  });

  it('refuses while another process holds the file, and takes over once that process is killed', async () => {
    const path = db.url.slice('sqlite:'.length);
    const holder = await lockHolder(path);
    try {
      await expect(createTestApp({ db })).rejects.toThrow(new RegExp(`pid ${holder.pid} on test-host`));
    } finally {
      holder.kill('SIGKILL');
      await once(holder, 'exit');
    }
    // kill -9 leaves the lock file and the pid file behind; the operating system released the lock itself.
    first = await createTestApp({ db });
    expect((await first.http().get('/api/health')).status).toBe(200);
  });
});

onPostgres('several instances on PostgreSQL', () => {
  it('lets two instances share one PostgreSQL database', async () => {
    const db = await createTestDatabase();
    const a = await createTestApp({ db });
    const b = await createTestApp({ db });
    try {
      const token = await a.tokenFor(Role.Admin);
      expect((await b.http().get('/api/users').set(bearer(token))).status).toBe(200);
    } finally {
      await b.close({ dispose: false });
      await a.close();
    }
  });
});
