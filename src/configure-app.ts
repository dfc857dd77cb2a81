import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import helmet from 'helmet';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { DestinationStream } from 'pino';
import { AppModule } from './app.module.js';
import { SECURE_SESSION_COOKIE, SESSION_COOKIE } from './auth/session-cookie.js';
import { parseJsonBody } from './common/http/json-body.js';
import { PinoNestLogger } from './common/http/pino-nest-logger.js';
import { requestContext } from './common/http/request-context.js';
import { addVersionEtags } from './common/http/version-etag.js';
import { validationPipe } from './common/http/validation.js';
import { IMPORT_UPLOAD_LIMITS } from './imports/upload.js';
import { loadConfig, type AppConfig } from './config/app.config.js';
import { InstanceLock } from './database/instance-lock.js';
import { serveWebApp } from './web-app/serve-web-app.js';

/**
 * The web app's pages and every API answer: scripts only from this origin (no inline script,
 * no eval); inline style attributes stay allowed because the component library sets them.
 */
export const APP_CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

export const BODY_LIMIT_BYTES = 1024 * 1024;
const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Paths in a log line that must never be written, whatever a future serializer adds. */
export const REDACTED_LOG_PATHS = [
  'req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]',
  'req.headers["x-csrf-token"]',
  'password', 'currentPassword', 'newPassword', 'accessToken', 'csrfToken',
  '*.password', '*.currentPassword', '*.newPassword', '*.accessToken', '*.csrfToken',
];

export interface CreateAppOptions {
  /** Where the JSON log lines go (default: stdout). Tests pass a collector. */
  logStream?: DestinationStream;
}

/** A caller's request id is kept if it is sane, so logs line up across a load balancer. */
function requestId(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

function fastifyAdapter(config: AppConfig, options: CreateAppOptions): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: config.trustProxy,
    genReqId: requestId,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    // On close: idle keep-alive connections are dropped, requests in flight are finished.
    forceCloseConnections: 'idle',
    logger: {
      level: config.logLevel,
      // Fastify's request serializer logs no headers or bodies; these paths are a second fence.
      redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' },
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
  });
}

/** The OpenAPI document served at /api/docs-json (and written to web/openapi.json by npm run api:openapi). */
export function apiDocument(app: NestFastifyApplication): OpenAPIObject {
  return SwaggerModule.createDocument(app, new DocumentBuilder()
    .setTitle('Probity API')
    .setDescription('Investigation records for police-misconduct cases. Every route needs a bearer token from POST /api/auth/login (scripts) or the session cookie from POST /api/auth/session (the browser; writes also send X-CSRF-Token) unless marked otherwise; `x-roles` lists who may call it, `x-public` marks routes open to everyone.')
    .setVersion('1')
    .addBearerAuth()
    .addCookieAuth(SESSION_COOKIE, { type: 'apiKey', description: `the browser session from POST /api/auth/session (named ${SECURE_SESSION_COOKIE} over HTTPS); writes also need the X-CSRF-Token header` })
    .build());
}

/** Everything main.ts applies to the app; the e2e tests boot through the same function. */
export async function configureApp(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  app.useLogger(new PinoNestLogger(fastify.log));
  app.setGlobalPrefix('api');
  app.useGlobalPipes(validationPipe);
  // JSON only (Nest's form parser is off, see createApp; Fastify's text parser goes): anything
  // else is a 415. The JSON parser also refuses `constructor` and `prototype` keys at any depth.
  fastify.removeContentTypeParser('text/plain');
  app.useBodyParser('application/json', { bodyLimit: BODY_LIMIT_BYTES }, (_req, body, done) => {
    done(null, parseJsonBody(body.toString('utf8')));
  });
  if (config.corsOrigins.length) app.enableCors({ origin: config.corsOrigins });

  addVersionEtags(fastify);
  fastify.addHook('onRequest', (req, reply, done) => {
    reply.header('x-request-id', req.id);
    requestContext.run({ requestId: req.id, clientIp: req.ip }, done);
  });

  // While closing, answers to requests still in flight also close their keep-alive
  // connection; otherwise the server would wait out the client's keep-alive before exiting.
  let closing = false;
  fastify.addHook('preClose', (done) => { closing = true; done(); });
  fastify.addHook('onSend', (_req, reply, payload, done) => {
    if (closing) reply.header('connection', 'close');
    done(null, payload);
  });

  // Only routes that opt in with @RouteConfig({ rateLimit: {} }) are limited (login).
  await app.register(rateLimit, { global: false, max: config.loginRateLimit, timeWindow: 60_000 });
  // multipart/form-data (POST /api/imports); files are streamed to disk, never buffered whole.
  await app.register(multipart, { limits: IMPORT_UPLOAD_LIMITS });
  // Security headers from helmet, each policy's middleware built once (@fastify/helmet builds
  // it anew for every request, a measurable share of a read).
  const swaggerHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Swagger UI at /api/docs uses inline styles and scripts.
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'validator.swagger.io'],
      },
    },
  });
  const appHeaders = helmet({ contentSecurityPolicy: { useDefaults: false, directives: APP_CSP }, xFrameOptions: { action: 'deny' } });
  fastify.addHook('onRequest', (req, reply, done) => {
    const headers = req.url.startsWith('/api/docs') ? swaggerHeaders : appHeaders;
    headers(req.raw, reply.raw, (error?: unknown) => done(error as Error | undefined));
  });

  // The built web app at / (after the API's plugins, before Nest registers its routes).
  await serveWebApp(app, config.webDistDir);

  SwaggerModule.setup('api/docs', app, apiDocument(app), { jsonDocumentUrl: 'api/docs-json' });
}

export async function createApp(config: AppConfig = loadConfig(), options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  // SQLite: one server per database file. Taken before the database is opened, kept until close.
  const lock = InstanceLock.acquire(config.db);
  try {
    const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), fastifyAdapter(config, options), {
      bufferLogs: true,
      // Not Nest's JSON and form parsers: configureApp registers the one JSON parser it wants.
      bodyParser: false,
      // A failed start (bad database URL, say) is thrown to the caller, which prints it and exits 1.
      abortOnError: false,
      // From the first moment of a shutdown, new requests get 503 (with Connection: close) so a
      // load balancer moves on; requests already in flight finish (see main.ts).
      return503OnClosing: true,
    });
    if (lock) app.getHttpAdapter().getInstance().addHook('onClose', async () => lock.release());
    await configureApp(app, config);
    return app;
  } catch (error) {
    lock?.release();
    throw error;
  }
}

/**
 * SIGTERM (or Ctrl-C): new requests get 503, requests in flight finish, Fastify closes, then
 * the database. Exit code 0 once all of it is done; a second signal kills at once.
 */
export function closeOnSignal(app: NestFastifyApplication): void {
  const logger = new Logger('Shutdown');
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.log(`${signal} received: finishing requests in flight, then closing the database`);
      app.close().then(
        () => {
          logger.log('closed cleanly');
          process.exit(0);
        },
        (error: unknown) => {
          logger.error(`shutdown failed: ${(error as Error)?.message ?? String(error)}`);
          process.exit(1);
        },
      );
    });
  }
}
