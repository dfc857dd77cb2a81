import { sign, verify } from 'node:crypto';
import { closeSync, fstatSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { now } from '../database/columns.js';
import { canonicalJson } from './audit-hash.js';
import type { AuditKey } from './audit-key.js';

/**
 * A signed statement "at time `at`, the audit chain ended at event `seq` with hash `hash`",
 * one JSON object per line of the checkpoint file. Whoever can rewrite the database can
 * rebuild a consistent chain, but cannot forge these signatures without the key.
 */
export interface Checkpoint {
  seq: number;
  hash: string;
  at: string;
  /** Fingerprint of the signing key. */
  key: string;
  /** Ed25519 signature (base64) over the canonical {seq, hash, at}. */
  sig: string;
}

export interface ChainHead {
  seq: number;
  hash: string;
}

/** One line of the checkpoint file: a checkpoint, or the reason it is not one. */
export type CheckpointLine =
  | { line: number; checkpoint: Checkpoint }
  | { line: number; malformed: string };

const DOMAIN = 'probity-audit-checkpoint-v1\n';

function signedBytes(cp: Pick<Checkpoint, 'seq' | 'hash' | 'at'>): Buffer {
  return Buffer.from(DOMAIN + canonicalJson({ seq: cp.seq, hash: cp.hash, at: cp.at }), 'utf8');
}

export function signCheckpoint(head: ChainHead, key: AuditKey, at: string = now()): Checkpoint {
  const sig = sign(null, signedBytes({ ...head, at }), key.privateKey).toString('base64');
  return { seq: head.seq, hash: head.hash, at, key: key.fingerprint, sig };
}

export function checkpointSignatureValid(cp: Checkpoint, key: Pick<AuditKey, 'publicKey'>): boolean {
  try {
    return verify(null, signedBytes(cp), key.publicKey, Buffer.from(cp.sig, 'base64'));
  } catch {
    return false;
  }
}

function parseCheckpoint(text: string): Checkpoint | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'not JSON';
  }
  const cp = value as Partial<Checkpoint> | null;
  if (!cp || typeof cp !== 'object') return 'not an object';
  if (!Number.isSafeInteger(cp.seq) || (cp.seq as number) < 1) return 'seq is not a positive integer';
  if (typeof cp.hash !== 'string' || !/^[0-9a-f]{64}$/.test(cp.hash)) return 'hash is not 64 hex digits';
  if (typeof cp.at !== 'string' || typeof cp.key !== 'string' || typeof cp.sig !== 'string') return 'at, key or sig missing';
  return { seq: cp.seq as number, hash: cp.hash, at: cp.at, key: cp.key, sig: cp.sig };
}

/** Every line of the checkpoint file, in order; none if the file does not exist yet. */
export function readCheckpointFile(file: string): CheckpointLine[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return text.split('\n').flatMap((raw, index) => {
    if (raw.trim() === '') return [];
    const parsed = parseCheckpoint(raw);
    return [typeof parsed === 'string' ? { line: index + 1, malformed: parsed } : { line: index + 1, checkpoint: parsed }];
  });
}

/** The last well-formed checkpoint in the file, if any. */
export function lastCheckpoint(file: string): Checkpoint | undefined {
  const lines = readCheckpointFile(file);
  for (let i = lines.length - 1; i >= 0; i--) {
    const entry = lines[i];
    if ('checkpoint' in entry) return entry.checkpoint;
  }
  return undefined;
}

/**
 * Appends one line and forces it to disk. One write of one short line on an O_APPEND file:
 * instances sharing the file (PostgreSQL) never interleave their lines. A write that fails
 * part-way (disk full) is cut off again, so no torn line is left to look like tampering.
 */
export function appendCheckpoint(file: string, cp: Checkpoint): void {
  mkdirSync(dirname(file), { recursive: true });
  const line = Buffer.from(`${JSON.stringify(cp)}\n`, 'utf8');
  const fd = openSync(file, 'a', 0o600);
  const sizeBefore = fstatSync(fd).size;
  try {
    if (writeSync(fd, line) !== line.length) throw new Error(`short write to ${file}`);
    fsyncSync(fd);
  } catch (error) {
    try {
      ftruncateSync(fd, sizeBefore);
    } catch {
      // Nothing more can be done here; verify will name the torn line.
    }
    throw error;
  } finally {
    closeSync(fd);
  }
}
