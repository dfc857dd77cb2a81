import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { validationMessage } from '../common/http/validation.js';
import { CreateUserDto } from '../users/dto/user.dto.js';
import { UsersService } from '../users/users.service.js';
import { UsageError, type CliCommand } from './cli-command.js';
import { readPassword } from './password-input.js';

/** Creates an account, e.g. a first or replacement admin when nobody can log in. */
export const usersCreate: CliCommand = {
  name: 'users:create',
  summary: 'create an account (password from the terminal, or piped on stdin)',
  usage: '--username U --role R [--role R2] [--display-name "Full Name"]',
  options: {
    username: { type: 'string' },
    role: { type: 'string', multiple: true },
    'display-name': { type: 'string' },
  },
  async run(ctx, { values }) {
    const username = values.username as string | undefined;
    if (!username) throw new UsageError('--username is required');
    if (!(values.role as string[] | undefined)?.length) throw new UsageError('at least one --role is required');
    // The same rules as POST /api/users: the DTO is checked before anything is written.
    const dto = plainToInstance(CreateUserDto, {
      username,
      displayName: (values['display-name'] as string | undefined) ?? username,
      roles: values.role,
      password: await readPassword(ctx.io),
    });
    const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length) throw new UsageError(validationMessage(errors).message);
    const user = await (await ctx.app()).get(UsersService).create(dto, null);
    ctx.print(`created user ${user.username} (${user.id}) with roles: ${user.roles.join(', ')}`);
  },
};
