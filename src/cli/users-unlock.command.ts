import { UsersService } from '../users/users.service.js';
import type { CliCommand } from './cli-command.js';

/** Releases a lockout before it expires (the same as POST /api/users/:id/unlock). */
export const usersUnlock: CliCommand = {
  name: 'users:unlock',
  summary: 'release a locked account and reset its failed-login count',
  usage: '<username>',
  positionals: 1,
  async run(ctx, { positionals: [username] }) {
    const user = await (await ctx.app()).get(UsersService).unlockByUsername(username, null);
    ctx.print(`unlocked ${user.username}`);
  },
};
