import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBody, ApiNoContentResponse, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { AuthUser } from '../common/auth/auth-user.js';
import { CurrentUser } from '../common/auth/current-user.decorator.js';
import { AnyRole, Public } from '../common/auth/roles.decorator.js';
import { AuthService } from './auth.service.js';
import { ChangePasswordDto, LoginDto, LoginResponse, SessionUser } from './dto/auth.dto.js';
import { LocalAuthGuard } from './local-auth.guard.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  // Per client address, limits from LOGIN_RATE_LIMIT (configure-app.ts registers the plugin).
  @RouteConfig({ rateLimit: {} })
  @UseGuards(LocalAuthGuard)
  @ApiBody({ type: LoginDto })
  @ApiOkResponse({ type: LoginResponse })
  @ApiUnauthorizedResponse({ description: 'wrong username or password, or account locked or inactive (always the same answer)' })
  @ApiTooManyRequestsResponse({ description: 'too many login attempts from this address' })
  login(@CurrentUser() session: unknown): LoginResponse {
    return session as LoginResponse;
  }

  @Get('me')
  @AnyRole()
  @ApiOkResponse({ type: SessionUser })
  me(@CurrentUser() actor: AuthUser): Promise<SessionUser> {
    return this.auth.me(actor);
  }

  @Post('password')
  @AnyRole()
  @HttpCode(204)
  // Guessing the current password with a stolen token is limited like login.
  @RouteConfig({ rateLimit: {} })
  @ApiNoContentResponse({ description: 'changed; every token of the account, this one included, stops working' })
  @ApiUnauthorizedResponse({ description: 'current password wrong, or the account is locked (counts towards the lockout)' })
  @ApiTooManyRequestsResponse({ description: 'too many attempts from this address' })
  changePassword(@Body() dto: ChangePasswordDto, @CurrentUser() actor: AuthUser): Promise<void> {
    return this.auth.changePassword(actor, dto.currentPassword, dto.newPassword);
  }
}
