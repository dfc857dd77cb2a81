import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Readable, Writable } from 'node:stream';
import type { ParseArgsConfig } from 'node:util';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module.js';
import { PinoNestLogger } from '../common/http/pino-nest-logger.js';
import type { AppConfig } from '../config/app.config.js';
import { createDataSource } from '../app-data-source.js';

/**
 * One operator command: `npm run cli -- <name> [options]`. A command lives in its own
 * `src/cli/<name>.command.ts` and is listed once in `commands.ts`.
 */
export interface CliCommand {
  /** e.g. `users:create`. */
  name: string;
  /** One line for `help`. */
  summary: string;
  /** What follows the name, e.g. `--username U --role R [--role R2]`. */
  usage: string;
  /** node:util parseArgs options; unknown options are refused. */
  options?: ParseArgsConfig['options'];
  /** Exactly this many positional arguments (default 0). */
  positionals?: number;
  run(ctx: CliContext, args: CliArgs): Promise<void>;
}

export interface CliArgs {
  values: Record<string, string | boolean | Array<string | boolean> | undefined>;
  positionals: string[];
}

/** The process's streams, replaceable so tests can drive a command in-process. */
export interface CliIo {
  stdin: Readable & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  stdout: Writable;
  stderr: Writable;
}

/** Wrong arguments: the CLI prints the message and the command's usage, exit code 2. */
export class UsageError extends Error {}

/**
 * What a command gets: the validated configuration, the streams, and Probity itself on
 * demand: `app()` for services (`(await ctx.app()).get(UsersService)`), `dataSource()` for a
 * bare connection that runs no migrations. Whatever was opened is closed after the command.
 */
export class CliContext {
  private appContext?: Promise<INestApplicationContext>;
  private plainDataSource?: Promise<DataSource>;

  constructor(readonly config: AppConfig, readonly io: CliIo) {}

  /** Probity without HTTP: the same modules as the server; pending migrations are applied. */
  app(): Promise<INestApplicationContext> {
    this.appContext ??= NestFactory.createApplicationContext(AppModule.forRoot(this.config), {
      // stdout is the command's output; Probity's own log lines go to stderr, warnings and up.
      logger: new PinoNestLogger(pino({ level: this.config.logLevel === 'info' ? 'warn' : this.config.logLevel }, this.io.stderr)),
      abortOnError: false,
    });
    return this.appContext;
  }

  dataSource(): Promise<DataSource> {
    this.plainDataSource ??= createDataSource(this.config.db).initialize();
    return this.plainDataSource;
  }

  print(line = ''): void {
    this.io.stdout.write(`${line}\n`);
  }

  async close(): Promise<void> {
    const app = await this.appContext?.catch(() => undefined);
    await app?.close();
    const ds = await this.plainDataSource?.catch(() => undefined);
    if (ds?.isInitialized) await ds.destroy();
  }
}
