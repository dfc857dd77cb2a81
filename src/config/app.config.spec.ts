import 'reflect-metadata';
import { ConfigValidationError, loadConfig, parseDuration } from './app.config.js';

describe('loadConfig', () => {
  it('runs on defaults alone: SQLite under data/, 127.0.0.1:3000, 15-minute tokens', () => {
    expect(loadConfig({})).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      db: { type: 'sqlite', path: 'data/probity.sqlite' },
      jwtSecret: undefined,
      tokenTtlSeconds: 900,
      adminUser: 'admin',
      adminPassword: undefined,
      logLevel: 'info',
      corsOrigins: [],
      loginRateLimit: 20,
      lockoutMinutes: 15,
      trustProxy: false,
      createFirstAdmin: true,
      webDistDir: '',
      session: { idleSeconds: 1800, maxSeconds: 43_200, cookieAlwaysSecure: false },
    });
  });

  it('reads every setting from the environment', () => {
    const config = loadConfig({
      PORT: '8080', HOST: '0.0.0.0', DATABASE_URL: 'postgres://probity@db:5432/probity',
      JWT_SECRET: 'j'.repeat(32), TOKEN_TTL: '2h', PROBITY_ADMIN_USER: 'chief', PROBITY_ADMIN_PASSWORD: 'long-enough-password',
      LOG_LEVEL: 'warn', CORS_ORIGINS: 'https://a.example, https://b.example', LOGIN_RATE_LIMIT: '5', LOCKOUT_MINUTES: '30',
      TRUST_PROXY: '10.0.0.0/8, 127.0.0.1', WEB_DIST_DIR: '/srv/probity/web', SESSION_IDLE_MINUTES: '10',
      SESSION_MAX_HOURS: '8', SESSION_COOKIE_SECURE: 'true',
    });
    expect(config).toMatchObject({
      webDistDir: '/srv/probity/web', session: { idleSeconds: 600, maxSeconds: 28_800, cookieAlwaysSecure: true },
      port: 8080, host: '0.0.0.0', db: { type: 'postgres', url: 'postgres://probity@db:5432/probity' },
      jwtSecret: 'j'.repeat(32), tokenTtlSeconds: 7200, adminUser: 'chief', adminPassword: 'long-enough-password',
      logLevel: 'warn', corsOrigins: ['https://a.example', 'https://b.example'], loginRateLimit: 5, lockoutMinutes: 30,
      trustProxy: '10.0.0.0/8, 127.0.0.1',
    });
    expect(loadConfig({ DATABASE_URL: 'sqlite:/var/lib/probity/db.sqlite', TRUST_PROXY: 'true' })).toMatchObject({
      db: { type: 'sqlite', path: '/var/lib/probity/db.sqlite' }, trustProxy: true,
    });
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', PROBITY_ADMIN_PASSWORD: '' })).toMatchObject({ port: 3000, adminPassword: undefined });
  });

  it('refuses bad settings, listing every problem at once', () => {
    const bad = {
      PORT: '70000', HOST: '', DATABASE_URL: 'mysql://db', JWT_SECRET: 'short', TOKEN_TTL: '0',
      PROBITY_ADMIN_USER: 'a b', PROBITY_ADMIN_PASSWORD: 'short', LOG_LEVEL: 'loud', LOGIN_RATE_LIMIT: 'many',
      LOCKOUT_MINUTES: '0', TRUST_PROXY: 'yes please', SESSION_IDLE_MINUTES: '0', SESSION_MAX_HOURS: 'long',
      SESSION_COOKIE_SECURE: 'yes',
    };
    let error: unknown;
    try {
      loadConfig(bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigValidationError);
    const lines = (error as Error).message.split('\n');
    expect(lines[0]).toBe('Invalid configuration:');
    for (const name of ['PORT', 'DATABASE_URL', 'JWT_SECRET', 'TOKEN_TTL', 'PROBITY_ADMIN_USER', 'PROBITY_ADMIN_PASSWORD', 'LOG_LEVEL', 'LOGIN_RATE_LIMIT', 'LOCKOUT_MINUTES', 'TRUST_PROXY', 'SESSION_IDLE_MINUTES', 'SESSION_MAX_HOURS', 'SESSION_COOKIE_SECURE']) {
      expect(lines.some((line) => line.startsWith(`  - ${name}`))).toBe(true);
    }
  });
});

describe('parseDuration', () => {
  it.each([['90', 90], ['90s', 90], ['15m', 900], ['2h', 7200]])('reads %s as %i seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });
});
