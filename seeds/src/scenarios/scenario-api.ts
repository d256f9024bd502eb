import { AddressInfo } from 'node:net';
import { INestApplication } from '@nestjs/common';
import { Principal } from '@casusregie/auth';

/** One request to the API (below /api/v1) made by one professional. */
export interface ApiCall {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  principal: Principal;
  body?: object;
}

export interface ApiAnswer {
  status: number;
  // The API's JSON; the scenarios read the few ids they need from it.
  body: Record<string, unknown>;
}

/**
 * How the scenarios reach the API: the seed CLI over HTTP to the API it runs in-process, the e2e tests through
 * their own harness. Either way every step goes through the real routes, guards and command path.
 */
export type ScenarioApi = (call: ApiCall) => Promise<ApiAnswer>;

/** A ScenarioApi over HTTP (Node's fetch) to a running API, with a bearer token for each professional. */
export function httpScenarioApi(baseUrl: string, bearer: (principal: Principal) => string): ScenarioApi {
  return async ({ method, path, principal, body }) => {
    const response = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: { Authorization: bearer(principal), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text.length > 0 ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };
}

/** Makes the call and fails unless it answers `status`: a scenario is a list of steps that must all succeed. */
export async function expectStatus(api: ScenarioApi, call: ApiCall, status: number): Promise<Record<string, unknown>> {
  const answer = await api(call);
  if (answer.status !== status) {
    throw new Error(`${call.method} ${call.path}: expected ${status}, got ${answer.status}: ${JSON.stringify(answer.body)}`);
  }
  return answer.body;
}

/** The scenarios' way into an API application: it listens on a free local port (if it did not yet), over HTTP. */
export async function listeningScenarioApi(app: INestApplication, bearer: (principal: Principal) => string): Promise<ScenarioApi> {
  if (!app.getHttpServer().listening) await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return httpScenarioApi(`http://127.0.0.1:${port}`, bearer);
}
