import { JwtService } from '@nestjs/jwt';
import { Principal } from '@casusregie/auth';
import { verifyNotification } from '@casusregie/notifications';
import { deliveriesOfReferral, waitFor } from '@casusregie/test-support';
import { householdWithTrajectory, refer } from '../../../../test/notifications/support/referral-scenario';
import { WebhookReceiver } from '../../../../test/notifications/support/webhook-receiver';
import { ApiHarness, startApi } from '../support/api-harness';

const admin: Principal = { sub: 'functioneel-beheerder', roles: ['admin'], municipality: 'GM0299' };
const PUBLIC_BASE_URL = 'https://casusregie.zevenaar.test';
const AUTH = 'Bearer zgw-abonnement-token-of-the-provider-42';
const SECRET = `whsec_${Buffer.from('a key of twenty-four or more bytes').toString('base64')}`;

/**
 * ZGW-compatible notifications through the API, delivered in-process (no Redis; on PostgreSQL, which starts faster
 * in a test than PGlite and delivers the same way): the webhook's `auth`
 * value is validated, stored sealed, never shown, and sent as the Authorization header; the notification's URLs are
 * absolute under PUBLIC_BASE_URL. And in NRC mode the notification goes to the Open Notificaties instead.
 */
describe('ZGW-compatible notifications (in-process delivery)', () => {
  const receivers: WebhookReceiver[] = [];
  const savedEnv = { ...process.env };
  let agbSequence = 60_000_000;

  const receiver = async () => {
    const started = await new WebhookReceiver().start();
    receivers.push(started);
    return started;
  };
  const delivered = (api: ApiHarness, referralId: string) => async () => (await deliveriesOfReferral(api.storage.readModels, referralId))[0]?.status === 'delivered';

  beforeAll(() => {
    Object.assign(process.env, { NOTIFICATIONS_BACKOFF_MS: '50', NOTIFICATIONS_SWEEP_MS: '100', NOTIFICATIONS_MAX_ATTEMPTS: '3' });
  });
  afterAll(async () => {
    await Promise.all(receivers.map((r) => r.close()));
    process.env = savedEnv;
  });

  describe('direct webhooks with an auth value', () => {
    let api: ApiHarness;
    const as = (principal: Principal) => ({
      get: (path: string) => api.http().get(`/api/v1${path}`).set('Authorization', api.bearer(principal)),
      post: (path: string, body: object) => api.http().post(`/api/v1${path}`).set('Authorization', api.bearer(principal)).send(body),
      patch: (path: string, body: object) => api.http().patch(`/api/v1${path}`).set('Authorization', api.bearer(principal)).send(body),
    });

    beforeAll(async () => {
      api = await startApi('postgres', '2026-11-23', { PUBLIC_BASE_URL });
    });
    afterAll(async () => {
      await api?.close();
      expect(api.serverErrors).toEqual([]);
    });

    it.each([
      ['a CR/LF (header injection)', { webhookAuth: 'Bearer x\r\nX-Injected: yes' }],
      ['a tab and a control character', { webhookAuth: 'Bearer\tx\u0007' }],
      ['non-ASCII', { webhookAuth: 'Bearer tökén' }],
      ['an empty value', { webhookAuth: '' }],
      ['more than 1000 characters', { webhookAuth: `Bearer ${'x'.repeat(1000)}` }],
      ['a number', { webhookAuth: 42 }],
      ['a whsec_ secret that is not base64 of 24 to 64 bytes', { webhookSecret: 'whsec_dGhpcyBpcyBmYXIgdG9vIHNob3J0ISE=-and-then-some' }],
    ])('refuses %s with a 400 problem naming the field, never the value', async (_, fields) => {
      const response = await as(admin).post('/providers', { agbCode: String(++agbSequence), name: 'Zorg', productCategories: ['lichtere-zorg'], webhookUrl: 'https://x.nl/hook', ...fields });
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      const [name] = Object.keys(fields);
      expect(response.body.invalidParams).toEqual(expect.arrayContaining([expect.objectContaining({ name })]));
      const value = String(Object.values(fields)[0]);
      if (value.length > 3) expect(JSON.stringify(response.body)).not.toContain(value.slice(7, 30));
      // Nor on a change of an existing contract.
      expect((await as(admin).patch(`/providers/${agbSequence}`, fields)).status).toBe(400);
    });

    it('stores the auth value sealed, answers only whether it is set, and sends it verbatim as Authorization', async () => {
      const hook = await receiver();
      const agbCode = String(++agbSequence);
      const created = await as(admin)
        .post('/providers', { agbCode, name: 'GGNet', productCategories: ['lichtere-zorg'], webhookUrl: hook.url, webhookSecret: SECRET, webhookAuth: AUTH })
        .expect(201);
      const answers = [created, await as(admin).get(`/providers/${agbCode}`).expect(200), await as(admin).get('/providers').expect(200)];
      expect(created.body).toMatchObject({ hasWebhookAuth: true, hasWebhookSecret: true });
      for (const answer of answers) {
        expect(answer.text).not.toContain('zgw-abonnement-token');
        expect(answer.text).not.toContain('webhookAuth');
      }
      const { rows } = await api.storage.readModels.query<{ webhook_auth: string }>('SELECT webhook_auth FROM provider_contracts WHERE agb_code = $1', [agbCode]);
      expect(rows[0].webhook_auth).toMatch(/^sb1:/);

      const { client, householdId, trajectoryId } = await householdWithTrajectory(api);
      const referralId = await refer(client, householdId, trajectoryId, agbCode);
      await waitFor(delivered(api, referralId), 30_000, 'the notification delivered');
      const [{ headers, body }] = hook.received;
      expect(headers.authorization).toBe(AUTH);
      const notification = verifyNotification(body, headers, SECRET);
      expect(notification.hoofdObject).toBe(`${PUBLIC_BASE_URL}/api/v1/provider/referrals/${referralId}`);
      expect(notification.resourceUrl).toBe(notification.hoofdObject);
      const { rows: outbox } = await api.storage.readModels.query<{ row: string }>('SELECT d::text AS row FROM notification_deliveries d');
      expect(outbox.map((r) => r.row).join('\n')).not.toContain('zgw-abonnement-token');

      // null removes it; the next notification comes without an Authorization header.
      expect((await as(admin).patch(`/providers/${agbCode}`, { webhookAuth: null }).expect(200)).body).toMatchObject({ hasWebhookAuth: false });
      const second = await refer(client, householdId, trajectoryId, agbCode);
      await waitFor(delivered(api, second), 30_000, 'the second notification delivered');
      expect(hook.received[1].headers.authorization).toBeUndefined();
    });
  });

  describe('NRC mode (NOTIFICATIONS_NRC_URL)', () => {
    let api: ApiHarness;
    let nrc: WebhookReceiver;

    beforeAll(async () => {
      nrc = await receiver();
      nrc.respond = () => 201;
      api = await startApi('postgres', '2026-11-23', {
        PUBLIC_BASE_URL,
        NOTIFICATIONS_NRC_URL: nrc.url.replace(/\/notificaties$/, '/'),
        NOTIFICATIONS_NRC_CLIENT_ID: 'casusregie-gm0299',
        NOTIFICATIONS_NRC_SECRET: 'the-nrc-secret-of-casusregie',
      });
    });
    afterAll(async () => {
      await api?.close();
      expect(api.serverErrors).toEqual([]);
    });

    it('publishes each notification once to <NRC>/notificaties with a ZGW JWT, instead of to the webhook', async () => {
      const hook = await receiver();
      const agbCode = String(++agbSequence);
      await api
        .http()
        .post('/api/v1/providers')
        .set('Authorization', api.bearer(admin))
        .send({ agbCode, name: 'GGNet', productCategories: ['lichtere-zorg'], webhookUrl: hook.url, webhookSecret: SECRET, webhookAuth: AUTH })
        .expect(201);
      const { client, householdId, trajectoryId } = await householdWithTrajectory(api);
      const referralId = await refer(client, householdId, trajectoryId, agbCode);
      await waitFor(delivered(api, referralId), 30_000, 'the notification published');

      const published = nrc.received.filter((r) => JSON.parse(r.body).kenmerken.zorgaanbieder === agbCode);
      expect(published).toHaveLength(1);
      const [{ method, path, headers, body }] = published;
      expect(`${method} ${path}`).toBe('POST /casusregie/notificaties');
      const url = `${PUBLIC_BASE_URL}/api/v1/provider/referrals/${referralId}`;
      expect(JSON.parse(body)).toMatchObject({ kanaal: 'verwijzingen', hoofdObject: url, resource: 'verwijzing', resourceUrl: url, actie: 'create' });
      const token = (headers.authorization ?? '').replace(/^Bearer /, '');
      expect(new JwtService().verify(token, { secret: 'the-nrc-secret-of-casusregie', algorithms: ['HS256'] })).toMatchObject({ client_id: 'casusregie-gm0299' });
      // The webhook's own auth goes nowhere in NRC mode: the NRC sends its abonnementen's.
      expect(JSON.stringify(published)).not.toContain('zgw-abonnement-token');
      expect(hook.received).toEqual([]);
    });
  });
});
