import { Principal } from '@casusregie/auth';
import { verifyNotification } from '@casusregie/notifications';
import { deliveriesOfReferral, waitFor } from '@casusregie/test-support';
import { householdWithTrajectory, refer } from '../../../../test/notifications/support/referral-scenario';
import { WebhookReceiver } from '../../../../test/notifications/support/webhook-receiver';
import { ApiHarness, startApi } from '../support/api-harness';
import { HouseholdClient } from '../support/household-client';

/** Zevenaar, whose households the scenario records, and Duiven next door, whose admin tries to reach them. */
const ZEVENAAR = 'GM0299';
const DUIVEN = 'GM0300';
const zevenaarAdmin: Principal = { sub: 'zvn-beheer', roles: ['admin'], municipality: ZEVENAAR };
const duivenAdmin: Principal = { sub: 'dvn-beheer', roles: ['admin'], municipality: DUIVEN };

const GGNET = '98765432';
const FAILING = '98765499';
const ZEVENAAR_SECRET = 'zevenaar-webhook-secret-0123456789abcdef';
const DUIVEN_SECRET = 'duiven-webhook-secret-0123456789abcdefgh';

/**
 * Issue 14, finding 4: an admin is scoped to their municipality for everything municipal. An admin of Duiven cannot
 * see, change or end Zevenaar's contract with a provider (its categories, webhook URL and secret), nor see or send
 * Zevenaar's dead letters, nor erase a Zevenaar inhabitant: each is 404, as what does not exist, and nothing changes —
 * Zevenaar's next maatwerk referral goes through and its notification reaches Zevenaar's webhook, signed with
 * Zevenaar's secret. Zevenaar's own admin can do all of it. And (finding 9) no table shows a webhook secret.
 */
describe('admins are scoped to their municipality (PostgreSQL, HTTP)', () => {
  let api: ApiHarness;
  let zevenaarHook: WebhookReceiver;
  let duivenHook: WebhookReceiver;
  let failingHook: WebhookReceiver;
  let household: { client: HouseholdClient; householdId: string; trajectoryId: string };
  const savedEnv = { ...process.env };

  const as = (principal: Principal) => ({
    get: (path: string) => api.http().get(`/api/v1${path}`).set('Authorization', api.bearer(principal)),
    post: (path: string, body: object = {}) => api.http().post(`/api/v1${path}`).set('Authorization', api.bearer(principal)).send(body),
    patch: (path: string, body: object) => api.http().patch(`/api/v1${path}`).set('Authorization', api.bearer(principal)).send(body),
    delete: (path: string) => api.http().delete(`/api/v1${path}`).set('Authorization', api.bearer(principal)),
  });
  const deliveryOf = async (referralId: string) =>
    (await deliveriesOfReferral(api.storage.readModels, referralId))[0];
  /** Every row of every table, as text: what a dump of the database would show. */
  const databaseDump = async () => {
    const { rows: tables } = await api.storage.readModels.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    const dump: string[] = [];
    for (const { name } of tables) {
      const { rows } = await api.storage.readModels.query<{ row: string }>(`SELECT t::text AS row FROM "${name}" t`);
      dump.push(...rows.map((r) => r.row));
    }
    return dump.join('\n');
  };

  beforeAll(async () => {
    Object.assign(process.env, { NOTIFICATIONS_MAX_ATTEMPTS: '1', NOTIFICATIONS_BACKOFF_MS: '50', NOTIFICATIONS_SWEEP_MS: '100' });
    [zevenaarHook, duivenHook, failingHook] = await Promise.all([new WebhookReceiver().start(), new WebhookReceiver().start(), new WebhookReceiver().start()]);
    failingHook.respond = () => 503;
    api = await startApi('postgres', '2026-11-23');
    household = await householdWithTrajectory(api);
    await household.client.post(`/households/${household.householdId}/trajectories/${household.trajectoryId}/triage`, { date: '2026-04-20', level: 'L3' });
    await as(zevenaarAdmin)
      .post('/providers', { agbCode: GGNET, name: 'GGNet', productCategories: ['maatwerk'], webhookUrl: zevenaarHook.url, webhookSecret: ZEVENAAR_SECRET })
      .expect(201);
    await as(zevenaarAdmin).post('/providers', { agbCode: FAILING, name: 'Altijd Bezet', productCategories: ['maatwerk'], webhookUrl: failingHook.url, webhookSecret: ZEVENAAR_SECRET }).expect(201);
  });
  afterAll(async () => {
    await api?.close();
    await Promise.all([zevenaarHook, duivenHook, failingHook].map((receiver) => receiver?.close()));
    process.env = savedEnv;
    // Checked last: a failed check must not leave servers open behind it.
    expect(api.serverErrors).toEqual([]);
  });

  it("keeps another municipality's admin away from Zevenaar's contract: 404 for everything, and nothing changes", async () => {
    const before = (await as(zevenaarAdmin).get(`/providers/${GGNET}`).expect(200)).body;
    expect(before).toMatchObject({ agbCode: GGNET, municipality: ZEVENAAR, webhookUrl: zevenaarHook.url, hasWebhookSecret: true });

    for (const response of [
      await as(duivenAdmin).get(`/providers/${GGNET}`),
      await as(duivenAdmin).patch(`/providers/${GGNET}`, { webhookUrl: duivenHook.url, webhookSecret: DUIVEN_SECRET, productCategories: ['lichtere-zorg'] }),
      await as(duivenAdmin).delete(`/providers/${GGNET}`),
    ]) {
      expect({ status: response.status, code: response.body.code }).toEqual({ status: 404, code: 'provider-not-found' });
    }
    expect((await as(duivenAdmin).get('/providers').expect(200)).body.providers).toEqual([]);
    // The version-1 way of taking it over: name the other municipality in the body. There is no such field now.
    const municipalities = await as(duivenAdmin).patch(`/providers/${GGNET}`, { municipalities: [DUIVEN] }).expect(400);
    expect(municipalities.body.invalidParams).toEqual([expect.objectContaining({ name: 'municipalities' })]);

    // Duiven may contract GGNet too, with a webhook of its own: a contract of its own, beside Zevenaar's.
    const duivens = await as(duivenAdmin)
      .post('/providers', { agbCode: GGNET, name: 'GGNet Duiven', productCategories: ['lichtere-zorg'], webhookUrl: duivenHook.url, webhookSecret: DUIVEN_SECRET })
      .expect(201);
    expect(duivens.body).toMatchObject({ agbCode: GGNET, municipality: DUIVEN, webhookUrl: duivenHook.url });
    expect((await as(zevenaarAdmin).get(`/providers/${GGNET}`).expect(200)).body).toEqual(before);
  });

  it("still takes Zevenaar's next maatwerk referral, and notifies Zevenaar's webhook signed with Zevenaar's secret", async () => {
    const { client, householdId, trajectoryId } = household;
    const referralId = await client.refer(householdId, trajectoryId, {
      date: '2026-05-15',
      organisation: { agbCode: GGNET, name: 'GGNet' },
      category: 'maatwerk',
      productCode: '02A07',
      warmHandover: true,
    });
    await waitFor(async () => (await deliveryOf(referralId))?.status === 'delivered', 30_000, 'the referral notification delivered');

    expect(zevenaarHook.acknowledged).toHaveLength(1);
    const [{ headers, body }] = zevenaarHook.acknowledged;
    expect(JSON.parse(body).kenmerken).toMatchObject({ gemeente: ZEVENAAR, zorgaanbieder: GGNET });
    expect(verifyNotification(body, headers, ZEVENAAR_SECRET)).toEqual(JSON.parse(body));
    expect(duivenHook.received).toEqual([]);
  });

  it("keeps the processing log of Zevenaar's data to Zevenaar's auditor, also what a provider whose token names Duiven read", async () => {
    const provider: Principal = { sub: 'ggnet-intake', roles: ['provider'], org: GGNET, municipality: DUIVEN };
    await as(provider).get('/provider/referrals').expect(200);
    const subject = `household:${household.householdId}`;
    const logOf = async (auditor: Principal) =>
      (await as(auditor).get(`/processing-log?subject=${subject}&limit=1000`).expect(200)).body.records as { activity: string; municipality?: string }[];
    const zevenaar = await logOf({ sub: 'zvn-fg', roles: ['auditor'], municipality: ZEVENAAR });
    expect(zevenaar.map((r) => r.activity)).toEqual(expect.arrayContaining(['household.RegisterHousehold', 'household.MakeReferral', 'provider.referrals.read']));
    expect(zevenaar.every((r) => r.municipality === ZEVENAAR)).toBe(true);
    expect(await logOf({ sub: 'dvn-fg', roles: ['auditor'], municipality: DUIVEN })).toEqual([]);
  });

  it('shows no webhook secret in any table of the database', async () => {
    const dump = await databaseDump();
    expect(dump).toContain(zevenaarHook.url);
    for (const secret of [ZEVENAAR_SECRET, DUIVEN_SECRET]) expect(dump).not.toContain(secret);
    const { rows } = await api.storage.readModels.query<{ webhook_secret: string }>('SELECT webhook_secret FROM provider_contracts');
    for (const row of rows) expect(row.webhook_secret).toMatch(/^sb1:/);
  });

  it("keeps Zevenaar's dead letters to Zevenaar's admin", async () => {
    const { client, householdId, trajectoryId } = household;
    const referralId = await refer(client, householdId, trajectoryId, FAILING);
    await waitFor(async () => (await deliveryOf(referralId))?.status === 'failed', 30_000, 'the delivery given up');
    const { id } = await deliveryOf(referralId);

    expect((await as(duivenAdmin).get('/notifications/failed').expect(200)).body.deliveries).toEqual([]);
    const elsewhere = await as(duivenAdmin).post(`/notifications/${id}/redelivery`).expect(404);
    expect(elsewhere.body.code).toBe('notification-not-found');
    expect(await deliveryOf(referralId)).toMatchObject({ status: 'failed' });

    const listed = (await as(zevenaarAdmin).get('/notifications/failed').expect(200)).body.deliveries;
    expect(listed.map((delivery: { id: string }) => delivery.id)).toEqual([id]);
    expect((await as(zevenaarAdmin).post(`/notifications/${id}/redelivery`).expect(202)).body).toMatchObject({ id, status: 'pending', redeliveries: 1 });
  });

  it('lets only Zevenaar’s admin erase a Zevenaar inhabitant', async () => {
    const { client, householdId } = household;
    const yusuf = (await client.get(householdId)).members.find((m: { givenName: string }) => m.givenName === 'Yusuf').memberId as string;
    const erasure = `/households/${householdId}/members/${yusuf}/erasure`;
    const before = await api.eventCount();
    const elsewhere = await as(duivenAdmin).post(erasure).expect(404);
    expect(elsewhere.body.code).toBe('household-not-found');
    expect(await api.eventCount()).toBe(before);
    expect((await client.get(householdId)).members.find((m: { memberId: string }) => m.memberId === yusuf)).toMatchObject({ givenName: 'Yusuf' });

    await as(zevenaarAdmin).post(erasure).expect(201);
  });

  it("lets Zevenaar's admin change and end Zevenaar's own contract, which leaves Duiven's as it is", async () => {
    await as(zevenaarAdmin).patch(`/providers/${GGNET}`, { productCategories: ['maatwerk', 'lichtere-zorg'], webhookSecret: null }).expect(200);
    expect((await as(zevenaarAdmin).get(`/providers/${GGNET}`).expect(200)).body).toMatchObject({ hasWebhookSecret: false });
    await as(zevenaarAdmin).delete(`/providers/${GGNET}`).expect(204);
    await as(zevenaarAdmin).get(`/providers/${GGNET}`).expect(404);
    expect((await as(duivenAdmin).get(`/providers/${GGNET}`).expect(200)).body).toMatchObject({ municipality: DUIVEN, webhookUrl: duivenHook.url, hasWebhookSecret: true });
  });
});
