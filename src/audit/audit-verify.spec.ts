import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EntityManager } from 'typeorm';
import type { AuditEvent } from './audit-event.entity.js';
import { GENESIS_HASH, hashEvent } from './audit-hash.js';
import { appendCheckpoint, checkpointSignatureValid, readCheckpointFile, signCheckpoint } from './audit-checkpoints.js';
import { readOrCreateAuditKey } from './audit-key.js';
import { AuditService } from './audit.service.js';
import { checkChain } from './audit-verify.js';

type Raw = Parameters<typeof checkChain>[0] extends AsyncIterable<infer R> ? R : never;

/** A chain of `n` well-formed events, as rows read back from the database. */
function chain(n: number): Raw[] {
  const rows: Raw[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const event: Omit<AuditEvent, 'hash'> = {
      seq, at: `2026-01-01T00:00:0${seq % 10}.000Z`, actorId: null, actorUsername: 'u', actorRoles: ['admin'], action: `a.${seq}`,
      entityType: 'thing', entityId: String(seq), changes: { n: { before: null, after: seq } }, detail: null, requestId: null, clientIp: null, prevHash: prev,
    };
    const hash = hashEvent(event);
    rows.push({
      seq, at: event.at, actor_id: null, actor_username: 'u', actor_roles: '["admin"]', action: event.action, entity_type: 'thing',
      entity_id: String(seq), changes: JSON.stringify(event.changes), detail: null, request_id: null, client_ip: null, prev_hash: prev, hash,
    });
    prev = hash;
  }
  return rows;
}

async function* rows(list: Raw[]) {
  yield* list;
}

describe('checkChain', () => {
  it('accepts an untouched chain and reports the hashes the checkpoints ask for', async () => {
    const result = await checkChain(rows(chain(5)), new Set([2, 5]));
    expect(result.failure).toBeUndefined();
    expect(result.events).toBe(5);
    expect([...result.hashes.keys()].sort()).toEqual([2, 5]);
  });

  it('names an altered event', async () => {
    const list = chain(5);
    list[2] = { ...list[2], action: 'forged' };
    expect((await checkChain(rows(list), new Set())).failure).toEqual({ seq: 3, problem: 'event 3 does not match its hash: it was altered' });
  });

  it('names an event whose JSON no longer parses', async () => {
    const list = chain(3);
    list[1] = { ...list[1], changes: '{not json' };
    expect((await checkChain(rows(list), new Set())).failure).toEqual({ seq: 2, problem: 'event 2 is unreadable: it was altered' });
  });

  it('names the first of several missing events', async () => {
    const list = chain(6).filter((r) => r.seq !== 3 && r.seq !== 4);
    expect((await checkChain(rows(list), new Set())).failure).toEqual({ seq: 3, problem: 'event 3 is missing (events 3–4): events were deleted' });
  });

  it('names an event numbered below 1', async () => {
    const list = [{ ...chain(1)[0], seq: 0 }, ...chain(3)];
    expect((await checkChain(rows(list), new Set())).failure?.seq).toBe(0);
  });
});

describe('checkpoints', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'probity-audit-unit-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the key once, 0600, and signs checkpoints only it verifies', () => {
    const file = join(dir, 'keys', 'audit.pem');
    const first = readOrCreateAuditKey(file);
    const second = readOrCreateAuditKey(file);
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.key.fingerprint).toBe(first.key.fingerprint);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const cp = signCheckpoint({ seq: 7, hash: 'a'.repeat(64) }, first.key);
    expect(checkpointSignatureValid(cp, first.key)).toBe(true);
    expect(checkpointSignatureValid({ ...cp, seq: 8 }, first.key)).toBe(false);
    expect(checkpointSignatureValid({ ...cp, hash: 'b'.repeat(64) }, first.key)).toBe(false);
    const other = readOrCreateAuditKey(join(dir, 'other.pem')).key;
    expect(checkpointSignatureValid(cp, other)).toBe(false);
  });

  it('appends one line per checkpoint and reads malformed lines as such', () => {
    const file = join(dir, 'cp.jsonl');
    const { key } = readOrCreateAuditKey(join(dir, 'k.pem'));
    appendCheckpoint(file, signCheckpoint({ seq: 1, hash: 'c'.repeat(64) }, key));
    appendCheckpoint(file, signCheckpoint({ seq: 2, hash: 'd'.repeat(64) }, key));
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(2);
    rmSync(file);
    appendCheckpoint(file, signCheckpoint({ seq: 1, hash: 'c'.repeat(64) }, key));
    writeFileSync(file, `${readFileSync(file, 'utf8')}{"seq":"x"}\n`);
    expect(readCheckpointFile(file).map((l) => ('malformed' in l ? l.malformed : 'ok'))).toEqual(['ok', 'seq is not a positive integer']);
  });
});

describe('AuditService.record', () => {
  it('hashes the event as it will read back from its JSON columns (dates become strings)', async () => {
    let saved: AuditEvent | undefined;
    const em = {
      connection: { options: { type: 'better-sqlite3' } },
      createQueryBuilder: () => ({ select: () => ({ orderBy: () => ({ limit: () => ({ getOne: async () => null }) }) }) }),
      save: async (_: unknown, event: AuditEvent) => { saved = event; return event; },
    } as unknown as EntityManager;
    const when = new Date('2026-02-03T04:05:06.000Z');
    await new AuditService().record(em, {
      actor: null, action: 'thing.changed', before: { at: null }, after: { at: when, gone: undefined }, detail: { when },
    });
    const readBack = JSON.parse(JSON.stringify(saved)) as AuditEvent;
    expect(readBack.changes).toEqual({ at: { before: null, after: '2026-02-03T04:05:06.000Z' } });
    expect(hashEvent(readBack)).toBe(saved!.hash);
    expect(saved!.prevHash).toBe(GENESIS_HASH);
  });
});
