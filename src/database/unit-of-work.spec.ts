import 'reflect-metadata';
import { setTimeout as sleep } from 'node:timers/promises';
import { Column, DataSource, Entity, PrimaryColumn, type EntityManager } from 'typeorm';
import { BULK_WRITE_SETTINGS } from './sqlite-settings.js';
import { UnitOfWork } from './unit-of-work.js';

@Entity('notes')
class Note {
  @PrimaryColumn({ type: 'varchar' }) id!: string;
  @Column({ type: 'varchar', default: '' }) text!: string;
}

type Work = (em: EntityManager) => Promise<unknown>;
type Runner = (work: Work) => Promise<unknown>;

/**
 * Transaction 1 writes, then fails after transaction 2 has been submitted; transaction 2
 * writes and is acknowledged. Returns how each ended and which rows survived.
 */
async function overlap(ds: DataSource, run: Runner) {
  let firstHasWritten!: () => void;
  const written = new Promise<void>((resolve) => { firstHasWritten = resolve; });
  const first = run(async (em) => {
    await em.insert(Note, { id: 'rolled-back' });
    firstHasWritten();
    await sleep(30);
    throw new Error('conflict found after the insert');
  });
  await written;
  const second = run(async (em) => { await em.insert(Note, { id: 'acknowledged' }); });
  const [firstResult, secondResult] = await Promise.allSettled([first, second]);
  const rows = (await ds.getRepository(Note).find()).map((n) => n.id).sort();
  return { first: firstResult.status, second: secondResult.status, rows };
}

describe('UnitOfWork', () => {
  let ds: DataSource;

  beforeEach(async () => {
    // A throw-away in-memory database: the one place synchronize is fine.
    ds = new DataSource({ type: 'better-sqlite3', database: ':memory:', entities: [Note], synchronize: true });
    await ds.initialize();
  });
  afterEach(async () => { await ds.destroy(); });

  it('guards against a real hazard: plain overlapping transactions on SQLite lose an acknowledged write', async () => {
    // Control for the next test: if TypeORM ever stops nesting, this fails and says so.
    const result = await overlap(ds, (work) => ds.transaction(work));
    expect(result).toEqual({ first: 'rejected', second: 'fulfilled', rows: [] });
  });

  it('keeps an acknowledged write when an overlapping transaction rolls back', async () => {
    const uow = new UnitOfWork(ds);
    const result = await overlap(ds, (work) => uow.run(work));
    expect(result).toEqual({ first: 'rejected', second: 'fulfilled', rows: ['acknowledged'] });
  });

  it('runs SQLite transactions one at a time, in the order they were asked for', async () => {
    const uow = new UnitOfWork(ds);
    let active = 0;
    let maxActive = 0;
    const order: number[] = [];
    await Promise.all([1, 2, 3, 4, 5].map((n) => uow.run(async (em) => {
      maxActive = Math.max(maxActive, ++active);
      await em.insert(Note, { id: `n${n}` });
      await sleep(5);
      order.push(n);
      active -= 1;
    })));
    expect(maxActive).toBe(1);
    expect(order).toEqual([1, 2, 3, 4, 5]);
  });

  it('keeps going after a failed transaction', async () => {
    const uow = new UnitOfWork(ds);
    await expect(uow.run(async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    await uow.run(async (em) => { await em.insert(Note, { id: 'after' }); });
    expect(await ds.getRepository(Note).countBy({ id: 'after' })).toBe(1);
  });

  it('lets a nested run join the outer transaction instead of waiting behind it for ever', async () => {
    const uow = new UnitOfWork(ds);
    const outcome = uow.run(async (em) => {
      await em.insert(Note, { id: 'outer' });
      await uow.run(async (inner) => {
        expect(inner).toBe(em);
        await inner.insert(Note, { id: 'inner' });
      });
      throw new Error('outer fails');
    });
    await expect(outcome).rejects.toThrow('outer fails');
    // Both writes belonged to the outer transaction, so both were rolled back.
    expect(await ds.getRepository(Note).count()).toBe(0);
  });

  it('sets SQLite up for bulk writes while any bulk writer runs, and puts the settings back after the last', async () => {
    const uow = new UnitOfWork(ds);
    const sqlite = (ds.driver as unknown as { databaseConnection: { pragma(s: string, o: { simple: true }): unknown } }).databaseConnection;
    const settings = () => Object.fromEntries(BULK_WRITE_SETTINGS.map(([name]) => [name, sqlite.pragma(name, { simple: true })]));
    const before = settings();
    const during = Object.fromEntries(BULK_WRITE_SETTINGS);
    expect(before).not.toEqual(during);
    let releaseFirst!: () => void;
    const first = uow.whileBulkWriting(() => new Promise<void>((resolve) => { releaseFirst = resolve; }));
    expect(settings()).toEqual(during);
    // A second writer starts and ends inside the first: the settings stay until the first ends too.
    await uow.whileBulkWriting(async () => { expect(settings()).toEqual(during); });
    expect(settings()).toEqual(during);
    releaseFirst();
    await first;
    expect(settings()).toEqual(before);
    // A failing writer puts them back as well.
    await expect(uow.whileBulkWriting(async () => { throw new Error('bad file'); })).rejects.toThrow('bad file');
    expect(settings()).toEqual(before);
  });

  it('does not queue on PostgreSQL, whose pool gives each transaction its own connection', async () => {
    let active = 0;
    let maxActive = 0;
    const fakePg = {
      options: { type: 'postgres' },
      transaction: async (work: Work) => {
        maxActive = Math.max(maxActive, ++active);
        await sleep(10);
        const result = await work({} as EntityManager);
        active -= 1;
        return result;
      },
    } as unknown as DataSource;
    const uow = new UnitOfWork(fakePg);
    await Promise.all([1, 2, 3].map(() => uow.run(async () => undefined)));
    expect(maxActive).toBe(3);
  });
});
