import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { userInfo } from 'node:os';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DomainError } from '../common/errors/domain-errors.js';
import { requestContext } from '../common/http/request-context.js';
import { ConfigValidationError, loadConfig } from '../config/app.config.js';
import { CliContext, UsageError, type CliArgs, type CliCommand, type CliIo } from './cli-command.js';
import { COMMANDS } from './commands.js';
import { PasswordInputError } from './password-input.js';

/** Exit codes: 0 done, 1 the command failed, 2 wrong usage. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

function help(commands: readonly CliCommand[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'usage: npm run cli -- <command> [options]',
    '',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}\n  ${' '.repeat(width)}  ${c.name} ${c.usage}`.trimEnd()),
    '',
    'Configuration comes from the same environment variables as the server (DATABASE_URL, …).',
  ].join('\n');
}

function parse(command: CliCommand, argv: string[]): CliArgs {
  try {
    const { values, positionals } = parseArgs({ args: argv, options: command.options ?? {}, allowPositionals: true, strict: true });
    const expected = command.positionals ?? 0;
    if (positionals.length !== expected) throw new UsageError(`expected ${expected} argument(s), got ${positionals.length}`);
    return { values, positionals };
  } catch (error) {
    // parseArgs throws TypeErrors (ERR_PARSE_ARGS_*) for unknown or malformed options.
    if (String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS')) throw new UsageError((error as Error).message);
    throw error;
  }
}

/** Runs one command line; returns the exit code. Tests call this in-process. */
export async function runCli(argv: string[], io: CliIo, env: Record<string, string | undefined> = process.env): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    (name ? io.stdout : io.stderr).write(`${help(COMMANDS)}\n`);
    return name ? EXIT.ok : EXIT.usage;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`error: unknown command "${name}"\n\n${help(COMMANDS)}\n`);
    return EXIT.usage;
  }
  let ctx: CliContext | undefined;
  try {
    const args = parse(command, rest);
    // The CLI never creates the first admin: an operator may be creating exactly that account.
    ctx = new CliContext({ ...loadConfig(env), createFirstAdmin: false }, io);
    const context = ctx;
    // Audit events written by a command carry a request id and "address" that say where they came from.
    const origin = { requestId: `cli-${randomUUID()}`, clientIp: `cli:${userInfo().username}`.slice(0, 64) };
    await requestContext.run(origin, () => command.run(context, args));
    return EXIT.ok;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`error: ${error.message}\nusage: npm run cli -- ${command.name} ${command.usage}\n`);
      return EXIT.usage;
    }
    const known = error instanceof DomainError || error instanceof ConfigValidationError || error instanceof PasswordInputError;
    const verbose = ['debug', 'trace'].includes(env.LOG_LEVEL ?? '');
    io.stderr.write(`error: ${known || !verbose ? (error as Error).message : (error as Error).stack}\n`);
    return EXIT.failed;
  } finally {
    await ctx?.close();
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (invokedDirectly) {
  runCli(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr })
    .then((code) => { process.exitCode = code; });
}
