import { Principal } from '@casusregie/auth';
import { ApiHarness, consultant, startApi, STORE_KINDS } from '../support/api-harness';
import { HouseholdClient } from '../support/household-client';

const haddad = {
  municipality: 'GM0299',
  team: 'T1',
  registeredOn: '2026-01-14',
  residences: [{ key: 'A', postcode: '6901 AB', houseNumber: '12' }],
  members: [
    { givenName: 'Yusuf', familyName: 'Haddad', birthDate: '1996-05-02', role: 'parent', bsn: '111222333', residenceKeys: ['A'] },
    { givenName: 'Rania', familyName: 'Haddad', birthDate: '1999-08-19', role: 'parent', residenceKeys: ['A'] },
    { givenName: 'Omar', familyName: 'Haddad', birthDate: '2018-03-11', role: 'child', residenceKeys: ['A'] },
  ],
};

const PROBLEM_JSON = /^application\/problem\+json/;

describe.each(STORE_KINDS)('household commands over HTTP on %s', (kind) => {
  let api: ApiHarness;
  let client: HouseholdClient;

  beforeAll(async () => {
    api = await startApi(kind);
    client = new HouseholdClient(api);
  });
  afterAll(async () => {
    await api.close();
    expect(api.serverErrors).toEqual([]);
  });

  const auth = (principal: Principal = consultant) => api.bearer(principal);

  async function registerHaddad() {
    return client.register(haddad);
  }

  async function openYusufTrajectory(householdId: string, yusuf: string) {
    return client.openTrajectory(householdId, {
      memberId: yusuf,
      date: '2026-04-15',
      source: 'huisarts',
      channel: 'phone',
      question: 'Slaapproblemen en herbelevingen; wacht op GGZ.',
      lifeDomains: ['geestelijke-gezondheid'],
      legalBasis: 'wmo-2015',
    });
  }

  describe('registration and reading back', () => {
    it('registers a household: 201 with Location, ETag and body {id, version}; GET returns it with the same ETag', async () => {
      const response = await api.http().post('/api/v1/households').set('Authorization', auth()).send(haddad).expect(201);
      expect(response.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), version: 1, eventIds: [expect.any(String)] });
      expect(response.headers.location).toBe(`/api/v1/households/${response.body.id}`);
      expect(response.headers.etag).toBe('"1"');

      const read = await api.http().get(response.headers.location).set('Authorization', auth()).expect(200);
      expect(read.headers.etag).toBe('"1"');
      expect(read.body).toMatchObject({
        id: response.body.id,
        version: 1,
        municipality: 'GM0299',
        team: 'T1',
        registeredOn: '2026-01-14',
        coordinator: null,
        plan: null,
        trajectories: [],
      });
      expect(read.body.members.map((m: { givenName: string }) => m.givenName)).toEqual(['Yusuf', 'Rania', 'Omar']);
      expect(read.body.members[0]).toMatchObject({ bsn: '111222333', role: 'parent', status: 'active', joinedOn: '2026-01-14' });
      expect(read.body.members[0].residenceIds).toEqual([read.body.residences[0].residenceId]);
    });

    it('answers 404 for an unknown household and for one of another municipality', async () => {
      const { id } = await registerHaddad();
      const other: Principal = { ...consultant, municipality: 'GM0356' };
      const unknown = await api.http().get('/api/v1/households/6f1c2a4e-8d7b-4c3a-9e5f-1a2b3c4d5e6f').set('Authorization', auth()).expect(404);
      expect(unknown.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(unknown.body.code).toBe('household-not-found');
      await api.http().get(`/api/v1/households/${id}`).set('Authorization', auth(other)).expect(404);
    });

    it('lets a consultant of another team in only as casusregisseur; registration is for one’s own team', async () => {
      const { id } = await registerHaddad();
      const otherTeam: Principal = { sub: 'consultant-t2', roles: ['consultant'], team: 'T2', municipality: 'GM0299' };
      await api.http().get(`/api/v1/households/${id}`).set('Authorization', auth(otherTeam)).expect(404);
      const hidden = await api.http().post('/api/v1/households/_search').set('Authorization', auth(otherTeam)).send({ bsn: '111222333' }).expect(200);
      expect(hidden.body.results.map((r: { householdId: string }) => r.householdId)).not.toContain(id);

      await client.put(`/households/${id}/coordinator`, { coordinatorId: otherTeam.sub, name: 'Consulent T2', date: '2026-01-14' });
      await api.http().get(`/api/v1/households/${id}`).set('Authorization', auth(otherTeam)).expect(200);
      const found = await api.http().post('/api/v1/households/_search').set('Authorization', auth(otherTeam)).send({ bsn: '111222333' }).expect(200);
      expect(found.body.results.map((r: { householdId: string }) => r.householdId)).toContain(id);

      const before = await api.eventCount();
      const wrongTeam = await api.http().post('/api/v1/households').set('Authorization', auth(otherTeam)).send(haddad).expect(403);
      expect(wrongTeam.body.code).toBe('other-team');
      expect(await api.eventCount()).toBe(before);
    });

    it('refuses registration in another municipality than the token’s (403)', async () => {
      const before = await api.eventCount();
      const response = await api
        .http()
        .post('/api/v1/households')
        .set('Authorization', auth())
        .send({ ...haddad, municipality: 'GM0356' })
        .expect(403);
      expect(response.body.code).toBe('other-municipality');
      expect(await api.eventCount()).toBe(before);
    });

    it('lets only consultants use the household routes (403 for a supervisor, 401 without a token)', async () => {
      const supervisor: Principal = { sub: 's-1', roles: ['supervisor'], municipality: 'GM0299' };
      const forbidden = await api.http().post('/api/v1/households').set('Authorization', auth(supervisor)).send(haddad).expect(403);
      expect(forbidden.headers['content-type']).toMatch(PROBLEM_JSON);
      await api.http().post('/api/v1/households').send(haddad).expect(401);
    });

    it('pages through the history with fromVersion and limit', async () => {
      const { id, memberIds } = await registerHaddad();
      const trajectoryId = await openYusufTrajectory(id, memberIds.Yusuf);
      await client.post(`/households/${id}/trajectories/${trajectoryId}/intake`, { date: '2026-04-20' });
      await client.post(`/households/${id}/trajectories/${trajectoryId}/triage`, { date: '2026-04-21', level: 'L2' });

      const first = await api.http().get(`/api/v1/households/${id}/events?limit=2`).set('Authorization', auth()).expect(200);
      expect(first.body.version).toBe(4);
      expect(first.body.events.map((e: { type: string }) => e.type)).toEqual(['HouseholdRegistered', 'TrajectoryOpened']);
      expect(first.body.nextFromVersion).toBe(3);
      expect(first.body.events[1]).toMatchObject({
        streamVersion: 2,
        occurredOn: '2026-04-15',
        actor: { id: consultant.sub, role: 'consultant' },
        data: { trajectoryId, memberId: memberIds.Yusuf, source: 'huisarts' },
      });
      const second = await api.http().get(`/api/v1/households/${id}/events?fromVersion=3&limit=2`).set('Authorization', auth()).expect(200);
      expect(second.body.events.map((e: { type: string }) => e.type)).toEqual(['IntakeHeld', 'TriageCompleted']);
      expect(second.body.nextFromVersion).toBeNull();

      const bad = await api.http().get(`/api/v1/households/${id}/events?limit=0`).set('Authorization', auth()).expect(400);
      expect(bad.body.invalidParams).toEqual([expect.objectContaining({ name: 'limit' })]);
    });
  });

  describe('concurrency', () => {
    it('accepts 50 concurrent POSTs on one household without If-Match: 50 new contiguous versions', async () => {
      const { id, memberIds } = await registerHaddad();
      const trajectoryId = await openYusufTrajectory(id, memberIds.Yusuf);
      await client.post(`/households/${id}/trajectories/${trajectoryId}/triage`, { date: '2026-04-16', level: 'L1' });
      await client.post(`/households/${id}/trajectories/${trajectoryId}/waakvlam`, { date: '2026-04-17', contactIntervalDays: 30 });

      const responses = await Promise.all(
        Array.from({ length: 50 }, () =>
          api
            .http()
            .post(`/api/v1/households/${id}/trajectories/${trajectoryId}/waakvlam/contacts`)
            .set('Authorization', auth())
            .send({ date: '2026-05-01', mode: 'phone', outcome: 'stable' }),
        ),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(50).fill(201));
      expect(responses.map((r) => r.body.version).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => 5 + i));

      const { body } = await api.http().get(`/api/v1/households/${id}/events?limit=500`).set('Authorization', auth()).expect(200);
      expect(body.events.map((e: { streamVersion: number }) => e.streamVersion)).toEqual(Array.from({ length: 54 }, (_, i) => i + 1));
      const household = await client.get(id);
      expect(household.trajectories[0].waakvlam.periods[0].contacts).toHaveLength(50);
    });

    it('answers 412 to a stale If-Match and writes nothing; the current ETag is accepted', async () => {
      const { id, memberIds } = await registerHaddad();
      const trajectoryId = await openYusufTrajectory(id, memberIds.Yusuf);
      const before = await api.eventCount();
      const stale = await api
        .http()
        .post(`/api/v1/households/${id}/trajectories/${trajectoryId}/intake`)
        .set('Authorization', auth())
        .set('If-Match', '"1"')
        .send({ date: '2026-04-20' })
        .expect(412);
      expect(stale.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(stale.body.code).toBe('version-mismatch');
      expect(await api.eventCount()).toBe(before);

      const current = await api
        .http()
        .post(`/api/v1/households/${id}/trajectories/${trajectoryId}/intake`)
        .set('Authorization', auth())
        .set('If-Match', '"2"')
        .send({ date: '2026-04-20' })
        .expect(201);
      expect(current.headers.etag).toBe('"3"');
    });

    it('refuses an If-Match it cannot read (400)', async () => {
      const { id } = await registerHaddad();
      const response = await api
        .http()
        .put(`/api/v1/households/${id}/coordinator`)
        .set('Authorization', auth())
        .set('If-Match', 'yesterday')
        .send({ coordinatorId: 'c-7', name: 'J. de Vries' })
        .expect(400);
      expect(response.body.code).toBe('invalid-if-match');
    });
  });

  describe('bad input gets a 4xx problem+json and changes nothing', () => {
    let householdId: string;
    let trajectoryId: string;
    let yusuf: string;

    beforeAll(async () => {
      const registered = await registerHaddad();
      householdId = registered.id;
      yusuf = registered.memberIds.Yusuf;
      trajectoryId = await openYusufTrajectory(householdId, yusuf);
    });

    const cases: [string, () => { path: string; body: unknown; raw?: string; contentType?: string }, number, string][] = [
      ['malformed JSON', () => ({ path: `/households/${householdId}/trajectories/${trajectoryId}/intake`, body: undefined, raw: '{"date": "2026-', contentType: 'application/json' }), 400, 'malformed-body'],
      ['an unknown field', () => ({ path: `/households/${householdId}/trajectories/${trajectoryId}/intake`, body: { date: '2026-04-20', mood: 'good' } }), 400, 'invalid'],
      ['a wrong type', () => ({ path: `/households/${householdId}/trajectories/${trajectoryId}/waakvlam`, body: { date: '2026-04-20', contactIntervalDays: 'six weeks' } }), 400, 'invalid'],
      ['a BSN failing the elfproef', () => ({ path: `/households/${householdId}/members`, body: { date: '2026-04-20', givenName: 'Lina', familyName: 'Haddad', birthDate: '2021-10-30', role: 'child', bsn: '123456789', residenceIds: [] } }), 400, 'invalid'],
      ['a BSN as a number', () => ({ path: '/households', body: { ...haddad, members: [{ ...haddad.members[0], bsn: 111222333 }] } }), 400, 'invalid'],
      ['an impossible date', () => ({ path: `/households/${householdId}/trajectories/${trajectoryId}/intake`, body: { date: '2026-02-30' } }), 400, 'invalid'],
      ['a date in the future', () => ({ path: `/households/${householdId}/trajectories/${trajectoryId}/intake`, body: { date: '2026-11-24' } }), 409, 'date-in-future'],
      ['a birth date in the future', () => ({ path: '/households', body: { ...haddad, members: [{ ...haddad.members[0], birthDate: '2027-01-01' }] } }), 400, 'invalid'],
      ['a date before the melding', () => ({ path: `/households/${householdId}/trajectories/${trajectoryId}/intake`, body: { date: '2026-04-14' } }), 409, 'date-before-melding'],
      ['an unknown household', () => ({ path: '/households/0b7d1d2e-3f4a-4b5c-8d6e-7f8091a2b3c4/trajectories', body: { memberId: yusuf, date: '2026-04-15', source: 'self', channel: 'phone', question: 'q', lifeDomains: ['wonen'], legalBasis: 'wmo-2015' } }), 404, 'household-not-found'],
      ['an unknown trajectory', () => ({ path: `/households/${householdId}/trajectories/0b7d1d2e-3f4a-4b5c-8d6e-7f8091a2b3c4/intake`, body: { date: '2026-04-20' } }), 404, 'trajectory-not-found'],
      ['an id that is no UUID', () => ({ path: `/households/not-a-uuid/trajectories/${trajectoryId}/intake`, body: { date: '2026-04-20' } }), 400, 'invalid'],
      ['a PIP on a Wmo trajectory', () => ({ path: `/households/${householdId}/trajectories/${trajectoryId}/pip`, body: { date: '2026-04-20', route: 'B1' } }), 409, 'pip-requires-inburgering'],
      ['a NUL character in free text', () => ({ path: `/households/${householdId}/trajectories/${trajectoryId}/reopening`, body: { date: '2026-04-20', reason: 'x' }, raw: '{"date":"2026-04-20","reason":"weer \\u0000 open"}', contentType: 'application/json' }), 400, 'invalid'],
    ];

    it.each(cases)('%s', async (_name, make, status, code) => {
      const before = await api.eventCount();
      const { path, body, raw, contentType } = make();
      let call = api.http().post(`/api/v1${path}`).set('Authorization', auth());
      if (contentType) call = call.set('Content-Type', contentType);
      const response = await call.send(raw ?? (body as object));
      expect(response.status).toBe(status);
      expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(response.body).toMatchObject({ status, code, title: expect.any(String), detail: expect.any(String) });
      if (status === 400 && code === 'invalid') expect(response.body.invalidParams.length).toBeGreaterThan(0);
      expect(await api.eventCount()).toBe(before);
    });

    it('names the BSN field without repeating the BSN', async () => {
      const response = await api
        .http()
        .post('/api/v1/households')
        .set('Authorization', auth())
        .send({ ...haddad, members: [{ ...haddad.members[0], bsn: '123456789' }] })
        .expect(400);
      expect(response.body.invalidParams).toEqual([expect.objectContaining({ name: 'members[0].bsn' })]);
      expect(JSON.stringify(response.body)).not.toContain('123456789');
    });
  });

  describe('Idempotency-Key', () => {
    it('gives the same response and records one event for the same key and body', async () => {
      const { id, residenceIds } = await registerHaddad();
      const before = await api.eventCount();
      const send = () =>
        api
          .http()
          .post(`/api/v1/households/${id}/members`)
          .set('Authorization', auth())
          .set('Idempotency-Key', 'add-lina-1')
          .send({ date: '2026-02-01', givenName: 'Lina', familyName: 'Haddad', birthDate: '2021-10-30', role: 'child', residenceIds: [residenceIds.A] });
      const first = await send().expect(201);
      const second = await send().expect(201);
      expect(second.body).toEqual(first.body);
      expect(second.headers.etag).toBe(first.headers.etag);
      expect(second.headers['idempotent-replayed']).toBe('true');
      expect(await api.eventCount()).toBe(before + 1);
    });

    it('answers 409 to the same key with another body, and records nothing', async () => {
      const { id, residenceIds } = await registerHaddad();
      const path = `/api/v1/households/${id}/members`;
      const lina = { date: '2026-02-01', givenName: 'Lina', familyName: 'Haddad', birthDate: '2021-10-30', role: 'child', residenceIds: [residenceIds.A] };
      await api.http().post(path).set('Authorization', auth()).set('Idempotency-Key', 'k-2').send(lina).expect(201);
      const before = await api.eventCount();
      const reused = await api
        .http()
        .post(path)
        .set('Authorization', auth())
        .set('Idempotency-Key', 'k-2')
        .send({ ...lina, givenName: 'Sara' })
        .expect(409);
      expect(reused.body.code).toBe('idempotency-key-reused');
      expect(await api.eventCount()).toBe(before);
    });

    it('records one household when the same registration is sent ten times at once', async () => {
      const before = await api.eventCount();
      const responses = await Promise.all(
        Array.from({ length: 10 }, () =>
          api.http().post('/api/v1/households').set('Authorization', auth()).set('Idempotency-Key', 'register-haddad-once').send(haddad),
        ),
      );
      const created = responses.filter((r) => r.status === 201);
      // The first finishes; the others either replay it or are told it is still running. None records a second one.
      expect(created.length).toBeGreaterThanOrEqual(1);
      expect(new Set(created.map((r) => r.body.id)).size).toBe(1);
      for (const r of responses.filter((r) => r.status !== 201)) expect(r.body.code).toBe('idempotency-key-in-progress');
      expect(await api.eventCount()).toBe(before + 1);
    });

    it('frees the key when the request failed, so a corrected retry may use it', async () => {
      const { id, memberIds } = await registerHaddad();
      const trajectoryId = await openYusufTrajectory(id, memberIds.Yusuf);
      const path = `/api/v1/households/${id}/trajectories/${trajectoryId}/intake`;
      await api.http().post(path).set('Authorization', auth()).set('Idempotency-Key', 'k-3').send({ date: '2026-04-01' }).expect(409);
      await api.http().post(path).set('Authorization', auth()).set('Idempotency-Key', 'k-3').send({ date: '2026-04-01' }).expect(409);
      await api.http().post(path).set('Authorization', auth()).set('Idempotency-Key', 'k-3').send({ date: '2026-04-20' }).expect(201);
    });
  });

  describe('corrections', () => {
    it('withdraws a referral entered twice and corrects the date of another step; the history keeps all', async () => {
      const { id, memberIds } = await registerHaddad();
      const trajectoryId = await openYusufTrajectory(id, memberIds.Yusuf);
      const referral = { date: '2026-05-15', organisation: { name: 'GGNet' }, category: 'lichtere-zorg', warmHandover: true };
      await client.refer(id, trajectoryId, referral);
      await client.refer(id, trajectoryId, referral);
      const intake = await client.post(`/households/${id}/trajectories/${trajectoryId}/intake`, { date: '2026-04-20' });

      const events = await client.events(id);
      const duplicate = events.filter((e) => e.type === 'ReferralMade')[1];
      await client.post(`/households/${id}/events/${duplicate.eventId}/corrections`, { kind: 'withdrawal', reason: 'twee keer ingevoerd' });
      await client.post(`/households/${id}/events/${(intake.eventIds as string[])[0]}/corrections`, {
        kind: 'date-correction',
        correctedDate: '2026-04-21',
        reason: 'verkeerde datum',
      });

      const household = await client.get(id);
      expect(household.trajectories[0].referrals).toHaveLength(1);
      expect(household.trajectories[0].intakeOn).toBe('2026-04-21');
      expect(household.corrections.map((c: { kind: string }) => c.kind)).toEqual(['withdrawn', 'corrected']);
      expect((await client.events(id)).map((e) => e.type)).toEqual([
        'HouseholdRegistered',
        'TrajectoryOpened',
        'ReferralMade',
        'ReferralMade',
        'IntakeHeld',
        'EventWithdrawn',
        'EventCorrected',
      ]);

      const again = await api
        .http()
        .post(`/api/v1/households/${id}/events/${duplicate.eventId}/corrections`)
        .set('Authorization', auth())
        .send({ kind: 'withdrawal', reason: 'nog eens' })
        .expect(409);
      expect(again.body.code).toBe('event-already-withdrawn');
    });
  });

  describe('search', () => {
    it('finds a household by BSN and by name (case and accents ignored), only within the municipality', async () => {
      const { id } = await client.register({
        ...haddad,
        members: [{ givenName: 'Zoë', familyName: 'Özdemir', birthDate: '1990-01-01', role: 'parent', bsn: '000000310', residenceKeys: ['A'] }],
      });
      const byBsn = await api.http().post('/api/v1/households/_search').set('Authorization', auth()).send({ bsn: '000000310' }).expect(200);
      expect(byBsn.body.results).toEqual([
        { householdId: id, team: 'T1', members: [{ memberId: expect.any(String), givenName: 'Zoë', familyName: 'Özdemir', birthDate: '1990-01-01' }] },
      ]);
      const byName = await api
        .http()
        .post('/api/v1/households/_search')
        .set('Authorization', auth())
        .send({ familyName: 'ozdemir', givenName: 'ZOE' })
        .expect(200);
      expect(byName.body.results.map((r: { householdId: string }) => r.householdId)).toEqual([id]);
      const elsewhere = await api
        .http()
        .post('/api/v1/households/_search')
        .set('Authorization', auth({ ...consultant, municipality: 'GM0356' }))
        .send({ bsn: '000000310' })
        .expect(200);
      expect(elsewhere.body.results).toEqual([]);
    });

    it('needs a BSN or a family name', async () => {
      const response = await api.http().post('/api/v1/households/_search').set('Authorization', auth()).send({ givenName: 'Rania' }).expect(400);
      expect(response.body.invalidParams[0].name).toBe('bsn');
    });
  });
});
