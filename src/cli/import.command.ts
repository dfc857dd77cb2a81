import cliProgress from 'cli-progress';
import { existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Writable } from 'node:stream';
import type { ImportReport } from '../imports/import-report.js';
import { IMPORT_FORMATS, type ImportFormatName } from '../imports/import-row.js';
import { Importer, type ImportProgress } from '../imports/importer.js';
import { UsageError, type CliCommand, type CliContext } from './cli-command.js';

/** Rejections printed in the text report (--json prints them all, up to the report's own limit). */
const PRINTED_REJECTIONS = 20;

/** A bar per phase on stderr, drawn only on a terminal (cli-progress stays silent otherwise). */
function progressBar(stream: Writable): { update(progress: ImportProgress): void; stop(): void } {
  let bar: cliProgress.SingleBar | null = null;
  let phase: ImportProgress['phase'] | null = null;
  const stop = () => {
    bar?.stop();
    bar = null;
  };
  return {
    update(progress) {
      if (progress.phase !== phase) {
        stop();
        phase = progress.phase;
        const counts = phase === 'writing' ? ' | {value}/{total} rows' : '';
        bar = new cliProgress.SingleBar({
          stream: stream as NodeJS.WriteStream,
          format: `${phase.padEnd(10)} [{bar}] {percentage}%${counts} | {duration_formatted}`,
          hideCursor: true,
        }, cliProgress.Presets.shades_classic);
        bar.start(Math.max(progress.total, 1), 0);
      }
      bar?.update(progress.done);
    },
    stop,
  };
}

function printReport(ctx: CliContext, report: ImportReport): void {
  const created = Object.entries(report.created).map(([kind, n]) => `${kind} ${n}`).join(', ');
  const verdict = report.dryRun
    ? 'dry run: nothing written'
    : report.written ? 'written'
      : report.fileError ? 'NOTHING WRITTEN: the file cannot be read as this format'
        : 'NOTHING WRITTEN: bad rows (fix them, or pass --skip-invalid to import the valid ones)';
  ctx.print(`import of ${report.file} (${report.format}): ${verdict}`);
  ctx.print(`  rows ${report.rows}, valid ${report.valid}, rejected ${report.rejected}, already present ${report.alreadyPresent}, ${report.seconds} s`);
  if (report.written) ctx.print(`  created: ${created}`);
  for (const { line, reason } of report.rejections.slice(0, PRINTED_REJECTIONS)) ctx.print(`  line ${line}: ${reason}`);
  const unprinted = report.rejected - Math.min(report.rejections.length, PRINTED_REJECTIONS);
  if (unprinted > 0) ctx.print(`  … and ${unprinted} more rejected row(s) (--json lists up to 1000)`);
}

/** `npm run cli -- import <file> --format probity|ccrb [--dry-run] [--skip-invalid]` (docs/import-format.md). */
export const importCommand: CliCommand = {
  name: 'import',
  summary: 'bulk-import allegation rows from a CSV file, with a progress bar and a report (docs/import-format.md)',
  usage: `<file> --format ${IMPORT_FORMATS.join('|')} [--dry-run] [--skip-invalid] [--batch-size N] [--json]`,
  options: {
    format: { type: 'string' },
    'dry-run': { type: 'boolean' },
    'skip-invalid': { type: 'boolean' },
    'batch-size': { type: 'string' },
    json: { type: 'boolean' },
  },
  positionals: 1,
  async run(ctx, { values, positionals }) {
    const [file] = positionals;
    const format = values.format as string | undefined;
    if (!format || !IMPORT_FORMATS.includes(format as ImportFormatName)) {
      throw new UsageError(`--format must be one of: ${IMPORT_FORMATS.join(', ')}`);
    }
    const batchSize = values['batch-size'] === undefined ? undefined : Number(values['batch-size']);
    if (batchSize !== undefined && (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 50_000)) {
      throw new UsageError('--batch-size must be a whole number from 1 to 50000');
    }
    if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`no such file: ${file}`);

    const importer = (await ctx.app()).get(Importer);
    const bar = progressBar(ctx.io.stderr);
    let report: ImportReport;
    try {
      report = await importer.import(file, {
        format: format as ImportFormatName, dryRun: values['dry-run'] === true, skipInvalid: values['skip-invalid'] === true,
        fileName: basename(file), actor: null, via: 'cli', batchSize, onProgress: (progress) => bar.update(progress),
      });
    } finally {
      bar.stop();
    }
    if (values.json) ctx.print(JSON.stringify(report, null, 2));
    else printReport(ctx, report);
    // A script can tell: exit 1 when the file or any row was refused and nothing was (or would be) written.
    const nothing = report.dryRun ? 'the import would write nothing' : 'nothing was written';
    if (report.fileError) throw new Error(`the file was refused: ${nothing}`);
    if (report.rejected && !report.skipInvalid) throw new Error(`${report.rejected} row(s) rejected: ${nothing}`);
  },
};
