import { Body, Controller, Delete, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import {
  ApiForbiddenResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AnyRole, Public } from '../common/auth/roles.decorator.js';
import { LoginDto } from './dto/auth.dto.js';
import { SessionResponse } from './dto/session.dto.js';
import { SessionsService } from './sessions.service.js';

const BEARER_ONLY = 'the request was authenticated by a bearer token: it has no browser session';

/** Browser sign-in: a cookie session instead of a token the page's scripts could read. */
@ApiTags('auth')
@Controller('auth/session')
export class SessionController {
  constructor(private readonly sessions: SessionsService) {}

  @Post()
  @Public()
  @HttpCode(200)
  // Per client address, limits from LOGIN_RATE_LIMIT, as for POST /api/auth/login.
  @RouteConfig({ rateLimit: {} })
  @ApiOkResponse({ type: SessionResponse, description: 'signed in; Set-Cookie carries the session (HttpOnly, SameSite=Strict, Path=/; Secure and named __Host-probity_session over HTTPS)' })
  @ApiUnauthorizedResponse({ description: 'wrong username or password, or account locked or inactive (always the same answer)' })
  @ApiForbiddenResponse({ description: 'the Origin header names another site' })
  @ApiTooManyRequestsResponse({ description: 'too many sign-in attempts from this address' })
  async signIn(@Body() dto: LoginDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<SessionResponse> {
    const { cookie, session } = await this.sessions.signIn(dto, req);
    reply.header('set-cookie', cookie);
    return session;
  }

  @Get()
  @AnyRole()
  @ApiOkResponse({ type: SessionResponse, description: 'the signed-in user and the session\'s CSRF token' })
  @ApiNotFoundResponse({ description: BEARER_ONLY })
  current(@Req() req: FastifyRequest): Promise<SessionResponse> {
    return this.sessions.current(req);
  }

  @Delete()
  @AnyRole()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'signed out: the session ends on every instance and the cookie is cleared' })
  @ApiNotFoundResponse({ description: BEARER_ONLY })
  async signOut(@Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    reply.header('set-cookie', await this.sessions.signOut(req));
  }
}
