import { ApiProperty } from '@nestjs/swagger';
import { SessionUser } from './auth.dto.js';

/** A browser session as the app sees it (never the cookie's secret: that stays HttpOnly). */
export class SessionResponse {
  @ApiProperty({ type: SessionUser }) user!: SessionUser;
  @ApiProperty({ description: 'send it as the X-CSRF-Token header on every request that is not GET, HEAD or OPTIONS' })
  csrfToken!: string;
  @ApiProperty({ format: 'date-time', description: 'the absolute end of the session (SESSION_MAX_HOURS after sign-in)' })
  expiresAt!: string;
  @ApiProperty({ description: 'the session ends after this many seconds without a request (SESSION_IDLE_MINUTES)' })
  idleTimeoutSeconds!: number;
}
