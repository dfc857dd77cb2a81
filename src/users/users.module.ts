import { Module } from '@nestjs/common';
import { FirstAdminBootstrap } from './first-admin.bootstrap.js';
import { PasswordHasher } from './password-hasher.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

@Module({
  controllers: [UsersController],
  providers: [UsersService, PasswordHasher, FirstAdminBootstrap],
  exports: [UsersService, PasswordHasher],
})
export class UsersModule {}
