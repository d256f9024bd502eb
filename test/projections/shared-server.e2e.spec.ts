import type { Client } from 'pg';
import { ApiHarness, consultant, startApi } from '../../apps/api/test/support/api-harness';
import { createTestDatabase, openWriteTransaction, TestDatabase } from '@casusregie/test-support';

/**
 * Municipal PostgreSQL servers are shared: other applications keep transactions open in their databases, and the
 * projector's own read-model transactions run beside the API's appends. None of them may hold back the projections
 * (the server-wide xmin horizon did, issue 13): a household registered through the API is found by the very next
 * search while a write transaction stays open in another database and one on a read-model table in the same database.
 */
describe('the read side on a shared, busy PostgreSQL server', () => {
  let api: ApiHarness;
  let otherDb: TestDatabase;
  const heldOpen: Client[] = [];

  beforeAll(async () => {
    api = await startApi('postgres');
    otherDb = await createTestDatabase();
    const ownUrl = (await api.storage.readModels.query<{ db: string }>('SELECT current_database() AS db')).rows[0].db;
    heldOpen.push(await openWriteTransaction(otherDb.url, 'CREATE TABLE busy (id integer)'));
    const sameDb = new URL(otherDb.url);
    sameDb.pathname = `/${ownUrl}`;
    heldOpen.push(
      await openWriteTransaction(
        sameDb.toString(),
        `INSERT INTO rm_norm_item_history (norm_id, household_id, item_key, municipality, position, valid_from, deleted)
         VALUES ('held-open', gen_random_uuid(), 'x', 'GM0000', 0, now(), true)`,
      ),
    );
  });
  afterAll(async () => {
    await Promise.all(heldOpen.map((client) => client.end().catch(() => undefined)));
    await api.close();
    expect(api.serverErrors).toEqual([]);
    await otherDb.drop();
  });

  it('finds a household registered through the API at the first search', async () => {
    const open = await api.storage.readModels.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE state = 'idle in transaction' AND backend_xid IS NOT NULL`,
    );
    expect(open.rows[0].n).toBeGreaterThanOrEqual(2);
    const registered = await api
      .http()
      .post('/api/v1/households')
      .set('Authorization', api.bearer())
      .send({
        municipality: consultant.municipality,
        team: consultant.team,
        registeredOn: '2026-03-02',
        residences: [{ key: 'A', postcode: '6901 AB', houseNumber: '12' }],
        members: [{ givenName: 'Fenna', familyName: 'Gedeeld', birthDate: '1990-06-01', role: 'parent', residenceKeys: ['A'] }],
      })
      .expect(201);
    const found = await api.http().post('/api/v1/households/_search').set('Authorization', api.bearer()).send({ familyName: 'Gedeeld' }).expect(200);
    expect(found.body.results.map((r: { householdId: string }) => r.householdId)).toEqual([registered.body.id]);
  });
});
