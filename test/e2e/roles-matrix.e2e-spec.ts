import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { ALL_ROLES, Role } from '../../src/common/auth/role.js';
import { bearer, createTestApp, type TestApp } from '../support/test-app.js';

/**
 * Every route × every role, read from the OpenAPI document, so routes added later are covered
 * without touching this file. Each cell: a role listed in `x-roles` gets past the guards (any
 * status but 401/403, and no 5xx), any other role gets 403, no token gets 401; `x-public`
 * routes let everyone through. Path parameters are random UUIDs and writes send `{}`, so an
 * allowed caller usually meets a 400 or 404: the point is who gets past the guards.
 */

interface Operation {
  method: string;
  path: string;
  roles?: Role[];
  isPublic: boolean;
}

const WRITES = new Set(['post', 'put', 'patch', 'delete']);
const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);
type Caller = Role | 'no token';

describe('roles × routes matrix', () => {
  let t: TestApp;
  let operations: Operation[];
  const tokens = new Map<Role, string>();

  beforeAll(async () => {
    t = await createTestApp();
    for (const role of ALL_ROLES) tokens.set(role, await t.tokenFor(role));
    const doc = (await t.http().get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, Record<string, unknown>>> };
    operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods)
      .filter(([method]) => HTTP_METHODS.has(method))
      .map(([method, op]) => ({ method, path, roles: op['x-roles'] as Role[] | undefined, isPublic: op['x-public'] === true })));
  });
  afterAll(async () => { await t.close(); });

  it('sees every controller route in the OpenAPI document (none hidden from this matrix)', () => {
    let routes = 0;
    for (const module of t.app.get(ModulesContainer).values()) {
      for (const { metatype } of module.controllers.values()) {
        const proto = (metatype as { prototype: Record<string, unknown> }).prototype;
        for (const name of Object.getOwnPropertyNames(proto)) {
          const handler = proto[name];
          if (typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
          const paths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[];
          routes += Array.isArray(paths) ? paths.length : 1;
        }
      }
    }
    expect(operations.length).toBe(routes);
    expect(routes).toBeGreaterThanOrEqual(10);
  });

  it('finds a declared role policy on every route that is not deliberately public', () => {
    const undeclared = operations
      .filter((op) => !op.isPublic && !(op.roles?.length && op.roles.every((r) => ALL_ROLES.includes(r))))
      .map((op) => `${op.method.toUpperCase()} ${op.path}`);
    expect(undeclared).toEqual([]);
    // The public routes are the few the issue names, nothing more.
    expect(operations.filter((op) => op.isPublic).map((op) => `${op.method.toUpperCase()} ${op.path}`).sort())
      .toEqual(['GET /api/health', 'POST /api/auth/login', 'POST /api/auth/session']);
  });

  it('lets listed roles through, refuses other roles with 403 and a missing token with 401', async () => {
    const wrong: string[] = [];
    let cells = 0;
    for (const op of operations) {
      const url = op.path.replace(/\{[^}]+\}/g, () => randomUUID());
      const callers: Caller[] = [...ALL_ROLES, 'no token'];
      await Promise.all(callers.map(async (caller) => {
        let req = (t.http() as unknown as Record<string, (u: string) => import('supertest').Test>)[op.method](url);
        if (caller !== 'no token') req = req.set(bearer(tokens.get(caller)!));
        if (WRITES.has(op.method)) req = req.send({});
        const { status, body } = await req;
        cells += 1;
        const allowed = op.isPublic || (caller !== 'no token' && op.roles!.includes(caller));
        const expected = allowed ? 'not 401/403/5xx' : caller === 'no token' ? '401' : '403';
        const ok = allowed ? ![401, 403].includes(status) && status < 500 : status === Number(expected);
        if (!ok) wrong.push(`${op.method.toUpperCase()} ${op.path} as ${caller}: expected ${expected}, got ${status} ${JSON.stringify(body)}`);
        if (!allowed) expect(body.statusCode).toBe(status);
      }));
    }
    expect(wrong).toEqual([]);
    expect(cells).toBe(operations.length * 5);
  });
});
