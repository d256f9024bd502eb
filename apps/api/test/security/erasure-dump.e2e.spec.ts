import { Principal } from '@casusregie/auth';
import { BullNotificationWorker, NotificationDeliveryStore, WebhookSender } from '@casusregie/notifications';
import { ProjectionRunner } from '@casusregie/projections';
import { ProviderRegistry } from '@casusregie/providers';
import { BullProjectionWorkers } from '@casusregie/queue';
import { allProjections } from '@casusregie/runtime';
import { SqlDatabase } from '@casusregie/sql';
import { createTestRedis, TestRedis, undeliveredNotifications, waitFor } from '@casusregie/test-support';
import { WebhookReceiver } from '../../../../test/notifications/support/webhook-receiver';
import { ApiHarness, startApi } from '../support/api-harness';
import { HouseholdClient } from '../support/household-client';


const ZEVENAAR = 'GM0299';
const consultant: Principal = { sub: 'zvn-consulent-3', roles: ['consultant'], team: 'T1', municipality: ZEVENAAR };
const admin: Principal = { sub: 'zvn-beheer', roles: ['admin'], municipality: ZEVENAAR };
const PROVIDER_AGB = '31313131';
const provider: Principal = { sub: 'ggnet-portaal', roles: ['provider'], org: PROVIDER_AGB, municipality: ZEVENAAR };

/**
 * Yusuf asks to be erased. Everything personal the scenario records about him, in words that occur nowhere else (and
 * with characters that JSON escapes), so that finding one in a dump means it was stored.
 */
const YUSUF = { givenName: 'Yusuf Amir', familyName: 'El Haddouchi', birthDate: '1996-05-02', bsn: '111222333' };
const YUSUF_ROOM = { label: 'Kamerwoning-Yusuf', postcode: '6902 ZZ', houseNumber: '88-kamer 2' };
const YUSUF_TEXT = {
  question: 'Slaapt "s nachts" niet sinds de vlucht',
  goal: 'Werkervaring opdoen als kok in Zevenaar',
  scaleReason: 'Herbelevingen nemen toe, meer steun nodig',
  declineReason: 'Groep zit vol tot het voorjaar',
  correctionReason: 'Intake stond op de verkeerde dag (typfout)',
};
/** Rania stays; her data and the casusregisseur's name must be in the dump only sealed. */
const RANIA = { givenName: 'Rania Noor', familyName: 'Khalil-Bakker', birthDate: '1999-08-19', bsn: '123456782' };
const HOME = { label: 'Gezinswoning-Khalil', postcode: '6901 XK', houseNumber: '417 bis' };
const RANIA_TEXT = { question: 'Wil de taal leren voor haar werk', goal: 'B1 halen binnen de termijn' };
const COORDINATOR_NAME = 'Ivanka de Wit-Jansen';

const WEBHOOK_SECRET = 'a-webhook-secret-of-at-least-32-characters';

/**
 * Issue 14's acceptance: after an erasure, a dump of everything the app keeps — every table of every schema of its
 * PostgreSQL database (events, read models, idempotency keys, processing log, data keys, outbox) and everything in
 * its keys in Redis — holds no name, BSN, birth date or free text of the erased member, and nobody's personal data
 * in clear text at all (the search directory included: it matches on keyed hashes). Through the real API, with Redis:
 * projections and provider notifications go through BullMQ.
 */
describe('a dump of the database and of Redis after an erasure', () => {
  let api: ApiHarness;
  /** A key prefix of this file's own on the shared Redis (see test/support/test-redis.ts). */
  let redis: TestRedis;
  let workers: BullProjectionWorkers;
  let notifications: BullNotificationWorker;
  let webhook: WebhookReceiver;
  let householdId: string;
  let yusuf: string;
  let dump: string;

  const as = (principal: Principal) => new HouseholdClient(api, principal);
  const post = (principal: Principal, path: string, body: object, idempotencyKey?: string) => {
    const call = api.http().post(`/api/v1${path}`).set('Authorization', api.bearer(principal));
    return (idempotencyKey === undefined ? call : call.set('Idempotency-Key', idempotencyKey)).send(body).expect((r) => {
      if (r.status >= 400) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`);
    });
  };
  const get = (principal: Principal, path: string) => api.http().get(`/api/v1${path}`).set('Authorization', api.bearer(principal)).expect(200);
  const runner = () => new ProjectionRunner(api.storage.readModels, api.storage.eventStore);
  /** Every projection has applied every event, and every notification is delivered. */
  const settled = () =>
    waitFor(
      async () => {
        for (const projection of allProjections(api.storage)) if ((await runner().lag(projection)).eventsBehind > 0) return false;
        return (await undeliveredNotifications(api.storage.readModels)) === 0;
      },
      30_000,
      'projections and notifications to settle',
    );

  beforeAll(async () => {
    redis = createTestRedis();
    api = await startApi('postgres', '2028-12-31', redis.env);
    // What the projector process runs: the projection workers and the notification worker, on the same Redis.
    workers = new BullProjectionWorkers(redis, runner(), allProjections(api.storage), { sweepMs: 200 });
    await workers.start();
    const registry = new ProviderRegistry(api.storage.readModels, api.storage.masterKey);
    await registry.prepare();
    notifications = new BullNotificationWorker(redis, new NotificationDeliveryStore(api.storage.readModels), new WebhookSender(registry, 'http://localhost:3000'), { timeoutMs: 2000 });
    notifications.start();
    webhook = await new WebhookReceiver().start();

    await post(admin, '/providers', {
      agbCode: PROVIDER_AGB,
      name: 'GGNet Doetinchem',
      productCategories: ['lichtere-zorg'],
      webhookUrl: webhook.url,
      webhookSecret: WEBHOOK_SECRET,
    }).expect(201);

    const registration = {
      municipality: ZEVENAAR,
      team: 'T1',
      registeredOn: '2026-01-14',
      residences: [
        { key: HOME.label, postcode: HOME.postcode, houseNumber: HOME.houseNumber },
        { key: YUSUF_ROOM.label, postcode: YUSUF_ROOM.postcode, houseNumber: YUSUF_ROOM.houseNumber },
      ],
      members: [
        { ...YUSUF, role: 'parent', residenceKeys: [HOME.label, YUSUF_ROOM.label] },
        { ...RANIA, role: 'parent', residenceKeys: [HOME.label] },
      ],
    };
    householdId = (await post(consultant, '/households', registration, 'register-khalil').expect(201)).body.id;
    const household = await as(consultant).get(householdId);
    const memberId = (givenName: string) => household.members.find((m: { givenName: string }) => m.givenName === givenName).memberId as string;
    yusuf = memberId(YUSUF.givenName);
    const rania = memberId(RANIA.givenName);
    const h = `/households/${householdId}`;
    const client = as(consultant);

    await client.put(`${h}/coordinator`, { coordinatorId: consultant.sub, name: COORDINATOR_NAME, date: '2026-01-14' });
    const melding = { source: 'huisarts', channel: 'phone', lifeDomains: ['geestelijke-gezondheid'], legalBasis: 'wmo-2015' };
    const ggz = await client.openTrajectory(householdId, { ...melding, memberId: yusuf, date: '2026-04-15', question: YUSUF_TEXT.question });
    await client.openTrajectory(householdId, { ...melding, memberId: rania, date: '2026-04-16', question: RANIA_TEXT.question });
    await client.put(`${h}/plan`, {
      date: '2026-04-20',
      goals: [
        { memberId: yusuf, lifeDomain: 'werk', description: YUSUF_TEXT.goal },
        { memberId: rania, lifeDomain: 'taal', description: RANIA_TEXT.goal },
      ],
    });
    const intake = await client.post(`${h}/trajectories/${ggz}/intake`, { date: '2026-04-22' });
    await client.post(`${h}/events/${(intake.eventIds as string[])[0]}/corrections`, {
      kind: 'date-correction',
      correctedDate: '2026-04-21',
      reason: YUSUF_TEXT.correctionReason,
    });
    await client.post(`${h}/trajectories/${ggz}/triage`, { date: '2026-04-24', level: 'L1' });
    await client.post(`${h}/trajectories/${ggz}/scale-changes`, { date: '2026-04-28', toLevel: 'L2', reason: YUSUF_TEXT.scaleReason });
    const referral = { organisation: { agbCode: PROVIDER_AGB, name: 'GGNet Doetinchem' }, category: 'lichtere-zorg', warmHandover: true };
    const declined = await client.refer(householdId, ggz, { ...referral, date: '2026-05-01' });
    const accepted = await client.refer(householdId, ggz, { ...referral, date: '2026-05-02' });

    // The provider reads its inbox and answers; the consultant searches (with a key) and reads: all of it logged.
    await waitFor(async () => webhook.acknowledged.length >= 2, 30_000, 'the notifications of both referrals');
    await get(provider, '/provider/referrals');
    await post(provider, `/provider/referrals/${declined}/decline`, { date: '2026-05-04', reason: YUSUF_TEXT.declineReason }).expect(201);
    await post(provider, `/provider/referrals/${accepted}/acceptance`, { date: '2026-05-05' }).expect(201);
    await post(consultant, '/households/_search', { bsn: YUSUF.bsn }, 'search-yusuf').expect(200);
    await post(consultant, '/households/_search', { familyName: RANIA.familyName }, 'search-rania').expect(200);
    await get(consultant, `${h}/events?limit=500`);
    await settled();

    await post(admin, `${h}/members/${yusuf}/erasure`, {}, 'erase-yusuf').expect(201);
    await get(provider, `/provider/referrals/${accepted}`);
    await get(consultant, h);
    await settled();

    dump = `${await databaseText(api.storage.readModels)}\n${await redis.text()}`;
  }, 120_000);

  afterAll(async () => {
    await notifications?.close();
    await workers?.close();
    await api?.close();
    await webhook?.close();
    await redis?.remove();
    // Checked last: a failed check must not leave servers open behind it.
    expect(api?.serverErrors).toEqual([]);
  });

  it('dumps what the scenario recorded (the test can see what it looks for)', () => {
    const readModelTables = allProjections(api.storage).flatMap((projection) => projection.tables);
    for (const table of ['events', 'personal_data_keys', 'idempotency_keys', 'processing_log', ...readModelTables]) {
      expect(dump).toContain(`-- table public.${table}\n`);
    }
    expect(dump).toContain(yusuf);
    expect(dump).toContain(PROVIDER_AGB);
    expect(dump).toContain('pd2:member:');
    // Jobs went through Redis: projection catch-ups and the notifications of both referrals.
    expect(dump).toContain(`${redis.keyPrefix}:projection-household-directory:`);
    expect(dump).toMatch(new RegExp(`${redis.keyPrefix}:notifications:events\n.*completed`));
  });

  it("holds no name, BSN, birth date, address or free text of the erased member, in clear text or JSON-escaped", () => {
    expect(foundIn(dump, [...Object.values(YUSUF), ...Object.values(YUSUF_ROOM), ...Object.values(YUSUF_TEXT)])).toEqual([]);
  });

  it("holds the others' data and the casusregisseur's name sealed only, the search directory included", () => {
    expect(foundIn(dump, [...Object.values(RANIA), ...Object.values(HOME), ...Object.values(RANIA_TEXT), COORDINATOR_NAME])).toEqual([]);
    // Nor a secret: the provider's webhook secret is wrapped by the master key.
    expect(foundIn(dump, [WEBHOOK_SECRET])).toEqual([]);
  });

  it('still finds Rania by BSN, by name, by name and birth date, and gives her and the casusregisseur to whoever may read them', async () => {
    for (const criteria of [{ bsn: RANIA.bsn }, { familyName: 'khalil-BAKKER ', givenName: RANIA.givenName }, { familyName: RANIA.familyName, birthDate: RANIA.birthDate }]) {
      const { results } = (await post(consultant, '/households/_search', criteria)).body;
      const { bsn: _bsn, ...shown } = RANIA;
      expect(results).toEqual([{ householdId, team: 'T1', members: [{ memberId: expect.any(String), ...shown }] }]);
    }
    expect((await post(consultant, '/households/_search', { bsn: YUSUF.bsn })).body.results).toEqual([]);
    const household = (await get(consultant, `/households/${householdId}`)).body;
    expect(household.members.find((m: { memberId: string }) => m.memberId !== yusuf)).toMatchObject(RANIA);
    expect(household.coordinator).toMatchObject({ coordinatorId: consultant.sub, name: COORDINATOR_NAME });
    expect(household.members.find((m: { memberId: string }) => m.memberId === yusuf)).toMatchObject({ erased: true });
  });
});

/** Every row of every table of every schema the app's database has, as text, each table under a `-- table` line. */
async function databaseText(db: SqlDatabase): Promise<string> {
  const { rows: tables } = await db.query<{ schema: string; name: string }>(
    `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
      WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
      ORDER BY 1, 2`,
  );
  const parts: string[] = [];
  for (const { schema, name } of tables) {
    const { rows } = await db.query<{ row: string }>(`SELECT t::text AS row FROM ${quoted(schema)}.${quoted(name)} t`);
    parts.push(`-- table ${schema}.${name}`, ...rows.map((r) => r.row));
  }
  return parts.join('\n');
}

function quoted(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

/** The values that occur in `text` as they are or as JSON writes them inside a string. */
function foundIn(text: string, values: readonly string[]): string[] {
  return values.filter((value) => text.includes(value) || text.includes(JSON.stringify(value).slice(1, -1)));
}
