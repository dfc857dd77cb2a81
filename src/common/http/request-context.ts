import { AsyncLocalStorage } from 'node:async_hooks';

/** Per-request facts the audit trail records without threading them through every call. */
export interface RequestContext {
  requestId: string;
  clientIp: string;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();
