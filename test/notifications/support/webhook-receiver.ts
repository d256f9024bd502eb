import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';

export interface ReceivedNotification {
  headers: IncomingHttpHeaders;
  /** The raw body, as the signature covers it. */
  body: string;
  /** What the receiver answered. */
  status: number;
  method: string;
  /** The path and query the request was made to. */
  path: string;
}

/**
 * A provider's webhook endpoint for tests: a real HTTP server on 127.0.0.1 that records every request and answers
 * with the status `respond` returns for it (attempt number counted from 1).
 */
export class WebhookReceiver {
  readonly received: ReceivedNotification[] = [];
  respond: (attempt: number) => number = () => 204;
  /** The body of the answer, when it matters (e.g. a fake NRC's problem+json); a short text otherwise. */
  answer: (() => { contentType: string; body: string }) | undefined;
  private server: Server | undefined;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const status = this.respond(this.received.length + 1);
        this.received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), status, method: req.method ?? '', path: req.url ?? '' });
        const { contentType, body } = this.answer?.() ?? { contentType: 'text/plain', body: status >= 300 ? 'receiver says no' : '' };
        res.writeHead(status, { 'Content-Type': contentType }).end(body);
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/casusregie/notificaties`;
    return this;
  }

  /** Requests answered with 2xx. */
  get acknowledged(): ReceivedNotification[] {
    return this.received.filter((r) => r.status >= 200 && r.status < 300);
  }

  async close(): Promise<void> {
    const server = this.server;
    if (server === undefined) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

/** Every string in a JSON value (keys and values), to look for what must not be there. */
export function allStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => [key, ...allStrings(inner)]);
}
