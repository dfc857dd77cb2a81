import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../common/auth/auth-user.js';
import { ConflictError } from '../common/errors/domain-errors.js';
import { loadConfig, type AppConfig } from '../config/app.config.js';
import { createApp } from '../configure-app.js';
import { CaseSummaryService } from '../case-summaries/case-summary.service.js';
import { PasswordHasher } from '../users/password-hasher.js';
import { Role } from '../common/auth/role.js';
import { User } from '../users/user.entity.js';
import { UsersService } from '../users/users.service.js';
import { findReferenceCase, loadReferenceCase, readReferenceCase } from './reference-case.js';

/** The demo's own database, beside (never instead of) data/probity.sqlite. */
export const DEMO_DATABASE = fileURLToPath(new URL('../../data/demo.sqlite', import.meta.url));

const DEMO_USERS = [
  { username: 'demo-admin', role: Role.Admin },
  { username: 'demo-investigator', role: Role.Investigator },
  { username: 'demo-reviewer', role: Role.Reviewer },
  { username: 'demo-analyst', role: Role.Analyst },
] as const;

const randomPassword = () => randomBytes(18).toString('base64url');

/**
 * The app's configuration pointed at the demo database. On an empty database the app's own
 * first-start step creates demo-admin with `adminPassword`.
 */
export function demoConfig(adminPassword: string, env: Record<string, unknown> = process.env): AppConfig {
  return loadConfig({ ...env, DATABASE_URL: `sqlite:${DEMO_DATABASE}`, PROBITY_ADMIN_USER: 'demo-admin', PROBITY_ADMIN_PASSWORD: adminPassword });
}

export interface DemoSeeding {
  app: NestFastifyApplication;
  config: AppConfig;
  /** True if the reference case was loaded now; false if it was already there. */
  seeded: boolean;
  report: string;
}

/**
 * Boots the app on the demo database and, unless the reference case is already there, creates
 * one demo user per role (random passwords, shown once in the report) and loads the case.
 * Returns the running (initialised, not listening) app.
 */
export async function bootAndSeedDemo(env: Record<string, unknown> = process.env): Promise<DemoSeeding> {
  const adminPassword = randomPassword();
  const config = demoConfig(adminPassword, env);
  const app = await createApp(config);
  await app.init();
  const data = readReferenceCase();
  if (await findReferenceCase(app, data)) {
    return { app, config, seeded: false, report: `The reference case is already in ${DEMO_DATABASE}: nothing written. Demo users: ${DEMO_USERS.map((u) => u.username).join(', ')} (passwords as printed when first seeded).\n` };
  }

  const passwords = new Map<string, string>();
  const actors = new Map<Role, AuthUser>();
  for (const { username, role } of DEMO_USERS) {
    const account = await ensureUser(app, username, role, role === Role.Admin ? adminPassword : randomPassword());
    if (account.password) passwords.set(username, account.password);
    actors.set(role, account.user);
  }
  const result = await loadReferenceCase(app, { investigator: actors.get(Role.Investigator)!, reviewer: actors.get(Role.Reviewer)! }, data);
  const summary = await app.get(CaseSummaryService).forInvestigation(result.investigationId, actors.get(Role.Reviewer)!);

  const lines = [
    '',
    `  Loaded the reference case into ${DEMO_DATABASE}:`,
    `  ${result.reference} "${data.investigation.title}" (${data.investigation.operation})`,
    `  ${summary.sentence}`,
    '  Names, numbers and most details are illustrative: see data/reference-case.json.',
    '',
    '  Demo users (passwords are shown only this once):',
    ...DEMO_USERS.map(({ username, role }) =>
      `    ${username.padEnd(19)} ${role.padEnd(13)} ${passwords.get(username) ?? '(already existed; password unchanged)'}`),
    '',
  ];
  return { app, config, seeded: true, report: `${lines.join('\n')}\n` };
}

/** Creates the account, or finds it if it exists; `password` is returned only if it is the account's password now. */
async function ensureUser(app: NestFastifyApplication, username: string, role: Role, password: string): Promise<{ user: AuthUser; password?: string }> {
  const users = app.get(UsersService);
  try {
    const created = await users.create({ username, displayName: `Demo ${role}`, roles: [role], password }, null);
    return { user: { id: created.id, username, roles: [role] }, password };
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
  }
  const existing = await app.get(DataSource).getRepository(User).findOneByOrFail({ usernameKey: username });
  // demo-admin is made by the app's first start with the password generated here.
  const isOurs = await app.get(PasswordHasher).verify(existing.passwordHash, password);
  return { user: { id: existing.id, username, roles: existing.roles }, ...(isOurs ? { password } : {}) };
}
