import type { UserResponse } from '../users/dto/user.dto.js';
import { UsersService } from '../users/users.service.js';
import type { CliCommand } from './cli-command.js';

const PAGE = 100;

/** Every account, as a table or (--json) one JSON array. */
export const usersList: CliCommand = {
  name: 'users:list',
  summary: 'list accounts: username, roles, active, locked until, last login',
  usage: '[--json]',
  options: { json: { type: 'boolean' } },
  async run(ctx, { values }) {
    const users = (await ctx.app()).get(UsersService);
    const all: UserResponse[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = await users.list({ limit: PAGE, offset });
      all.push(...page.items);
      if (all.length >= page.total || page.items.length === 0) break;
    }
    if (values.json) return ctx.print(JSON.stringify(all, null, 2));
    const rows = [
      ['USERNAME', 'DISPLAY NAME', 'ROLES', 'ACTIVE', 'LOCKED UNTIL', 'LAST LOGIN'],
      ...all.map((u) => [u.username, u.displayName, u.roles.join(','), u.active ? 'yes' : 'no', u.lockedUntil ?? '-', u.lastLoginAt ?? '-']),
    ];
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    for (const row of rows) ctx.print(row.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd());
  },
};
