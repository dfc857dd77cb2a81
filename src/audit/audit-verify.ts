import type { DataSource, EntityManager } from 'typeorm';
import type { AuditEvent } from './audit-event.entity.js';
import { GENESIS_HASH, hashEvent } from './audit-hash.js';
import { checkpointSignatureValid, type ChainHead, type Checkpoint, type CheckpointLine } from './audit-checkpoints.js';
import type { AuditKey } from './audit-key.js';

/** What `GET /api/audit/verify` and `cli audit:verify` report. */
export interface VerifyReport {
  ok: boolean;
  /** Events read from the log. */
  events: number;
  /** Checkpoints read from the checkpoint file. */
  checkpoints: number;
  head: ChainHead | null;
  /** The first event that is missing, altered, inserted or out of place (absent when the problem is the checkpoint file itself). */
  firstBadSeq?: number;
  problem?: string;
}

interface Failure {
  seq?: number;
  problem: string;
}

/** The columns as stored, before any parsing: a tampered row must not crash the check. */
interface RawEvent {
  seq: number | string;
  at: string;
  actor_id: string | null;
  actor_username: string | null;
  actor_roles: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  changes: string | null;
  detail: string | null;
  request_id: string | null;
  client_ip: string | null;
  prev_hash: string;
  hash: string;
}

const PAGE_SIZE = 1000;
/** How far back an inserted event is recognised by its successor still naming the true predecessor. */
const RECENT_HASHES = 10_000;

/** The last event: read inside a UnitOfWork on SQLite so no uncommitted event is seen. */
export async function readChainHead(em: EntityManager): Promise<ChainHead | null> {
  const row = await em.createQueryBuilder().select('e.seq', 'seq').addSelect('e.hash', 'hash')
    .from('audit_events', 'e').orderBy('e.seq', 'DESC').limit(1).getRawOne<{ seq: number | string; hash: string }>();
  return row ? { seq: Number(row.seq), hash: row.hash } : null;
}

/** Events up to `upTo`, in order, a page at a time (constant memory on any size of log). */
async function* eventsUpTo(dataSource: DataSource, upTo: number): AsyncGenerator<RawEvent> {
  let after: number | undefined;
  for (;;) {
    const qb = dataSource.createQueryBuilder().select('e.*').from('audit_events', 'e')
      .where('e.seq <= :upTo', { upTo }).orderBy('e.seq', 'ASC').limit(PAGE_SIZE);
    if (after !== undefined) qb.andWhere('e.seq > :after', { after });
    const rows = await qb.getRawMany<RawEvent>();
    yield* rows;
    if (rows.length < PAGE_SIZE) return;
    after = Number(rows[rows.length - 1].seq);
  }
}

function parseJson(text: string | null): unknown {
  return text === null ? null : JSON.parse(text);
}

function toEvent(raw: RawEvent): AuditEvent {
  return {
    seq: Number(raw.seq), at: raw.at, actorId: raw.actor_id, actorUsername: raw.actor_username,
    actorRoles: parseJson(raw.actor_roles) as string[] | null, action: raw.action,
    entityType: raw.entity_type, entityId: raw.entity_id,
    changes: parseJson(raw.changes) as AuditEvent['changes'], detail: parseJson(raw.detail) as AuditEvent['detail'],
    requestId: raw.request_id, clientIp: raw.client_ip, prevHash: raw.prev_hash, hash: raw.hash,
  };
}

interface ChainResult {
  events: number;
  /** Hash of each event a checkpoint names, as found in the log. */
  hashes: Map<number, string>;
  failure?: Failure;
}

/**
 * Walks the chain from event 1: numbers must run 1, 2, 3… without gaps, each event must
 * name its predecessor's hash and match its own. Stops at the first event that does not.
 */
export async function checkChain(events: AsyncIterable<RawEvent>, wanted: Set<number>): Promise<ChainResult> {
  const hashes = new Map<number, string>();
  const recent = new Map<string, number>();
  let count = 0;
  let expected = 1;
  let previousHash = GENESIS_HASH;
  const stop = (failure: Failure): ChainResult => ({ events: count, hashes, failure });

  for await (const raw of events) {
    const seq = Number(raw.seq);
    count++;
    if (seq > expected) {
      const more = seq - expected > 1 ? ` (events ${expected}–${seq - 1})` : '';
      return stop({ seq: expected, problem: `event ${expected} is missing${more}: events were deleted` });
    }
    if (seq < expected) return stop({ seq, problem: `event ${seq} should not exist: the log starts at 1` });
    if (raw.prev_hash !== previousHash) {
      const linksTo = recent.get(raw.prev_hash);
      if (linksTo !== undefined && linksTo < seq - 1) {
        return stop({ seq: linksTo + 1, problem: `event ${seq} follows event ${linksTo}: events ${linksTo + 1}–${seq - 1} were inserted` });
      }
      return stop({ seq, problem: `event ${seq} does not follow event ${seq - 1}: events were inserted, reordered or rewritten` });
    }
    let event: AuditEvent;
    try {
      event = toEvent(raw);
    } catch {
      return stop({ seq, problem: `event ${seq} is unreadable: it was altered` });
    }
    if (hashEvent(event) !== raw.hash) return stop({ seq, problem: `event ${seq} does not match its hash: it was altered` });

    if (wanted.has(seq)) hashes.set(seq, raw.hash);
    recent.set(raw.hash, seq);
    if (recent.size > RECENT_HASHES) recent.delete(recent.keys().next().value as string);
    previousHash = raw.hash;
    expected = seq + 1;
  }
  return { events: count, hashes };
}

/**
 * Problems with the checkpoint file itself: unreadable lines, another key, bad signatures.
 * Any of them means the file, the key or both were tampered with or mixed up.
 */
function checkpointFileProblem(lines: CheckpointLine[], key: AuditKey | undefined, keyFile: string): Failure | undefined {
  if (lines.length && !key) return { problem: `audit key file ${keyFile} is missing: ${lines.length} checkpoints cannot be checked` };
  for (const entry of lines) {
    if ('malformed' in entry) return { problem: `checkpoint file line ${entry.line} is not a checkpoint (${entry.malformed})` };
    if (entry.checkpoint.key !== key!.fingerprint) {
      return { problem: `checkpoint file line ${entry.line} was signed by another key (${entry.checkpoint.key}, expected ${key!.fingerprint})` };
    }
    if (!checkpointSignatureValid(entry.checkpoint, key!)) {
      return { problem: `checkpoint file line ${entry.line} has a bad signature: the checkpoint file was altered` };
    }
  }
  return undefined;
}

/**
 * Compares the log with the signed checkpoints. A checkpoint beyond the end of the log means
 * events were cut from the end or an older database was restored; a checkpoint whose hash
 * differs means the log was rewritten (chain and all) at or before that event.
 */
function checkpointProblem(checkpoints: Checkpoint[], head: ChainHead | null, chain: ChainResult): Failure | undefined {
  const end = head?.seq ?? 0;
  const beyond = checkpoints.filter((cp) => cp.seq > end).sort((a, b) => b.seq - a.seq)[0];
  const readUpTo = chain.failure?.seq ?? Infinity;
  const compared = checkpoints.filter((cp) => cp.seq <= end && cp.seq < readUpTo).sort((a, b) => a.seq - b.seq);
  const mismatch = compared.find((cp) => chain.hashes.get(cp.seq) !== cp.hash);
  if (mismatch) {
    const lastGood = compared.filter((cp) => cp.seq < mismatch.seq && chain.hashes.get(cp.seq) === cp.hash).at(-1)?.seq ?? 0;
    return {
      seq: lastGood + 1,
      problem: `event ${mismatch.seq} differs from the checkpoint signed at ${mismatch.at}: the log was rewritten between events ${lastGood + 1} and ${mismatch.seq}`,
    };
  }
  if (beyond) {
    return {
      seq: end + 1,
      problem: `the log ends at event ${end} but the checkpoint signed at ${beyond.at} records event ${beyond.seq}: events were removed from the end or an older database was restored`,
    };
  }
  return undefined;
}

export interface VerifyInput {
  dataSource: DataSource;
  /** The end of the log to check, read by the caller (see readChainHead). */
  head: ChainHead | null;
  checkpointLines: CheckpointLine[];
  key: AuditKey | undefined;
  keyFile: string;
}

/** Checks the whole chain, then the chain against the signed checkpoints. */
export async function verifyAuditLog(input: VerifyInput): Promise<VerifyReport> {
  const { dataSource, head, checkpointLines, key, keyFile } = input;
  const checkpoints = checkpointLines.flatMap((entry) => ('checkpoint' in entry ? [entry.checkpoint] : []));
  const chain = await checkChain(eventsUpTo(dataSource, head?.seq ?? 0), new Set(checkpoints.map((cp) => cp.seq)));
  const fileProblem = checkpointFileProblem(checkpointLines, key, keyFile);
  const trusted = fileProblem ? [] : checkpoints;
  const failures = [chain.failure, checkpointProblem(trusted, head, chain)]
    .filter((f): f is Failure => f !== undefined)
    .sort((a, b) => (a.seq ?? Infinity) - (b.seq ?? Infinity));
  const first = failures[0] ?? fileProblem;
  const report: VerifyReport = { ok: !first, events: chain.events, checkpoints: checkpoints.length, head };
  if (first?.seq !== undefined) report.firstBadSeq = first.seq;
  if (first) report.problem = first.problem;
  return report;
}
