import { JwtService } from '@nestjs/jwt';
import { NrcSettings } from '@casusregie/config';
import { WebhookReceiver } from '../../../test/notifications/support/webhook-receiver';
import { SAMPLE_REFERRAL_ID, sampleDelivery } from '../../../test/notifications/support/sample-delivery';
import { NrcSender } from './nrc-sender';

/** NRC mode against a fake Open Notificaties: a real HTTP server on 127.0.0.1 that records what is published. */
describe('publishing to an Open Notificaties (NrcSender)', () => {
  let nrc: WebhookReceiver;
  /** The Notificaties API root as an operator configures it (the receiver's URL ends in /casusregie/notificaties). */
  let root: string;
  const options = { timeoutMs: 2000 };
  const referralId = SAMPLE_REFERRAL_ID;
  const { payload, delivery } = sampleDelivery();
  const zgw: NrcSettings['auth'] = { kind: 'zgw-jwt', clientId: 'casusregie-gm0299', secret: 'nrc-client-secret-for-casusregie' };
  /** Zevenaar contracts the provider of the delivery; no other municipality contracts anyone. */
  const contracted = { get: async (agbCode: string, municipality: string) => (agbCode === '22334455' && municipality === 'GM0299' ? {} : undefined) };

  beforeEach(async () => {
    nrc = await new WebhookReceiver().start();
    root = nrc.url.replace(/\/notificaties$/, '');
  });
  afterEach(async () => nrc.close());

  it('POSTs the notificatie to <NRC>/notificaties once, absolute URLs, with a ZGW JWT of the client id and secret', async () => {
    nrc.respond = () => 201;
    const sender = new NrcSender({ url: root, auth: zgw }, 'https://casusregie.gemeente.nl', contracted);
    expect(await sender.send(delivery, options)).toEqual({ kind: 'delivered', status: 201 });

    expect(nrc.received).toHaveLength(1);
    const [{ headers, body, method, path }] = nrc.received;
    expect(`${method} ${path}`).toBe('POST /casusregie/notificaties');
    const url = `https://casusregie.gemeente.nl/api/v1/provider/referrals/${referralId}`;
    // The Notificaties API's Message: kanaal, hoofdObject, resource, resourceUrl, actie, aanmaakdatum, kenmerken (strings).
    expect(JSON.parse(body)).toEqual({
      kanaal: 'verwijzingen',
      hoofdObject: url,
      resource: 'verwijzing',
      resourceUrl: url,
      actie: 'create',
      aanmaakdatum: '2026-05-15T09:30:00.000Z',
      kenmerken: { gemeente: 'GM0299', categorie: 'maatwerk', zorgaanbieder: '22334455', eventId: payload.kenmerken.eventId },
    });
    expect(headers['content-type']).toBe('application/json');
    const token = /^Bearer (.+)$/.exec(headers.authorization ?? '')?.[1] ?? '';
    // As Open Notificaties checks it: HS256 under the shared secret, issuer and client_id the client id, issued now.
    const claims = new JwtService().verify<Record<string, unknown>>(token, { secret: zgw.secret, algorithms: ['HS256'] });
    expect(claims).toMatchObject({ iss: 'casusregie-gm0299', client_id: 'casusregie-gm0299', user_id: 'casusregie', user_representation: 'casusregie' });
    expect(Math.abs((claims.iat as number) - Date.now() / 1000)).toBeLessThan(120);
    expect(() => new JwtService().verify(token, { secret: 'another-secret-another-secret-xx', algorithms: ['HS256'] })).toThrow();
    // The NRC authenticates to the subscribers; our webhook signature is not part of NRC mode.
    expect(headers['webhook-signature']).toBeUndefined();
  });

  it('publishes nothing about a provider the municipality no longer contracts, as the webhooks stop', async () => {
    const sender = new NrcSender({ url: root, auth: zgw }, 'https://casusregie.gemeente.nl', { get: async () => undefined });
    expect(await sender.send(delivery, options)).toEqual({ kind: 'skipped', reason: 'provider not contracted by the municipality' });
    expect(nrc.received).toHaveLength(0);
  });

  it('sends a fixed Authorization value when one is configured instead', async () => {
    const sender = new NrcSender({ url: root, auth: { kind: 'authorization', value: 'Token gateway-key-1' } }, 'https://casusregie.gemeente.nl', contracted);
    expect(await sender.send(delivery, options)).toMatchObject({ kind: 'delivered' });
    expect(nrc.received[0].headers.authorization).toBe('Token gateway-key-1');
  });

  it('fails an attempt the NRC refuses, naming only the refused fields (an unregistered kanaal) or the status', async () => {
    const sender = new NrcSender({ url: root, auth: zgw }, 'https://casusregie.gemeente.nl', contracted);
    nrc.respond = () => 400;
    nrc.answer = () => ({
      contentType: 'application/problem+json',
      body: JSON.stringify({ code: 'invalid', title: 'Invalid input.', invalidParams: [{ name: 'kanaal', code: 'message_kanaal', reason: 'Kanaal met deze naam bestaat niet.' }] }),
    });
    expect(await sender.send(delivery, options)).toEqual({ kind: 'failed', reason: 'HTTP 400 (kanaal)' });
    nrc.answer = undefined;
    nrc.respond = () => 403;
    expect(await sender.send(delivery, options)).toEqual({ kind: 'failed', reason: 'HTTP 403' });
  });
});
