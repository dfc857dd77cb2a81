import fastifyStatic from '@fastify/static';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, isAbsolute, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** web/dist of this repository, from src/web-app/ or dist/web-app/ alike. */
export const DEFAULT_WEB_DIST_DIR = fileURLToPath(new URL('../../web/dist/', import.meta.url));

/** Vite names every file under assets/ by its content hash: a changed file gets a new name. */
const ASSETS = '/assets/';
const IMMUTABLE = 'public, max-age=31536000, immutable';
// Everything else (index.html, favicon) is checked with the server each time (ETag, 304).
const REVALIDATE = 'no-cache';

export const NOT_BUILT = {
  statusCode: 503,
  error: 'Service Unavailable',
  message: 'the web app is not built: run npm run build (the API is at /api)',
};

const isApiPath = (path: string) => path === '/api' || path.startsWith('/api/');

/**
 * The file under `root` a URL path names, if it is a plain file there: no `..`, no dot
 * files, nothing outside the directory. null for anything else.
 */
async function fileUnder(root: string, urlPath: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\') || decoded.split('/').some((part) => part === '..' || part.startsWith('.'))) return null;
  const absolute = resolve(root, `.${decoded}`);
  if (!absolute.startsWith(root + sep)) return null;
  const found = await stat(absolute).catch(() => null);
  return found?.isFile() ? absolute.slice(root.length) : null;
}

/**
 * Serves the built web app at `/`: its files as they are, and index.html for any other GET
 * outside /api/, so a deep link (/cases/INV-2018-000001) loads the app, which routes it.
 * Unknown /api/ paths and missing assets go to Nest's JSON 404. Must be registered before
 * the app is initialised (Nest's routes are more specific than this catch-all, so they win).
 */
export async function serveWebApp(app: NestFastifyApplication, configuredDir: string): Promise<void> {
  const root = resolve(configuredDir || DEFAULT_WEB_DIST_DIR);
  if (!isAbsolute(root)) throw new Error(`WEB_DIST_DIR ${configuredDir} did not resolve to an absolute path`);
  const index = resolve(root, 'index.html');
  const assetsDir = resolve(root, 'assets') + sep;
  if (!existsSync(index)) new Logger('WebApp').warn(`${index} not found: the web app is not built (run npm run build); the API still serves /api`);

  await app.register(fastifyStatic, {
    root,
    serve: false,
    suppressWarning: true,
    cacheControl: false,
    setHeaders: (reply: FastifyReply, path: string) => {
      reply.header('cache-control', path.startsWith(assetsDir) ? IMMUTABLE : REVALIDATE);
    },
  });

  app.getHttpAdapter().getInstance().route({
    method: ['GET', 'HEAD'],
    url: '/*',
    handler: async (req, reply) => {
      const path = req.url.split('?', 1)[0];
      if (isApiPath(path)) return reply.callNotFound();
      const file = await fileUnder(root, path);
      if (file) return reply.sendFile(file);
      // A missing hashed asset is an old page asking for a file that has gone: 404, not the app.
      if (path.startsWith(ASSETS)) return reply.callNotFound();
      if (!existsSync(index)) return reply.code(503).header('cache-control', 'no-store').send(NOT_BUILT);
      return reply.sendFile(basename(index));
    },
  });
}
