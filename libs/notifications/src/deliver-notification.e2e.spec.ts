import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { backoffDelay, deliverNotification, WebhookDirectory, WebhookSender } from './deliver-notification';
import { legacySignature } from './notification-signature';
import { DeliveryFailedError } from './notification-sender';
import { notificationBody } from './provider-notification';
import { sampleDelivery } from '../../../test/notifications/support/sample-delivery';
import { verifyNotification } from './verify-notification';

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

describe('delivering one notification over HTTP', () => {
  let server: Server;
  let url: string;
  let received: Received[];
  let answer: (res: ServerResponse) => void;

  const { payload, delivery } = sampleDelivery();
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        answer(res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/casusregie`;
  });
  beforeEach(() => {
    received = [];
    answer = (res) => res.writeHead(204).end();
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('POSTs the body signed as Standard Webhooks, with the delivery id as webhook-id and the event id', async () => {
    await expect(deliverNotification(delivery, { url, secret }, { timeoutMs: 2000 })).resolves.toEqual({ status: 204 });
    expect(received).toHaveLength(1);
    const [{ headers, body }] = received;
    expect(body).toBe(notificationBody(payload));
    expect(headers['content-type']).toBe('application/json');
    expect(headers['webhook-id']).toBe('d-1');
    expect(headers['x-casusregie-event']).toBe(payload.kenmerken.eventId);
    expect(verifyNotification(body, headers, secret)).toEqual(JSON.parse(body));
    expect(() => verifyNotification(body, headers, 'whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).toThrow(/bad-signature/);
    // Without an auth value, no Authorization header at all.
    expect(headers.authorization).toBeUndefined();
    // For this version the old header too, for receivers still checking it.
    expect(headers['x-casusregie-signature']).toBe(legacySignature(body, secret));
    expect(headers['x-casusregie-delivery']).toBe('d-1');
  });

  it("sends the subscription's auth value verbatim as the Authorization header, as a ZGW receiver expects", async () => {
    await deliverNotification(delivery, { url, secret, auth: 'Bearer zgw-abonnement-token 123' }, { timeoutMs: 2000 });
    expect(received[0].headers.authorization).toBe('Bearer zgw-abonnement-token 123');
    // A receiver with an auth value and no secret gets it unsigned: the Authorization header is its check.
    await deliverNotification(delivery, { url, secret: null, auth: 'Token abc' }, { timeoutMs: 2000 });
    expect(received[1].headers.authorization).toBe('Token abc');
    expect(received[1].headers['webhook-signature']).toBeUndefined();
    // Still with the delivery's id and moment, by which the receiver drops a repeat.
    expect(received[1].headers['webhook-id']).toBe(delivery.id);
    expect(received[1].headers['webhook-timestamp']).toMatch(/^\d{10}$/);
  });

  it('fails on a non-2xx answer, naming only the status', async () => {
    answer = (res) => res.writeHead(500, { 'Content-Type': 'text/plain' }).end('stack trace with secrets');
    const attempt = deliverNotification(delivery, { url, secret }, { timeoutMs: 2000 });
    await expect(attempt).rejects.toThrow(DeliveryFailedError);
    await expect(attempt).rejects.toThrow(/^HTTP 500$/);
  });

  it('does not follow a redirect', async () => {
    answer = (res) => res.writeHead(302, { Location: 'http://127.0.0.1:1/elsewhere' }).end();
    await expect(deliverNotification(delivery, { url, secret }, { timeoutMs: 2000 })).rejects.toThrow(/^HTTP 302$/);
    expect(received).toHaveLength(1);
  });

  it('gives up on an answer that takes longer than the timeout', async () => {
    answer = (res) => setTimeout(() => res.writeHead(200).end(), 1500).unref();
    await expect(deliverNotification(delivery, { url, secret }, { timeoutMs: 200 })).rejects.toThrow(/^no answer within 200 ms$/);
  });

  it('reports a refused connection by its code, without the URL', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(deliverNotification(delivery, { url: `http://127.0.0.1:${port}/x?token=abc`, secret }, { timeoutMs: 2000 })).rejects.toThrow(
      /^connection failed \(ECONNREFUSED\)$/,
    );
  });

  describe('WebhookSender', () => {
    const options = { timeoutMs: 2000 };
    const attemptDelivery = (d: typeof delivery, webhooks: WebhookDirectory, o: typeof options) =>
      new WebhookSender(webhooks, 'https://casusregie.gemeente.nl').send(d, o);

    it('delivers through the webhook of the referral’s municipality’s contract with the provider', async () => {
      const asked: string[][] = [];
      const webhookOf = async (...key: string[]) => {
        asked.push(key);
        return { url, secret };
      };
      const outcome = await attemptDelivery(delivery, { webhookOf }, options);
      expect(outcome).toEqual({ kind: 'delivered', status: 204 });
      expect(asked).toEqual([['22334455', 'GM0299']]);
      // The stored paths go out absolute, under the public base URL.
      const sent = JSON.parse(received[0].body);
      const absolute = 'https://casusregie.gemeente.nl/api/v1/provider/referrals/a9e4c1f0-1111-4222-8333-944455556666';
      expect(sent).toMatchObject({ hoofdObject: absolute, resourceUrl: absolute });
      expect(verifyNotification(received[0].body, received[0].headers, secret)).toMatchObject({ hoofdObject: absolute });
    });

    it('skips a provider without a webhook, and cannot send to a webhook with neither secret nor auth, or with a strange URL', async () => {
      expect(await attemptDelivery(delivery, { webhookOf: async () => undefined }, options)).toMatchObject({ kind: 'skipped' });
      expect(await attemptDelivery(delivery, { webhookOf: async () => ({ url, secret: null, auth: null }) }, options)).toEqual({
        kind: 'unsendable',
        reason: 'webhook has neither a secret nor an auth value',
      });
      expect(await attemptDelivery(delivery, { webhookOf: async () => ({ url: 'ftp://x/y', secret }) }, options)).toMatchObject({
        kind: 'unsendable',
      });
      expect(received).toHaveLength(0);
    });

    it('counts a failed lookup or POST as a failed attempt, never throwing', async () => {
      const lookupFailed = await attemptDelivery(delivery, { webhookOf: () => Promise.reject(new Error('db down')) }, options);
      expect(lookupFailed).toEqual({ kind: 'failed', reason: 'webhook lookup failed (Error)' });
      answer = (res) => res.writeHead(503).end();
      expect(await attemptDelivery(delivery, { webhookOf: async () => ({ url, secret }) }, options)).toEqual({ kind: 'failed', reason: 'HTTP 503' });
    });
  });

  it('backs off exponentially from the base delay', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(1000, n))).toEqual([1000, 2000, 4000, 8000]);
  });
});
