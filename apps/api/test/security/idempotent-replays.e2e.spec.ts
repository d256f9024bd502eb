import { createHash } from 'node:crypto';
import stringify from 'safe-stable-stringify';
import { Principal } from '@casusregie/auth';
import { ProjectionTriggerLifecycle } from '@casusregie/runtime';
import { ApiHarness, startApi } from '../support/api-harness';

const ZEVENAAR = 'GM0299';
const SHARED_SUB = 'consulent-7';
const consultant: Principal = { sub: SHARED_SUB, roles: ['consultant'], team: 'T1', municipality: ZEVENAAR };
/** Another municipality's identity provider hands out the same `sub`: another principal all the same. */
const elsewhere: Principal = { sub: SHARED_SUB, roles: ['consultant'], team: 'T1', municipality: 'GM0300' };
/** The same user in another team of the same municipality. */
const otherTeam: Principal = { sub: SHARED_SUB, roles: ['consultant'], team: 'T2', municipality: ZEVENAAR };
const admin: Principal = { sub: 'zvn-beheer', roles: ['admin'], municipality: ZEVENAAR };

/** Yusuf asks to be erased; Rania stays. */
const YUSUF = { givenName: 'Yusuf', familyName: 'Haddad', birthDate: '1996-05-02', bsn: '111222333' };
const RANIA = { givenName: 'Rania', familyName: 'Haddad', birthDate: '1999-08-19', bsn: '123456782' };
const NOOR = { givenName: 'Noor', familyName: 'Haddad', birthDate: '2019-03-11', bsn: '999990019' };
const PERSONAL = (person: typeof YUSUF) => [person.givenName, person.familyName, person.birthDate, person.bsn];

/**
 * Issue 14, finding 2: an Idempotency-Key must never make the API hand out personal data it would not hand out
 * afresh. Keys belong to the whole principal (not just its `sub`), a search is not stored for replay at all, and the
 * answers stored for commands hold ids and versions only — so after an erasure nothing of the erased member is left
 * in `idempotency_keys`, and a replay shows nothing of her.
 */
describe('Idempotent replays and personal data (PostgreSQL)', () => {
  let api: ApiHarness;
  let householdId: string;
  let yusuf: string;
  const settle = () => api.app.get(ProjectionTriggerLifecycle).settle();
  const post = (path: string, principal: Principal, key: string | undefined, body: object) => {
    const call = api.http().post(`/api/v1${path}`).set('Authorization', api.bearer(principal));
    return (key === undefined ? call : call.set('Idempotency-Key', key)).send(body);
  };
  const search = (principal: Principal, key: string) => post('/households/_search', principal, key, { familyName: 'Haddad' });
  const dump = async () =>
    (await api.storage.readModels.query<{ row: string }>('SELECT k::text AS row FROM idempotency_keys k')).rows.map((r) => r.row).join('\n');
  const registration = {
    municipality: ZEVENAAR,
    team: 'T1',
    registeredOn: '2026-01-14',
    residences: [{ key: 'A', postcode: '6901AB', houseNumber: '417 bis' }],
    members: [
      { ...YUSUF, role: 'parent', residenceKeys: ['A'] },
      { ...RANIA, role: 'parent', residenceKeys: ['A'] },
    ],
  };
  let newMember: object;

  beforeAll(async () => {
    api = await startApi('postgres', '2027-06-30');
  }, 60_000);
  afterAll(() => api?.close());
  afterEach(() => expect(api.serverErrors).toEqual([]));

  it('(d) commands with a key still replay exactly: 201, the same ids, Idempotent-Replayed, nothing recorded again', async () => {
    const first = await post('/households', consultant, 'register-1', registration).expect(201);
    householdId = first.body.id;
    const registered = (await api.http().get(`/api/v1/households/${householdId}`).set('Authorization', api.bearer(consultant)).expect(200)).body;
    newMember = { ...NOOR, role: 'child', residenceIds: [registered.residences[0].residenceId], date: '2026-02-01' };
    const events = await api.eventCount();
    const replay = await post('/households', consultant, 'register-1', registration).expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(first.body);
    expect(replay.headers.location).toBe(first.headers.location);
    expect(replay.headers.etag).toBe(first.headers.etag);

    const added = await post(`/households/${householdId}/members`, consultant, 'add-noor', newMember).expect(201);
    const addedAgain = await post(`/households/${householdId}/members`, consultant, 'add-noor', newMember).expect(201);
    expect(addedAgain.headers['idempotent-replayed']).toBe('true');
    expect(addedAgain.body).toEqual(added.body);
    expect(await api.eventCount()).toBe(events + 1);

    // The same key with another body is still refused.
    await post('/households', consultant, 'register-1', { ...registration, registeredOn: '2026-01-15' }).expect(409);

    const household = (await api.http().get(`/api/v1/households/${householdId}`).set('Authorization', api.bearer(consultant)).expect(200)).body;
    yusuf = household.members.find((m: { givenName: string }) => m.givenName === 'Yusuf').memberId;
  });

  it('(c) another principal with the same sub and key does not get the first one’s answer: it is a new request', async () => {
    await settle();
    const mine = await search(consultant, 'search-1').expect(200);
    expect(JSON.stringify(mine.body)).toContain(YUSUF.birthDate);

    const theirs = await search(elsewhere, 'search-1').expect(200);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(theirs.body.results).toEqual([]);
    for (const value of [...PERSONAL(YUSUF), ...PERSONAL(RANIA)].filter((v) => v !== 'Haddad')) expect(JSON.stringify(theirs.body)).not.toContain(value);

    // A command's key too: in another municipality the household is unknown (404), not a replayed 201.
    const command = await post(`/households/${householdId}/members`, elsewhere, 'add-noor', newMember);
    expect(command.headers['idempotent-replayed']).toBeUndefined();
    expect(command.status).toBe(404);
    // The same user in another team is another principal as well.
    const team = await post(`/households/${householdId}/members`, otherTeam, 'add-noor', newMember);
    expect(team.headers['idempotent-replayed']).toBeUndefined();
    expect(team.status).toBe(404);
  });

  it('(a) a replayed search after the erasure shows nothing of the erased member', async () => {
    const before = await search(consultant, 'search-2').expect(200);
    expect(JSON.stringify(before.body)).toContain(YUSUF.givenName);

    const erasure = `/households/${householdId}/members/${yusuf}/erasure`;
    const erased = await post(erasure, admin, 'erase-yusuf', {}).expect(201);
    const erasedAgain = await post(erasure, admin, 'erase-yusuf', {}).expect(201);
    expect(erasedAgain.headers['idempotent-replayed']).toBe('true');
    expect(erasedAgain.body).toEqual(erased.body);
    await settle();

    for (const key of ['search-1', 'search-2']) {
      const replay = await search(consultant, key).expect(200);
      const text = JSON.stringify(replay.body);
      for (const value of PERSONAL(YUSUF).filter((v) => v !== 'Haddad')) expect(text).not.toContain(value);
      expect(replay.body.results[0].members.map((m: { memberId: string }) => m.memberId)).not.toContain(yusuf);
      // Rania, who stays, is still found: the search was answered afresh.
      expect(text).toContain(RANIA.givenName);
    }
  });

  it('(b) afterwards idempotency_keys holds none of her name, birth date or BSN (nor anyone’s)', async () => {
    const text = await dump();
    expect(text).toContain('register-1'); // the dump is of the keys the scenario used
    for (const value of [...PERSONAL(YUSUF), ...PERSONAL(RANIA), ...PERSONAL(NOOR), '6901AB', '417 bis']) expect(text).not.toContain(value);
    // Nor the user's own id: principals are kept as digests.
    expect(text).not.toContain(SHARED_SUB);
  });

  it('(b) the request is kept as a keyed digest: a plain hash of the body, found by trying BSNs, matches nothing', async () => {
    const { rows } = await api.storage.readModels.query<{ request_hash: string }>(
      `SELECT request_hash FROM idempotency_keys WHERE idempotency_key = 'register-1'`,
    );
    const plain = createHash('sha256').update(stringify(registration) ?? '').digest('hex');
    expect(rows.map((r) => r.request_hash)).toEqual([expect.stringMatching(/^h1:[0-9a-f]{64}$/)]);
    expect(rows[0].request_hash).not.toContain(plain);
  });
});
