import { Role } from '../../src/common/auth/role.js';
import { createComplaint, createInvestigation, createOfficer, type RecordBody } from '../support/factories.js';
import { bearer, createTestApp, ENGINE, type TestApp } from '../support/test-app.js';

/**
 * No edit may silently overwrite another: each client sends the version it read (If-Match);
 * of several editing at once exactly one wins, the others get 412 and write nothing.
 */
describe(`lost updates (${ENGINE})`, () => {
  let t: TestApp;
  let investigator: string;

  beforeAll(async () => {
    t = await createTestApp();
    investigator = await t.tokenFor(Role.Investigator);
  });

  afterAll(async () => {
    await t.close();
  });

  interface Kind {
    name: string;
    path: string;
    entityType: string;
    updated: string;
    create: () => Promise<RecordBody>;
    /** A change that differs per client. */
    edit: (client: number) => Record<string, unknown>;
    field: string;
  }

  const kinds: Kind[] = [
    { name: 'officer', path: '/api/officers', entityType: 'officer', updated: 'officer.updated', create: () => createOfficer(t, investigator), edit: (i) => ({ station: `Station ${i}` }), field: 'station' },
    { name: 'investigation', path: '/api/investigations', entityType: 'investigation', updated: 'investigation.updated', create: () => createInvestigation(t, investigator), edit: (i) => ({ title: `Title ${i}` }), field: 'title' },
    { name: 'complaint', path: '/api/complaints', entityType: 'complaint', updated: 'complaint.updated', create: () => createComplaint(t, investigator), edit: (i) => ({ summary: `Summary ${i}` }), field: 'summary' },
  ];

  async function updateEvents(kind: Kind, id: string): Promise<Array<{ changes: Record<string, { after: unknown }> }>> {
    const res = await t.http().get(`/api/audit?entityType=${kind.entityType}&entityId=${id}&action=${kind.updated}`).set(bearer(await t.tokenFor(Role.Reviewer)));
    expect(res.status).toBe(200);
    return res.body.items;
  }

  describe.each(kinds)('$name', (kind) => {
    it('lets exactly one of several clients editing at once win; the others get 412 and the audit shows one change', async () => {
      const record = await kind.create();
      const read = await t.http().get(`${kind.path}/${record.id}`).set(bearer(investigator));
      expect(read.headers.etag).toBe(`"${record.version}"`);

      const clients = [1, 2, 3, 4, 5];
      const results = await Promise.all(clients.map((i) => t.http().patch(`${kind.path}/${record.id}`)
        .set(bearer(investigator)).set('If-Match', read.headers.etag).send(kind.edit(i))));

      const won = results.filter((r) => r.status === 200);
      const lost = results.filter((r) => r.status === 412);
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(clients.length - 1);
      for (const res of lost) {
        expect(res.body).toMatchObject({
          statusCode: 412, error: 'Precondition Failed', details: { currentVersion: record.version + 1 },
          message: `the record has changed since you read it: you sent version ${record.version}, the current version is ${record.version + 1}`,
        });
      }
      const winner = won[0].body as RecordBody;
      expect(winner.version).toBe(record.version + 1);
      expect(won[0].headers.etag).toBe(`"${record.version + 1}"`);

      const now = await t.http().get(`${kind.path}/${record.id}`).set(bearer(investigator));
      expect(now.body[kind.field]).toBe(winner[kind.field]);
      expect(now.body.version).toBe(record.version + 1);
      const events = await updateEvents(kind, record.id);
      expect(events).toHaveLength(1);
      expect(events[0].changes[kind.field].after).toBe(winner[kind.field]);
    });

    it('requires If-Match (428) and writes nothing without it or with a stale one (412)', async () => {
      const record = await kind.create();
      const missing = await t.http().patch(`${kind.path}/${record.id}`).set(bearer(investigator)).send(kind.edit(1));
      expect(missing.status).toBe(428);
      expect(missing.body.message).toBe('If-Match header required: send the ETag from your last GET of this record');

      const first = await t.http().patch(`${kind.path}/${record.id}`).set(bearer(investigator)).set('If-Match', `"${record.version}"`).send(kind.edit(2));
      expect(first.status).toBe(200);
      const stale = await t.http().patch(`${kind.path}/${record.id}`).set(bearer(investigator)).set('If-Match', `"${record.version}"`).send(kind.edit(3));
      expect(stale.status).toBe(412);

      const now = await t.http().get(`${kind.path}/${record.id}`).set(bearer(investigator));
      expect(now.body).toMatchObject({ version: record.version + 1, [kind.field]: first.body[kind.field] });
      expect(await updateEvents(kind, record.id)).toHaveLength(1);
    });
  });
});
