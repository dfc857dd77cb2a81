import {
  Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleInit,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app.config.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import {
  appendCheckpoint, lastCheckpoint, readCheckpointFile, signCheckpoint, type Checkpoint,
} from './audit-checkpoints.js';
import { auditFiles, type AuditFiles } from './audit-files.js';
import { AuditKeyError, keyFileIsExposed, readAuditKey, readOrCreateAuditKey, type AuditKey } from './audit-key.js';
import { readChainHead, verifyAuditLog, type VerifyReport } from './audit-verify.js';

/**
 * Tamper evidence beyond the hash chain. Anyone able to write to the database could rebuild
 * a consistent chain, so the chain head is signed (Ed25519, key outside the database) and
 * appended to a checkpoint file outside the database: every AUDIT_CHECKPOINT_INTERVAL when
 * the head has moved, and at shutdown. `verify()` checks the chain and every checkpoint.
 */
@Injectable()
export class AuditChain implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AuditChain');
  private readonly files: AuditFiles;
  private key?: AuditKey;
  private last?: Pick<Checkpoint, 'seq' | 'hash'>;
  private timer?: NodeJS.Timeout;
  private running?: Promise<Checkpoint | null>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    config: ConfigService<{ app: AppConfig }, true>,
  ) {
    this.files = auditFiles(config.get('app', { infer: true }));
  }

  /** Loads the signing key, creating it on first start; refuses to start if it was lost. */
  onModuleInit(): void {
    const checkpoints = readCheckpointFile(this.files.checkpointFile).length;
    if (checkpoints && !readAuditKey(this.files.keyFile)) {
      throw new AuditKeyError(
        `audit key file ${this.files.keyFile} is missing, but ${this.files.checkpointFile} holds ${checkpoints} checkpoints signed with it. ` +
        'Restore the key file (every instance must share it), or move the checkpoint file aside and keep it as evidence.',
      );
    }
    const { key, created } = readOrCreateAuditKey(this.files.keyFile);
    this.key = key;
    if (created) this.logger.log(`created the audit signing key ${this.files.keyFile} (${key.fingerprint}); back it up and share it with every instance`);
    if (keyFileIsExposed(this.files.keyFile)) this.logger.warn(`audit key file ${this.files.keyFile} is readable by group or others: chmod 600 it`);
    this.last = lastCheckpoint(this.files.checkpointFile);
  }

  async onApplicationBootstrap(): Promise<void> {
    const head = await this.uow.run(readChainHead);
    if (this.last && (head?.seq ?? 0) < this.last.seq) {
      this.logger.error(
        `the audit log ends at event ${head?.seq ?? 0} but ${this.files.checkpointFile} records event ${this.last.seq}: ` +
        'events were removed or an older database was restored (GET /api/audit/verify)',
      );
    }
    this.timer = setInterval(() => {
      this.checkpoint().catch((error: unknown) => this.logger.error(`audit checkpoint failed: ${(error as Error).message}`));
    }, this.files.checkpointIntervalSeconds * 1000);
    this.timer.unref();
  }

  /** Runs after the HTTP server has finished its requests and before the database closes. */
  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    if (!this.dataSource.isInitialized) {
      this.logger.warn('database already closed: no audit checkpoint at shutdown');
      return;
    }
    await this.checkpoint().catch((error: unknown) => this.logger.error(`audit checkpoint at shutdown failed: ${(error as Error).message}`));
  }

  /** Signs and appends the current head if it moved since the last checkpoint; null if it did not. */
  checkpoint(): Promise<Checkpoint | null> {
    this.running ??= this.writeCheckpoint().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  async verify(): Promise<VerifyReport> {
    // The head is read inside a unit of work: on SQLite's single connection that guarantees no
    // half-done transaction is visible, and every event up to it is committed.
    const head = await this.uow.run(readChainHead);
    return verifyAuditLog({
      dataSource: this.dataSource,
      head,
      checkpointLines: readCheckpointFile(this.files.checkpointFile),
      key: this.key,
      keyFile: this.files.keyFile,
    });
  }

  private async writeCheckpoint(): Promise<Checkpoint | null> {
    // Only committed events may be signed: a rolled-back one would look like a truncated log.
    const head = await this.uow.run(readChainHead);
    if (!head || !this.key || (this.last?.seq === head.seq && this.last.hash === head.hash)) return null;
    const checkpoint = signCheckpoint(head, this.key);
    appendCheckpoint(this.files.checkpointFile, checkpoint);
    this.last = checkpoint;
    return checkpoint;
  }
}
