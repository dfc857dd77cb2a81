import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync,
} from 'class-validator';

/** Environment variables Probity reads. Bad values stop the boot, each problem listed. */
export class EnvironmentVariables {
  @IsOptional() @Transform(({ value }) => Number(value)) @IsInt() @Min(0) @Max(65535)
  PORT = 3000;

  @IsOptional() @IsString()
  HOST = '127.0.0.1';

  @IsOptional() @Matches(/^(sqlite:.+|postgres(ql)?:\/\/.+)$/, {
    message: 'DATABASE_URL must be sqlite:<path> or postgres://…',
  })
  DATABASE_URL = 'sqlite:data/probity.sqlite';

  @IsOptional() @IsString() @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  @IsOptional() @Matches(/^[1-9]\d*[smh]?$/, { message: 'TOKEN_TTL must be a positive number of seconds, or a number with s, m or h (e.g. 15m)' })
  TOKEN_TTL = '15m';

  @IsOptional() @Matches(/^[a-zA-Z0-9._-]{3,64}$/, { message: 'PROBITY_ADMIN_USER must be 3-64 letters, digits, dot, dash or underscore' })
  PROBITY_ADMIN_USER = 'admin';

  @IsOptional() @IsString() @MinLength(12, { message: 'PROBITY_ADMIN_PASSWORD must be at least 12 characters' })
  PROBITY_ADMIN_PASSWORD?: string;

  @IsOptional() @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Comma-separated origins allowed by CORS; empty means CORS stays closed. */
  @IsOptional() @IsString()
  CORS_ORIGINS = '';

  @IsOptional() @Transform(({ value }) => Number(value)) @IsInt() @Min(1) @Max(10000)
  LOGIN_RATE_LIMIT = 20;

  @IsOptional() @Transform(({ value }) => Number(value)) @IsInt() @Min(1) @Max(1440)
  LOCKOUT_MINUTES = 15;

  /**
   * Who may set X-Forwarded-For (the client address used by the login rate limit and the
   * audit trail): `false`, `true` (anyone: only behind a proxy that overwrites it), or a
   * comma-separated list of proxy addresses, CIDR ranges or `loopback`/`uniquelocal`.
   */
  @IsOptional() @Matches(/^(true|false|[\w.:/]+(\s*,\s*[\w.:/]+)*)$/, {
    message: 'TRUST_PROXY must be true, false, or comma-separated proxy addresses or CIDR ranges',
  })
  TRUST_PROXY = 'false';

  /** Ed25519 key signing audit checkpoints; kept outside the database, shared by every instance. */
  @IsOptional() @IsString()
  AUDIT_KEY_FILE = 'data/keys/audit-ed25519.pem';

  /** Signed audit checkpoints (JSON Lines); empty: beside the SQLite file, or data/audit-checkpoints.jsonl. */
  @IsOptional() @IsString()
  AUDIT_CHECKPOINT_FILE = '';

  @IsOptional() @Matches(/^[1-9]\d*[smh]?$/, { message: 'AUDIT_CHECKPOINT_INTERVAL must be a positive number of seconds, or a number with s, m or h (e.g. 60s)' })
  AUDIT_CHECKPOINT_INTERVAL = '60s';

  /** Allegations in the rolling window that put an officer on the early-intervention list, unless a request says otherwise. */
  @IsOptional() @Transform(({ value }) => Number(value)) @IsInt() @Min(1) @Max(1000)
  EARLY_INTERVENTION_THRESHOLD = 3;

  /** The built web app (Vite output) served at `/`; empty: web/dist in this repository. */
  @IsOptional() @IsString()
  WEB_DIST_DIR = '';

  /** A browser session ends after this many minutes without a request. */
  @IsOptional() @Transform(({ value }) => Number(value)) @IsInt() @Min(1) @Max(1440)
  SESSION_IDLE_MINUTES = 30;

  /** A browser session ends this many hours after sign-in, however busy. */
  @IsOptional() @Transform(({ value }) => Number(value)) @IsInt() @Min(1) @Max(168)
  SESSION_MAX_HOURS = 12;

  /** `true`: the session cookie is always `Secure` (and `__Host-`), even when a request arrived over HTTP. */
  @IsOptional() @IsIn(['true', 'false'], { message: 'SESSION_COOKIE_SECURE must be true or false' })
  SESSION_COOKIE_SECURE = 'false';
}

export type DatabaseConfig =
  | { type: 'sqlite'; path: string }
  | { type: 'postgres'; url: string };

export interface AppConfig {
  port: number;
  host: string;
  db: DatabaseConfig;
  jwtSecret?: string;
  tokenTtlSeconds: number;
  adminUser: string;
  adminPassword?: string;
  logLevel: string;
  corsOrigins: string[];
  loginRateLimit: number;
  lockoutMinutes: number;
  trustProxy: boolean | string;
  /** Create the first admin on an empty database (the server does; the CLI does not). */
  createFirstAdmin: boolean;
  audit: AuditConfig;
  earlyInterventionThreshold: number;
  /** '' means web/dist in this repository (see src/web-app/web-app.ts). */
  webDistDir: string;
  session: SessionConfig;
}

export interface SessionConfig {
  idleSeconds: number;
  maxSeconds: number;
  /** The cookie is Secure whatever the request's protocol. */
  cookieAlwaysSecure: boolean;
}

export interface AuditConfig {
  keyFile: string;
  /** '' means the default beside the database (see src/audit/audit-files.ts). */
  checkpointFile: string;
  checkpointIntervalSeconds: number;
}

export class ConfigValidationError extends Error {}

export function parseDuration(text: string): number {
  const match = /^(\d+)([smh]?)$/.exec(text);
  if (!match) throw new ConfigValidationError(`bad duration ${text}`);
  const unit = { '': 1, s: 1, m: 60, h: 3600 }[match[2] as '' | 's' | 'm' | 'h'];
  return Number(match[1]) * unit;
}

export function parseTrustProxy(text: string): boolean | string {
  return text === 'true' || text === 'false' ? text === 'true' : text;
}

export function parseDatabaseUrl(url: string): DatabaseConfig {
  return url.startsWith('sqlite:')
    ? { type: 'sqlite', path: url.slice('sqlite:'.length) }
    : { type: 'postgres', url };
}

/** Validates the environment; throws listing every problem at once. */
export function validateEnvironment(env: Record<string, unknown>): Record<string, unknown> {
  const known = Object.fromEntries(
    Object.keys(new EnvironmentVariables()).concat('JWT_SECRET', 'PROBITY_ADMIN_PASSWORD')
      .filter((key) => env[key] !== undefined && env[key] !== '')
      .map((key) => [key, env[key]]),
  );
  const parsed = plainToInstance(EnvironmentVariables, known);
  const errors = validateSync(parsed, { skipMissingProperties: false });
  if (errors.length) {
    const problems = errors.flatMap((e) => Object.values(e.constraints ?? {}));
    throw new ConfigValidationError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
  const config: AppConfig = {
    port: parsed.PORT,
    host: parsed.HOST,
    db: parseDatabaseUrl(parsed.DATABASE_URL),
    jwtSecret: parsed.JWT_SECRET,
    tokenTtlSeconds: parseDuration(parsed.TOKEN_TTL),
    adminUser: parsed.PROBITY_ADMIN_USER,
    adminPassword: parsed.PROBITY_ADMIN_PASSWORD,
    logLevel: parsed.LOG_LEVEL,
    corsOrigins: parsed.CORS_ORIGINS.split(',').map((s) => s.trim()).filter(Boolean),
    loginRateLimit: parsed.LOGIN_RATE_LIMIT,
    lockoutMinutes: parsed.LOCKOUT_MINUTES,
    trustProxy: parseTrustProxy(parsed.TRUST_PROXY),
    createFirstAdmin: true,
    audit: {
      keyFile: parsed.AUDIT_KEY_FILE,
      checkpointFile: parsed.AUDIT_CHECKPOINT_FILE,
      checkpointIntervalSeconds: parseDuration(parsed.AUDIT_CHECKPOINT_INTERVAL),
    },
    earlyInterventionThreshold: parsed.EARLY_INTERVENTION_THRESHOLD,
    webDistDir: parsed.WEB_DIST_DIR,
    session: {
      idleSeconds: parsed.SESSION_IDLE_MINUTES * 60,
      maxSeconds: parsed.SESSION_MAX_HOURS * 3600,
      cookieAlwaysSecure: parsed.SESSION_COOKIE_SECURE === 'true',
    },
  };
  return { app: config };
}

export function loadConfig(env: Record<string, unknown> = process.env): AppConfig {
  return validateEnvironment(env).app as AppConfig;
}
