import { Principal } from '@casusregie/auth';
import { BullNotificationWorker, NotificationDeliveryStore, WebhookSender } from '@casusregie/notifications';
import { ProjectionRunner } from '@casusregie/projections';
import { ProviderRegistry } from '@casusregie/providers';
import { BullProjectionWorkers } from '@casusregie/queue';
import { allProjections } from '@casusregie/runtime';
import { createTestRedis, deliveriesOfReferral, TestRedis, waitFor } from '@casusregie/test-support';
import { householdWithTrajectory, refer } from '../../../../test/notifications/support/referral-scenario';
import { deliveriesMovedOnTwice } from '../../../../test/notifications/support/deliveries-moved-on';
import { WebhookReceiver } from '../../../../test/notifications/support/webhook-receiver';
import { ApiHarness, consultant, startApi } from '../support/api-harness';

// Until ApiModule imports NotificationsModule (see the shim).

/** An admin of Zevenaar, the municipality of the scenario's household: dead letters are per municipality. */
const admin: Principal = { sub: 'functioneel-beheerder', roles: ['admin'], municipality: 'GM0299' };

type Mode = 'redis' | 'embedded';

/**
 * The dead letters of provider notifications, over HTTP: a webhook that keeps failing leaves a failed delivery that
 * GET /notifications/failed lists; once the webhook works again, POST /notifications/{id}/redelivery sends it, and
 * it leaves the list. With Redis (PostgreSQL, BullMQ workers as the projector runs them) and embedded (PGlite, the
 * API delivers in-process).
 */
describe.each<Mode>(['redis', 'embedded'])('failed notifications and redelivery (%s)', (mode) => {
  let api: ApiHarness;
  let registry: ProviderRegistry;
  let deliveries: NotificationDeliveryStore;
  let projections: BullProjectionWorkers | undefined;
  let worker: BullNotificationWorker | undefined;
  /** A key prefix of this file's own, so no other test's jobs reach these workers. */
  let redis: TestRedis | undefined;
  const receivers: WebhookReceiver[] = [];
  const savedEnv = { ...process.env };
  let agbSequence = mode === 'redis' ? 40_000_000 : 50_000_000;

  const http = () => api.http();
  const asAdmin = (path: string) => http().get(`/api/v1${path}`).set('Authorization', api.bearer(admin));
  const redeliver = (id: string, principal: Principal = admin) =>
    http().post(`/api/v1/notifications/${id}/redelivery`).set('Authorization', api.bearer(principal));

  async function failingProvider() {
    const receiver = await new WebhookReceiver().start();
    receiver.respond = () => 503;
    receivers.push(receiver);
    const agbCode = String(++agbSequence);
    await registry.register(
      { agbCode, name: 'Zorgaanbieder', municipality: 'GM0299', productCategories: [], webhookUrl: receiver.url, webhookSecret: 's3cret' },
      'test-admin',
    );
    return { agbCode, receiver };
  }

  /** Makes a referral to the provider and waits until its notification is a dead letter; returns its delivery id. */
  async function deadLetterFor(agbCode: string): Promise<string> {
    const { client, householdId, trajectoryId } = await householdWithTrajectory(api);
    const referralId = await refer(client, householdId, trajectoryId, agbCode);
    let id: string | undefined;
    await waitFor(
      async () => {
        const rows = await deliveriesOfReferral(api.storage.readModels, referralId);
        id = rows[0]?.id;
        return rows[0]?.status === 'failed';
      },
      30_000,
      'the delivery given up',
    );
    return id as string;
  }

  beforeAll(async () => {
    Object.assign(process.env, { NOTIFICATIONS_BACKOFF_MS: '50', NOTIFICATIONS_SWEEP_MS: '100', NOTIFICATIONS_MAX_ATTEMPTS: '3' });
    if (mode === 'redis') {
      redis = createTestRedis();
      api = await startApi('postgres', '2026-11-23', redis.env);
      registry = new ProviderRegistry(api.storage.readModels, api.storage.masterKey);
      await registry.prepare();
      deliveries = new NotificationDeliveryStore(api.storage.readModels);
      projections = new BullProjectionWorkers(redis, new ProjectionRunner(api.storage.readModels, api.storage.eventStore), allProjections(api.storage), {
        sweepMs: 200,
      });
      await projections.start();
      worker = new BullNotificationWorker(redis, deliveries, new WebhookSender(registry, 'http://localhost:3000'), { timeoutMs: 2000 });
      worker.start();
    } else {
      api = await startApi('pglite');
      registry = new ProviderRegistry(api.storage.readModels, api.storage.masterKey);
      await registry.prepare();
      deliveries = new NotificationDeliveryStore(api.storage.readModels);
    }
  });
  afterAll(async () => {
    await worker?.close();
    await projections?.close();
    await api?.close();
    await Promise.all(receivers.map((receiver) => receiver.close()));
    await redis?.remove();
    process.env = savedEnv;
    // Checked last: a failed check must not leave servers open behind it.
    expect(api.serverErrors).toEqual([]);
  });

  it('lists the dead letters for admins, and redelivers one once the webhook works again', async () => {
    const { agbCode, receiver } = await failingProvider();
    const id = await deadLetterFor(agbCode);
    expect(receiver.received).toHaveLength(3);

    const { body: list } = await asAdmin('/notifications/failed').expect(200);
    const item = list.deliveries.find((d: { id: string }) => d.id === id);
    expect(item).toEqual({
      id,
      agbCode,
      eventId: expect.any(String),
      referralId: expect.any(String),
      kanaal: 'verwijzingen',
      resource: 'verwijzing',
      actie: 'create',
      attempts: 3,
      redeliveries: 0,
      lastError: 'HTTP 503',
      createdAt: expect.any(String),
      failedAt: expect.any(String),
    });
    expect(id).toBe(`${item.eventId}-${item.referralId}`);

    receiver.respond = () => 204;
    const { body: accepted } = await redeliver(id).expect(202);
    expect(accepted).toEqual({ id, status: 'pending', redeliveries: 1 });
    await waitFor(async () => (await deliveries.get(id))?.status === 'delivered', 30_000, 'the redelivery delivered');
    await deliveriesMovedOnTwice(api, registry);

    expect(receiver.received.map((r) => r.status)).toEqual([503, 503, 503, 204]);
    expect(receiver.acknowledged).toHaveLength(1);
    // The same delivery id as the failed attempts: a receiver that did see one of them can tell.
    expect(receiver.acknowledged[0].headers['webhook-id']).toBe(id);
    expect(await deliveries.get(id)).toMatchObject({ status: 'delivered', attempts: 1, redeliveries: 1, lastError: null });
    const { body: after } = await asAdmin('/notifications/failed').expect(200);
    expect(after.deliveries.map((d: { id: string }) => d.id)).not.toContain(id);

    // Delivered now: nothing to redeliver.
    const conflict = await redeliver(id).expect(409);
    expect(conflict.body).toMatchObject({ status: 409, code: 'notification-not-failed' });
  });

  it('pages through the dead letters', async () => {
    const { agbCode } = await failingProvider();
    const first = await deadLetterFor(agbCode);
    const second = await deadLetterFor(agbCode);
    const all = (await asAdmin('/notifications/failed?limit=500').expect(200)).body.deliveries.map((d: { id: string }) => d.id);
    expect(all.indexOf(first)).toBeLessThan(all.indexOf(second));

    const ids: string[] = [];
    let after: string | null = null;
    do {
      const page: { body: { deliveries: { id: string }[]; next: string | null } } = await asAdmin(
        `/notifications/failed?limit=1${after === null ? '' : `&after=${after}`}`,
      ).expect(200);
      expect(page.body.deliveries.length).toBeLessThanOrEqual(1);
      ids.push(...page.body.deliveries.map((d) => d.id));
      after = page.body.next;
    } while (after !== null);
    expect(ids).toEqual(all);
  });

  it('is for admins only, and answers 404 for an unknown id and 400 for a bad page size', async () => {
    await http().get('/api/v1/notifications/failed').expect(401);
    await http().get('/api/v1/notifications/failed').set('Authorization', api.bearer(consultant)).expect(403);
    await redeliver('00000000-0000-4000-8000-000000000000-00000000-0000-4000-8000-000000000000', consultant).expect(403);

    const missing = await redeliver('00000000-0000-4000-8000-000000000000-00000000-0000-4000-8000-000000000000').expect(404);
    expect(missing.body).toMatchObject({ status: 404, code: 'notification-not-found' });
    await redeliver('not%20an%20id').expect(404);
    const invalid = await asAdmin('/notifications/failed?limit=0').expect(400);
    expect(invalid.body.invalidParams).toEqual([expect.objectContaining({ name: 'limit' })]);
  });

  it('is described in the OpenAPI document', async () => {
    const { body } = await http().get('/api/v1/openapi.json').expect(200);
    const list = body.paths['/notifications/failed'].get;
    const redelivery = body.paths['/notifications/{id}/redelivery'].post;
    expect(list.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/FailedNotificationsResponse' });
    expect(redelivery.responses['202'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/RedeliveryResponse' });
    for (const status of ['401', '403', '404', '409']) expect(redelivery.responses[status].content['application/problem+json']).toBeDefined();
  });
});
