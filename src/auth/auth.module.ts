import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import type { KeyObject } from 'node:crypto';
import type { AppConfig } from '../config/app.config.js';
import { SettingsService } from '../database/settings.service.js';
import { UsersModule } from '../users/users.module.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { JWT_ALGORITHM, JWT_KEY, resolveJwtKey } from './jwt-key.js';
import { JwtStrategy } from './jwt.strategy.js';
import { LocalStrategy } from './local.strategy.js';
import { SessionController } from './session.controller.js';
import { SessionStrategy } from './session.strategy.js';
import { SessionsService } from './sessions.service.js';

type Config = ConfigService<{ app: AppConfig }, true>;

const jwtKeyProvider = {
  provide: JWT_KEY,
  inject: [ConfigService, SettingsService],
  useFactory: (config: Config, settings: SettingsService) => resolveJwtKey(config.get('app', { infer: true }).jwtSecret, settings),
};

@Module({
  imports: [
    UsersModule,
    PassportModule,
    JwtModule.registerAsync({
      extraProviders: [jwtKeyProvider],
      inject: [JWT_KEY, ConfigService],
      useFactory: (key: KeyObject, config: Config) => ({
        secret: key as unknown as string,
        signOptions: { algorithm: JWT_ALGORITHM, expiresIn: config.get('app', { infer: true }).tokenTtlSeconds },
        verifyOptions: { algorithms: [JWT_ALGORITHM] },
      }),
    }),
  ],
  controllers: [AuthController, SessionController],
  providers: [AuthService, SessionsService, JwtStrategy, SessionStrategy, LocalStrategy, jwtKeyProvider],
  exports: [AuthService],
})
export class AuthModule {}
