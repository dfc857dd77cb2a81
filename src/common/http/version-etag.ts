import type { FastifyInstance } from 'fastify';

/**
 * A single versioned record in a response gets its version as a strong ETag (for If-Match).
 * A Fastify hook on the object about to be serialised, not a Nest interceptor: one global
 * interceptor would put every route through an rxjs pipeline, a measurable share of a read.
 */
export function addVersionEtags(fastify: FastifyInstance): void {
  fastify.addHook('preSerialization', (_req, reply, payload: unknown, done) => {
    const version = (payload as { version?: unknown } | null)?.version;
    if (typeof version === 'number') reply.header('etag', `"${version}"`);
    done(null, payload);
  });
}
