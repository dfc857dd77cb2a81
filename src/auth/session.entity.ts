import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Why a browser session ended (sessions.ended_reason). */
export enum SessionEndReason {
  SignedOut = 'signed_out',
  Idle = 'idle_timeout',
  MaxAge = 'max_age',
  Replaced = 'replaced',
  Deactivated = 'deactivated',
  PasswordChanged = 'password_changed',
  PasswordReset = 'password_reset',
  /** The account's credentials changed some other way, found on the session's next request. */
  CredentialsChanged = 'credentials_changed',
}

/**
 * A browser's signed-in session. The cookie holds a random secret; only its SHA-256 is kept
 * here, so a copy of the database lets nobody sign in. Ended sessions stay as a record.
 */
@Entity('sessions')
export class Session {
  /** SHA-256 (hex) of the cookie's secret. */
  @PrimaryColumn({ name: 'token_hash', type: 'varchar', length: 64 }) tokenHash!: string;
  @Column({ name: 'user_id', type: 'varchar', length: 36 }) userId!: string;
  /** The account's credentials version at sign-in: a password change or reset ends the session. */
  @Column({ name: 'credentials_version', type: 'integer' }) credentialsVersion!: number;
  @Column({ name: 'csrf_token', type: 'varchar', length: 64 }) csrfToken!: string;
  @Column({ name: 'created_at', type: 'varchar', length: 30 }) createdAt!: string;
  @Column({ name: 'last_seen_at', type: 'varchar', length: 30 }) lastSeenAt!: string;
  /** The absolute end (SESSION_MAX_HOURS after sign-in), whatever the activity. */
  @Column({ name: 'expires_at', type: 'varchar', length: 30 }) expiresAt!: string;
  @Column({ name: 'ended_at', type: 'varchar', length: 30, nullable: true }) endedAt!: string | null;
  @Column({ name: 'ended_reason', type: 'varchar', length: 30, nullable: true }) endedReason!: SessionEndReason | null;
  @Column({ name: 'user_agent', type: 'varchar', length: 500, nullable: true }) userAgent!: string | null;
  @Column({ name: 'client_address', type: 'varchar', length: 64, nullable: true }) clientAddress!: string | null;
}
