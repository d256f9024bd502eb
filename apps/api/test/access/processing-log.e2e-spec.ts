import { Principal } from '@casusregie/auth';
import { exited, startProcess, TEST_MASTER_KEY } from '@casusregie/test-support';
import { ApiHarness, consultant, startApi } from '../support/api-harness';
import { HouseholdClient } from '../support/household-client';

const auditor: Principal = { sub: 'privacy-officer', roles: ['auditor'], municipality: 'GM0299' };
const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';

describe('processing log (PostgreSQL)', () => {
  let api: ApiHarness;
  let householdId: string;
  let memberIds: Record<string, string>;

  beforeAll(async () => {
    api = await startApi('postgres');
    ({ id: householdId, memberIds } = await new HouseholdClient(api).register({
      municipality: 'GM0299',
      team: 'T1',
      registeredOn: '2026-03-01',
      residences: [{ key: 'A' }],
      members: [
        { givenName: 'Sanne', familyName: 'Visser', birthDate: '1987-04-01', role: 'parent', bsn: '111222333', residenceKeys: ['A'] },
        { givenName: 'Noa', familyName: 'Visser', birthDate: '2015-05-20', role: 'child', residenceKeys: ['A'] },
      ],
    }));
  });
  afterAll(async () => {
    expect(api.serverErrors).toEqual([]);
    await api.close();
  });

  const records = async (subject: string) =>
    (await api.http().get(`/api/v1/processing-log?subject=${subject}&limit=1000`).set('Authorization', api.bearer(auditor)).expect(200)).body.records as {
      activity: string;
      subject: string;
      actor: { id: string; role: string };
      traceId: string;
    }[];

  it('writes a record for every data subject on every read of a household, with who and in which request', async () => {
    const before = (await records(`member:${memberIds.Noa}`)).length;
    const response = await api
      .http()
      .get(`/api/v1/households/${householdId}`)
      .set('Authorization', api.bearer(consultant))
      .set('traceparent', `00-${TRACE}-00f067aa0ba902b7-01`)
      .expect(200);
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);

    for (const subject of [`household:${householdId}`, `member:${memberIds.Sanne}`, `member:${memberIds.Noa}`]) {
      const last = (await records(subject)).at(-1);
      expect(last).toMatchObject({ activity: 'household.read', subject, actor: { id: consultant.sub, role: 'consultant' }, traceId: TRACE });
    }
    expect((await records(`member:${memberIds.Noa}`)).length).toBe(before + 1);
  });

  it('logs changes and searches too, and never writes a BSN or a name', async () => {
    await api.http().post('/api/v1/households/_search').set('Authorization', api.bearer(consultant)).send({ bsn: '111222333' }).expect(200);
    const activities = (await records(`member:${memberIds.Sanne}`)).map((r) => r.activity);
    expect(activities).toEqual(expect.arrayContaining(['household.RegisterHousehold', 'household.search']));
    const { rows } = await api.storage.readModels.query<{ row: string }>('SELECT row_to_json(p)::text AS row FROM processing_log p');
    const all = rows.map((r) => r.row).join('\n');
    for (const personal of ['111222333', 'Sanne', 'Visser', '1987-04-01']) expect(all).not.toContain(personal);
  });

  it('keeps the log to auditors', async () => {
    await api.http().get('/api/v1/processing-log').set('Authorization', api.bearer(consultant)).expect(403);
  });

  it('verifies the chain with npm run processing-log:verify, and fails it once a record is altered', async () => {
    const env = { EVENT_STORE: 'postgres', DATABASE_URL: await currentDatabaseUrl(api), AUTH_JWT_SECRET: 'x'.repeat(40), PERSONAL_DATA_MASTER_KEY: TEST_MASTER_KEY };
    const verify = async () => {
      const child = startProcess('apps/api/src/cli/verify-processing-log.ts', env);
      const code = await exited(child);
      return { code, output: child.output() };
    };
    const intact = await verify();
    expect(intact.code).toBe(0);
    expect(intact.output).toMatch(/processing log intact: \d+ records/);

    await api.storage.readModels.query(`UPDATE processing_log SET actor_id = 'someone-else' WHERE seq = 2`);
    const broken = await verify();
    expect(broken.code).toBe(1);
    expect(broken.output).toContain('BROKEN at record 2');
  }, 60_000);
});

async function currentDatabaseUrl(api: ApiHarness): Promise<string> {
  const { rows } = await api.storage.readModels.query<{ name: string }>('SELECT current_database() AS name');
  const url = new URL(process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
  url.pathname = `/${rows[0].name}`;
  return url.toString();
}
