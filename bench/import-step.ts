/**
 * Child process of the benchmark: imports a CCRB-format file through Probity's Importer
 * (both passes, batched transactions, audit event) into a fresh database, and creates the
 * accounts the HTTP steps log in with. A dry run first times the checking pass alone. Prints
 * one JSON line.
 *   node dist-bench/bench/import-step.js <file.csv> <database.sqlite>
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../src/app.module.js';
import { loadConfig } from '../src/config/app.config.js';
import { Importer } from '../src/imports/importer.js';
import { Role } from '../src/common/auth/role.js';
import { UsersService } from '../src/users/users.service.js';
import { BENCH_INVESTIGATOR, BENCH_PASSWORD, BENCH_USER } from './bench-env.js';

const [file, database] = process.argv.slice(2);
const config = { ...loadConfig({ ...process.env, DATABASE_URL: `sqlite:${database}`, LOG_LEVEL: 'warn' }), createFirstAdmin: false };
const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error', 'warn'] });
await app.get(UsersService).create({ username: BENCH_USER, displayName: 'Benchmark reader', roles: [Role.Reviewer, Role.Analyst], password: BENCH_PASSWORD }, null);
await app.get(UsersService).create({ username: BENCH_INVESTIGATOR, displayName: 'Benchmark investigator', roles: [Role.Investigator], password: BENCH_PASSWORD }, null);
const importer = app.get(Importer);
const options = { format: 'ccrb', dryRun: false, skipInvalid: false, fileName: 'synthetic.csv', actor: null, via: 'cli' } as const;
// The first pass alone (a dry run), for the breakdown: not part of the import's time.
const checkStarted = process.hrtime.bigint();
await importer.import(file, { ...options, dryRun: true });
const checkSeconds = Number(process.hrtime.bigint() - checkStarted) / 1e9;
const started = process.hrtime.bigint();
const report = await importer.import(file, options);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
await app.close();
process.stdout.write(`${JSON.stringify({ rows: report.rows, rejected: report.rejected, created: report.created, seconds, checkSeconds, peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
