import { auditVerify } from './audit-verify.command.js';
import { backup } from './backup.command.js';
import type { CliCommand } from './cli-command.js';
import { importCommand } from './import.command.js';
import { migrationRevert, migrationRun } from './migration.command.js';
import { restore } from './restore.command.js';
import { usersCreate } from './users-create.command.js';
import { usersList } from './users-list.command.js';
import { usersUnlock } from './users-unlock.command.js';

/**
 * Every `npm run cli -- <command>`. To add one, write `src/cli/<name>.command.ts` exporting a
 * CliCommand (users-unlock.command.ts is a short example: options, positionals, services
 * through `ctx.app()`) and add it to this list. `help` is built from the list.
 */
export const COMMANDS: readonly CliCommand[] = [
  usersCreate,
  usersList,
  usersUnlock,
  migrationRun,
  migrationRevert,
  auditVerify,
  backup,
  restore,
  importCommand,
];
