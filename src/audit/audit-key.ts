import {
  createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject,
} from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** The Ed25519 key pair that signs audit checkpoints. */
export interface AuditKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** First 16 hex digits of SHA-256 over the public key (SPKI DER): names the key in each checkpoint. */
  fingerprint: string;
}

export class AuditKeyError extends Error {}

export function keyFingerprint(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

function fromPem(pem: string, file: string): AuditKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch {
    throw new AuditKeyError(`audit key file ${file} does not hold a private key in PEM form`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new AuditKeyError(`audit key file ${file} holds a ${privateKey.asymmetricKeyType} key; an Ed25519 key is required`);
  }
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, fingerprint: keyFingerprint(publicKey) };
}

/** Reads the key; undefined if the file does not exist. */
export function readAuditKey(file: string): AuditKey | undefined {
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return fromPem(pem, file);
}

/** True when group or others may read the key file (it should be 0600). */
export function keyFileIsExposed(file: string): boolean {
  return (statSync(file).mode & 0o077) !== 0;
}

/**
 * Reads the key, generating it first if the file does not exist. Creation is atomic and
 * create-if-absent (written aside, then hard-linked into place), so instances starting
 * together end up sharing one key and nobody reads a half-written file.
 */
export function readOrCreateAuditKey(file: string): { key: AuditKey; created: boolean } {
  const existing = readAuditKey(file);
  if (existing) return { key: existing, created: false };
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const aside = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(aside, pem, { mode: 0o600, flag: 'wx' });
  let created = true;
  try {
    linkSync(aside, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    created = false; // another instance won the race: use its key
  } finally {
    unlinkSync(aside);
  }
  return { key: readAuditKey(file)!, created };
}
