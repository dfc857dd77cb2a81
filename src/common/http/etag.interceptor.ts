import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { map, type Observable } from 'rxjs';

/** A single versioned record in a response gets its version as a strong ETag (for If-Match). */
@Injectable()
export class EtagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(map((body: unknown) => {
      const version = (body as { version?: unknown } | null)?.version;
      if (typeof version === 'number') {
        context.switchToHttp().getResponse<FastifyReply>().header('etag', `"${version}"`);
      }
      return body;
    }));
  }
}
