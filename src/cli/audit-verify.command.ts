import { readCheckpointFile } from '../audit/audit-checkpoints.js';
import { auditFiles } from '../audit/audit-files.js';
import { readAuditKey } from '../audit/audit-key.js';
import { readChainHead, verifyAuditLog, type VerifyReport } from '../audit/audit-verify.js';
import type { CliCommand, CliContext } from './cli-command.js';

/** The audit log is not what its hashes and signed checkpoints say it should be (exit code 1). */
export class AuditVerificationFailed extends Error {}

/** Checks the audit log of the configured database against the configured key and checkpoint file. */
export async function verifyConfiguredAuditLog(ctx: CliContext): Promise<VerifyReport> {
  const dataSource = await ctx.dataSource();
  const files = auditFiles(ctx.config);
  return verifyAuditLog({
    dataSource,
    // Another process: only committed events are visible, so the head is read directly.
    head: await readChainHead(dataSource.manager),
    checkpointLines: readCheckpointFile(files.checkpointFile),
    key: readAuditKey(files.keyFile),
    keyFile: files.keyFile,
  });
}

export function describeReport(report: VerifyReport): string {
  const head = report.head ? `ends at event ${report.head.seq} (${report.head.hash.slice(0, 16)}…)` : 'is empty';
  return `audit log: ${report.events} events read, log ${head}, ${report.checkpoints} signed checkpoints`;
}

/** `npm run cli -- audit:verify`: the same check as GET /api/audit/verify; exit code 1 if it fails. */
export const auditVerify: CliCommand = {
  name: 'audit:verify',
  summary: 'check the audit hash chain and the signed checkpoints (exit code 1 if tampered)',
  usage: '[--json]',
  options: { json: { type: 'boolean' } },
  async run(ctx, { values }) {
    const report = await verifyConfiguredAuditLog(ctx);
    ctx.print(values.json ? JSON.stringify(report) : describeReport(report));
    if (!report.ok) {
      const where = report.firstBadSeq !== undefined ? ` (first bad event: ${report.firstBadSeq})` : '';
      throw new AuditVerificationFailed(`audit log verification FAILED: ${report.problem}${where}`);
    }
    if (!values.json) ctx.print('OK: every event matches its hash and its place in the chain, and every checkpoint matches the log');
  },
};
