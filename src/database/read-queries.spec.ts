import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { ReadQueries } from './read-queries.js';

@Entity('notes')
class Note {
  @PrimaryColumn({ type: 'varchar' }) id!: string;
  @Column({ type: 'boolean' }) pinned!: boolean;
  @Column({ type: 'simple-json' }) tags!: string[];
  @Column({ type: 'datetime', nullable: true }) seenAt!: Date | null;
}

describe('ReadQueries on SQLite', () => {
  let dir: string;
  let ds: DataSource;
  let reads: ReadQueries;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'probity-reads-'));
    // A throw-away database: the one place synchronize is fine.
    ds = new DataSource({
      type: 'better-sqlite3', database: join(dir, 'db.sqlite'), entities: [Note], synchronize: true,
      prepareDatabase: (db: { pragma(s: string): unknown }) => { db.pragma('journal_mode = WAL'); },
    });
    await ds.initialize();
    reads = new ReadQueries(ds);
  });

  afterEach(async () => {
    reads.onModuleDestroy();
    await ds.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads only what is committed, unlike the ORM, whose one connection sees a transaction still open', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => { release = resolve; });
    let inserted!: () => void;
    const insertedYet = new Promise<void>((resolve) => { inserted = resolve; });
    const transaction = ds.transaction(async (em) => {
      await em.insert(Note, { id: 'n1', pinned: true, tags: [], seenAt: null });
      inserted();
      await held;
    });
    await insertedYet;
    expect(await ds.getRepository(Note).countBy({ id: 'n1' })).toBe(1);
    expect(await reads.one('SELECT id FROM notes WHERE id = ?', ['n1'])).toBeUndefined();
    release();
    await transaction;
    expect(await reads.one('SELECT id FROM notes WHERE id = ?', ['n1'])).toEqual({ id: 'n1' });
  });

  it('hydrates a row exactly as the ORM loads the entity (booleans, JSON, dates)', async () => {
    await ds.getRepository(Note).insert({ id: 'n2', pinned: true, tags: ['a', 'b'], seenAt: new Date('2024-05-06T07:08:09.000Z') });
    const row = await reads.one<Record<string, unknown>>('SELECT * FROM notes WHERE id = ?', ['n2']);
    const hydrated = reads.hydrate(Note, row!);
    expect(hydrated).toBeInstanceOf(Note);
    expect(hydrated).toEqual(await ds.getRepository(Note).findOneByOrFail({ id: 'n2' }));
    expect(hydrated.pinned).toBe(true);
  });

  it('answers rows as arrays in SELECT order, and the same statement as objects again after', async () => {
    await ds.getRepository(Note).insert({ id: 'n3', pinned: false, tags: [], seenAt: null });
    const sql = 'SELECT pinned, id FROM notes WHERE id = ?';
    expect(await reads.arrays(sql, ['n3'])).toEqual([[0, 'n3']]);
    expect(await reads.all(sql, ['n3'])).toEqual([{ pinned: 0, id: 'n3' }]);
  });

  it('answers many rows with all()', async () => {
    await ds.getRepository(Note).insert([{ id: 'a', pinned: false, tags: [], seenAt: null }, { id: 'b', pinned: true, tags: [], seenAt: null }]);
    expect(await reads.all('SELECT id FROM notes WHERE pinned = ? ORDER BY id', [1])).toEqual([{ id: 'b' }]);
  });
});
