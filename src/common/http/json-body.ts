import { BadRequestException } from '@nestjs/common';

/**
 * Keys that reach an object's prototype when a parsed body is merged or copied somewhere.
 * Fastify's own parser only catches `__proto__` and `constructor.prototype`; these are
 * refused as keys at any depth, whatever they hold.
 */
export const FORBIDDEN_BODY_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

class ForbiddenKey extends Error {
  constructor(readonly key: string) {
    super(key);
  }
}

/** Parses a JSON request body; an empty body is no body. Failures are 400s in the one error shape. */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    // JSON.parse keeps `__proto__` as an ordinary own key, so the reviver sees every key.
    return JSON.parse(text, (key, value: unknown) => {
      if (FORBIDDEN_BODY_KEYS.has(key)) throw new ForbiddenKey(key);
      return value;
    });
  } catch (error) {
    if (error instanceof ForbiddenKey) {
      throw new BadRequestException({ message: `the key "${error.key}" is not allowed in a request body`, details: [{ field: error.key, problems: ['forbidden key'] }] });
    }
    throw new BadRequestException('request body is not valid JSON');
  }
}
