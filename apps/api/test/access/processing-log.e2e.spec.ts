import { Principal } from '@casusregie/auth';
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
    await api.close();
    expect(api.serverErrors).toEqual([]);
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
});
