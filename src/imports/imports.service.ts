import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { hasRole, type AuthUser } from '../common/auth/auth-user.js';
import { NotFoundError } from '../common/errors/domain-errors.js';
import { newId, now } from '../database/columns.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { Role } from '../common/auth/role.js';
import { ImportJobCreatedResponse, ImportJobResponse } from './dto/import.dto.js';
import { ImportJob, ImportJobStatus } from './import-job.entity.js';
import type { ImportReport } from './import-report.js';
import { Importer, type ImportProgress } from './importer.js';
import { removeUpload, type ImportUpload } from './upload.js';

/** Progress is written to the job row at most this often. */
const PROGRESS_INTERVAL_MS = 1000;
/**
 * Rows per transaction for imports run inside the server: a SQLite transaction holds the
 * event loop while it runs, so smaller batches keep other requests answered.
 */
const SERVER_BATCH_SIZE = 1000;

/** How a finished import is summed up in its job's status. */
function finalStatus(report: ImportReport): ImportJobStatus {
  if (report.fileError) return ImportJobStatus.Rejected;
  if (report.dryRun || report.written) return ImportJobStatus.Completed;
  return ImportJobStatus.Rejected;
}

/**
 * Imports sent over HTTP. The job row is written first and answered with its id; the import
 * then runs in the background of this instance and writes its report to the row, where any
 * instance can read it.
 */
@Injectable()
export class ImportsService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(ImportsService.name);
  private readonly running = new Set<Promise<void>>();
  private readonly shutdown = new AbortController();

  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly importer: Importer,
  ) {}

  async submit(upload: ImportUpload, actor: AuthUser): Promise<ImportJobCreatedResponse> {
    const at = now();
    const job: ImportJob = Object.assign(new ImportJob(), {
      id: newId(), status: ImportJobStatus.Queued, format: upload.options.format, fileName: upload.fileName,
      dryRun: upload.options.dryRun === true, skipInvalid: upload.options.skipInvalid === true, createdBy: actor.id,
      createdAt: at, updatedAt: at, finishedAt: null, phase: null, percent: 0, report: null, error: null,
    });
    try {
      await this.uow.run((em) => em.insert(ImportJob, job));
    } catch (error) {
      await removeUpload(upload);
      throw error;
    }
    const run = this.run(job, upload, actor).finally(() => {
      this.running.delete(run);
      return removeUpload(upload);
    });
    this.running.add(run);
    return { jobId: job.id, status: job.status };
  }

  /** The job's status and report: for the user who sent it, and for admins. */
  async get(jobId: string, actor: AuthUser): Promise<ImportJobResponse> {
    const job = await this.dataSource.manager.findOneBy(ImportJob, { id: jobId });
    if (!job || (job.createdBy !== actor.id && !hasRole(actor, Role.Admin))) throw new NotFoundError('import job', jobId);
    return ImportJobResponse.from(job);
  }

  /** Running imports stop between batches; their jobs are marked failed before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    this.shutdown.abort(new Error('the server shut down during the import; run it again to add the rest'));
    await Promise.allSettled([...this.running]);
  }

  private async run(job: ImportJob, upload: ImportUpload, actor: AuthUser): Promise<void> {
    let lastUpdate = 0;
    const onProgress = async (progress: ImportProgress) => {
      if (Date.now() - lastUpdate < PROGRESS_INTERVAL_MS) return;
      lastUpdate = Date.now();
      await this.update(job.id, { phase: progress.phase, percent: Math.floor((100 * progress.done) / Math.max(progress.total, 1)) });
    };
    try {
      await this.update(job.id, { status: ImportJobStatus.Running });
      const report = await this.importer.import(upload.path, {
        format: job.format as ImportReport['format'], dryRun: job.dryRun, skipInvalid: job.skipInvalid, fileName: job.fileName,
        actor, via: 'http', jobId: job.id, onProgress, signal: this.shutdown.signal, batchSize: SERVER_BATCH_SIZE,
      });
      await this.update(job.id, { status: finalStatus(report), report, phase: null, percent: 100, finishedAt: now() });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.error(`import job ${job.id} failed: ${error instanceof Error ? error.stack : message}`);
      await this.update(job.id, { status: ImportJobStatus.Failed, error: message.slice(0, 1000), phase: null, finishedAt: now() })
        .catch((updateError: unknown) => this.logger.error(`import job ${job.id}: could not record the failure: ${String(updateError)}`));
    }
  }

  private update(jobId: string, changes: Partial<ImportJob>): Promise<unknown> {
    return this.uow.run((em) => em.update(ImportJob, { id: jobId }, { ...changes, updatedAt: now() } as never));
  }
}
