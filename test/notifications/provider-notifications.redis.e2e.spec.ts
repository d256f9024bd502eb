import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig } from '@casusregie/config';
import { NotificationDeliveryStore, verifyNotification } from '@casusregie/notifications';
import { ProviderRegistry } from '@casusregie/providers';
import { APP_CONFIG } from '@casusregie/runtime';
import { openStorage } from '@casusregie/storage';
import { createTestRedis, TestRedis, waitFor } from '@casusregie/test-support';
import { ApiHarness, startApi } from '../../apps/api/test/support/api-harness';
import { ProjectorModule } from '../../apps/projector/src/projector.module';
import { householdWithTrajectory, PERSONAL_DATA, refer } from './support/referral-scenario';
import { deliveriesMovedOnTwice } from './support/deliveries-moved-on';
import { allStrings, WebhookReceiver } from './support/webhook-receiver';

// Until ApiModule imports NotificationsModule (see the shim).

/**
 * Provider notifications the production way: PostgreSQL, the API with REDIS_URL (its dispatcher enqueues), the
 * projector's Nest application (BullMQ workers for the projections and for the deliveries, and its own dispatcher)
 * and real HTTP receivers. Backoff is shortened through the environment, as an operator would.
 */
describe('provider notifications over BullMQ (PostgreSQL + Redis + real webhooks)', () => {
  let api: ApiHarness;
  /** A key prefix of this file's own, so no other test's jobs reach these workers. */
  let redis: TestRedis;
  let projector: INestApplicationContext;
  let registry: ProviderRegistry;
  let deliveries: NotificationDeliveryStore;
  const receivers: WebhookReceiver[] = [];
  const savedEnv = { ...process.env };
  let agbSequence = 30_000_000;
  /** Where providers reach the API, as an operator sets it: the notifications' URLs are made from it. */
  const PUBLIC_BASE_URL = 'https://casusregie.gemeente.test/zorg';

  /**
   * A provider with a webhook of its own, registered in the provider registry: a secret as registered before
   * Standard Webhooks (free text) unless told otherwise, and an `auth` value when given.
   */
  async function provider(secret = `secret-${agbSequence}-of-the-provider`, auth?: string) {
    const receiver = await new WebhookReceiver().start();
    receivers.push(receiver);
    const agbCode = String(++agbSequence);
    await registry.register(
      { agbCode, name: 'GGNet', municipality: 'GM0299', productCategories: ['lichtere-zorg'], webhookUrl: receiver.url, webhookSecret: secret, webhookAuth: auth },
      'test-admin',
    );
    return { agbCode, receiver, secret };
  }

  const rowOf = async (referralId: string, actie: string) => {
    const { rows } = await api.storage.readModels.query<{ id: string }>(
      `SELECT id FROM notification_deliveries WHERE referral_id = $1 AND payload->>'actie' = $2`,
      [referralId, actie],
    );
    return rows[0] === undefined ? undefined : deliveries.get(rows[0].id);
  };
  const delivered = (referralId: string, actie: string) => async () => (await rowOf(referralId, actie))?.status === 'delivered';

  beforeAll(async () => {
    redis = createTestRedis();
    Object.assign(process.env, { NOTIFICATIONS_BACKOFF_MS: '50', NOTIFICATIONS_SWEEP_MS: '100', NOTIFICATIONS_MAX_ATTEMPTS: '5' });
    api = await startApi('postgres', '2026-11-23', { ...redis.env, PUBLIC_BASE_URL });
    const db = api.storage.readModels;
    registry = new ProviderRegistry(db, api.storage.masterKey);
    await registry.prepare();
    deliveries = new NotificationDeliveryStore(db);
    // The projector process, as main.ts starts it, on stores of its own.
    const config = api.app.get<AppConfig>(APP_CONFIG);
    projector = await NestFactory.createApplicationContext(ProjectorModule.forRoot({ config, storage: await openStorage(config) }), {
      logger: false,
    });
  });
  afterAll(async () => {
    await projector?.close();
    await api?.close();
    await Promise.all(receivers.map((receiver) => receiver.close()));
    await redis?.remove();
    process.env = savedEnv;
    // Checked last: a failed check must not leave servers open behind it.
    expect(api.serverErrors).toEqual([]);
  });

  it('(a) a referral made through the consultant API reaches the provider once, validly signed, without personal data', async () => {
    const auth = 'Bearer abonnement-token-of-ggnet-0123456789';
    const { agbCode, receiver, secret } = await provider(`whsec_${Buffer.from('the-standard-webhooks-key-of-ggnet').toString('base64')}`, auth);
    const { client, householdId, trajectoryId } = await householdWithTrajectory(api);
    const referralId = await refer(client, householdId, trajectoryId, agbCode);

    await waitFor(delivered(referralId, 'create'), 30_000, 'the referral notification delivered');
    await deliveriesMovedOnTwice(api, registry); // later sweeps and jobs: still once
    expect(receiver.received).toHaveLength(1);

    const [{ headers, body }] = receiver.received;
    // The receiver checks it with the helper we document; the subscription's auth value comes as Authorization.
    const notification = verifyNotification(body, headers, secret);
    expect(() => verifyNotification(body, headers, 'some-other-secret-of-32-characters')).toThrow(/bad-signature/);
    expect(headers.authorization).toBe(auth);
    const row = await rowOf(referralId, 'create');
    expect(headers['webhook-id']).toBe(row?.id);
    expect(headers['x-casusregie-event']).toBe(notification.kenmerken.eventId);
    const url = `${PUBLIC_BASE_URL}/api/v1/provider/referrals/${referralId}`;
    expect(notification).toEqual({
      kanaal: 'verwijzingen',
      hoofdObject: url,
      resource: 'verwijzing',
      resourceUrl: url,
      actie: 'create',
      aanmaakdatum: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      kenmerken: { gemeente: 'GM0299', categorie: 'lichtere-zorg', zorgaanbieder: agbCode, eventId: expect.any(String) },
    });
    const strings = allStrings(notification).join('\n');
    for (const personal of [...PERSONAL_DATA, householdId, trajectoryId]) expect(strings).not.toContain(personal);
    expect(row).toMatchObject({ status: 'delivered', attempts: 1, lastError: null });

    // Replayed later, the same delivery is refused: its signed timestamp is older than the five minutes allowed.
    const realNow = Date.now;
    Date.now = () => realNow() + 6 * 60_000;
    try {
      expect(() => verifyNotification(body, headers, secret)).toThrow(/stale-timestamp/);
    } finally {
      Date.now = realNow;
    }

    // The resource exists: the provider GETs it with its own token (the public base URL's path prefix is the proxy's).
    const asProvider = api.bearer({ sub: 'aanbieder-medewerker', roles: ['provider'], org: agbCode, municipality: 'GM0299' });
    const resourcePath = new URL(notification.resourceUrl).pathname.replace(/^\/zorg/, '');
    // (Its read model is a projection of its own: it may come a moment after the notification.)
    const readable = async () => (await api.http().get(resourcePath).set('Authorization', asProvider)).status === 200;
    await waitFor(readable, 30_000, 'the referral readable by the provider');
    const fetched = await api.http().get(resourcePath).set('Authorization', asProvider).expect(200);
    expect(fetched.body).toMatchObject({ referralId });
    // Another provider's token does not see it.
    await api.http().get(resourcePath).set('Authorization', api.bearer({ sub: 'x', roles: ['provider'], org: '11112222', municipality: 'GM0299' })).expect(404);

    // The provider answers through its API and reports the start of care; the wait shows in the supervisor's figures.
    await api.http().post(`/api/v1/provider/referrals/${referralId}/acceptance`).set('Authorization', asProvider).send({ date: '2026-05-18' }).expect(201);
    await api.http().post(`/api/v1/provider/referrals/${referralId}/care-start`).set('Authorization', asProvider).send({ date: '2026-06-01' }).expect(201);
    const asSupervisor = api.bearer({ sub: 'teamleider', roles: ['supervisor'], municipality: 'GM0299' });
    const waits = async () =>
      (await api.http().get(`/api/v1/waiting-times?stage=acceptance-care-start&groupBy=provider&provider=${agbCode}`).set('Authorization', asSupervisor))
        .body.groups;
    await waitFor(async () => (await waits()).length === 1 && (await waits())[0].count === 1, 30_000, 'the care start projected');
    expect(await waits()).toEqual([{ group: agbCode, count: 1, median: 14, p90: 14, max: 14, open: 0 }]);
  });

  it('(b) a receiver that answers 500 three times gets it on the fourth attempt, acknowledged exactly once', async () => {
    const { agbCode, receiver } = await provider();
    receiver.respond = (attempt) => (attempt <= 3 ? 500 : 200);
    const { client, householdId, trajectoryId } = await householdWithTrajectory(api);
    const referralId = await refer(client, householdId, trajectoryId, agbCode);

    await waitFor(delivered(referralId, 'create'), 30_000, 'the notification delivered after retries');
    await deliveriesMovedOnTwice(api, registry);
    expect(receiver.received.map((r) => r.status)).toEqual([500, 500, 500, 200]);
    expect(receiver.acknowledged).toHaveLength(1);
    // Every attempt was the same delivery with the same bytes: the receiver can drop repeats.
    expect(new Set(receiver.received.map((r) => r.headers['x-casusregie-delivery'])).size).toBe(1);
    expect(new Set(receiver.received.map((r) => r.body)).size).toBe(1);
    expect(await rowOf(referralId, 'create')).toMatchObject({ status: 'delivered', attempts: 4, lastError: null });
  });

  it('(c) a receiver that keeps failing leaves a dead letter after the last attempt', async () => {
    const { agbCode, receiver } = await provider();
    receiver.respond = () => 503;
    const { client, householdId, trajectoryId } = await householdWithTrajectory(api);
    const referralId = await refer(client, householdId, trajectoryId, agbCode);

    await waitFor(async () => (await rowOf(referralId, 'create'))?.status === 'failed', 30_000, 'the delivery given up');
    await deliveriesMovedOnTwice(api, registry);
    expect(receiver.received).toHaveLength(5);
    expect(await rowOf(referralId, 'create')).toMatchObject({ status: 'failed', attempts: 5, lastError: 'HTTP 503' });
  });

  it('(c2) the webhook auth value and secret are nowhere in Redis: not in the job records, kept or failed', async () => {
    const auth = 'Bearer never-in-redis-9f8e7d6c5b4a';
    const secret = 'never-in-redis-either-secret-0123456789';
    const { agbCode, receiver } = await provider(secret, auth);
    receiver.respond = () => 503;
    const { client, householdId, trajectoryId } = await householdWithTrajectory(api);
    const referralId = await refer(client, householdId, trajectoryId, agbCode);
    await waitFor(async () => (await rowOf(referralId, 'create'))?.status === 'failed', 30_000, 'the delivery given up');
    expect(receiver.received.every((r) => r.headers.authorization === auth)).toBe(true);

    const row = await rowOf(referralId, 'create');
    const stored = await redis.text();
    // The failed job is kept (removeOnFail): the check looks at a real job record, not at an empty prefix.
    expect(stored).toContain(row!.id);
    expect(stored).not.toContain('never-in-redis');
    expect(JSON.stringify(row)).not.toContain('never-in-redis');
  });

  it('(d) a withdrawal is a `destroy`, a coordinator change an `update`', async () => {
    const { agbCode, receiver, secret } = await provider();
    const { client, householdId, trajectoryId } = await householdWithTrajectory(api);
    const referralId = await refer(client, householdId, trajectoryId, agbCode);
    await waitFor(delivered(referralId, 'create'), 30_000, 'the create delivered');

    await client.put(`/households/${householdId}/coordinator`, { coordinatorId: 'zvn-consulent-7', name: 'Inburgeringsconsulent Jansen', date: '2026-05-20' });
    await waitFor(delivered(referralId, 'update'), 30_000, 'the coordinator update delivered');

    await client.post(`/households/${householdId}/trajectories/${trajectoryId}/referrals/${referralId}/withdrawal`, {
      date: '2026-05-21',
      reason: 'Gezin kiest andere aanbieder',
    });
    await waitFor(delivered(referralId, 'destroy'), 30_000, 'the destroy delivered');
    await deliveriesMovedOnTwice(api, registry);

    const notifications = receiver.received.map((r) => JSON.parse(r.body));
    expect(notifications.map((n) => `${n.resource}:${n.actie}`)).toEqual(['verwijzing:create', 'casusregisseur:update', 'verwijzing:destroy']);
    for (const n of notifications) expect(n.hoofdObject).toBe(`${PUBLIC_BASE_URL}/api/v1/provider/referrals/${referralId}`);
    // A secret registered before Standard Webhooks (free text) signs as before, now with the timestamp.
    for (const r of receiver.received) expect(verifyNotification(r.body, r.headers, secret)).toEqual(JSON.parse(r.body));
    const strings = notifications.flatMap(allStrings).join('\n');
    for (const personal of PERSONAL_DATA) expect(strings).not.toContain(personal);
    expect(strings).not.toContain('zvn-consulent-7');
  });
});
