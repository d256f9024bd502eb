import { Principal, Role, ROLES } from '@casusregie/auth';
import { ApiHarness, startApi } from '../support/api-harness';
import { TRAJECTORY_STEPS } from '../support/trajectory-steps';

/**
 * The access policy of every route, as a table: who may call it. The test checks the table against the routes the
 * server really serves (a route added without an entry fails here) and calls every route as every role: allowed
 * roles get past the door (any answer but a 401, a 403 missing-role or a server error, and nothing logged as
 * unexpected), others get 403 missing-role. A public route is called without a token and with every role's token.
 * A route that loses its @Roles is closed to everyone by the global guard, so its allowed roles fail here too.
 */
const PUBLIC = 'public' as const;
const C: Role[] = ['consultant'];
const S: Role[] = ['supervisor'];
const P: Role[] = ['provider'];
const A: Role[] = ['admin'];

const POLICY: Record<string, Role[] | typeof PUBLIC> = {
  'get /api/v1/health': PUBLIC,
  'get /api/v1/health/live': PUBLIC,
  'get /api/v1/health/ready': PUBLIC,
  'get /metrics': PUBLIC,
  'get /api/v1/openapi.json': PUBLIC,
  'get /api/v1/me': [...ROLES],
  'get /api/v1/me/caseload': C,
  'get /api/v1/me/worklist': C,

  'post /api/v1/households': C,
  'post /api/v1/households/_search': C,
  'get /api/v1/households/:householdId': C,
  'get /api/v1/households/:householdId/events': C,
  'get /api/v1/households/:householdId/trajectories/:trajectoryId': C,
  'post /api/v1/households/:householdId/members': C,
  'post /api/v1/households/:householdId/members/:memberId/departure': C,
  'put /api/v1/households/:householdId/coordinator': C,
  'put /api/v1/households/:householdId/plan': C,
  'post /api/v1/households/:householdId/events/:eventId/corrections': C,
  'post /api/v1/households/:householdId/trajectories': C,
  ...Object.fromEntries(TRAJECTORY_STEPS.map((step) => [`post /api/v1/households/:householdId/trajectories/:trajectoryId/${step}`, C])),

  'get /api/v1/norms': S,
  'get /api/v1/norms/:normId/compliance': S,
  'get /api/v1/norms/:normId/items': S,
  'get /api/v1/waiting-times': S,
  'get /api/v1/caseload': S,
  'get /api/v1/waakvlam/due': S,
  'get /api/v1/figures': S,
  'get /api/v1/figures/:figureId': S,

  'get /api/v1/provider/referrals': P,
  'get /api/v1/provider/referrals/:referralId': P,
  'post /api/v1/provider/referrals/:referralId/acceptance': P,
  'post /api/v1/provider/referrals/:referralId/decline': P,
  'post /api/v1/provider/referrals/:referralId/care-start': P,
  'post /api/v1/provider/referrals/:referralId/care-end': P,

  'get /api/v1/processing-log': ['auditor'],
  'get /api/v1/processing-activities': ['auditor', 'admin'],

  'get /api/v1/notifications/failed': A,
  'post /api/v1/notifications/:id/redelivery': A,
  'get /api/v1/projections/parked-events': ['operator'],
  'post /api/v1/projections/parked-events/retry': ['operator'],

  'post /api/v1/providers': A,
  'get /api/v1/providers': A,
  'get /api/v1/providers/:agbCode': A,
  'patch /api/v1/providers/:agbCode': A,
  'delete /api/v1/providers/:agbCode': A,
  'get /api/v1/norm-settings': A,
  'post /api/v1/norm-settings/:normId/changes': A,
  'post /api/v1/households/:householdId/members/:memberId/erasure': A,
};

const PRINCIPALS: Record<Role, Principal> = {
  consultant: { sub: 'c-1', roles: ['consultant'], team: 'T1', municipality: 'GM0299' },
  supervisor: { sub: 's-1', roles: ['supervisor'], municipality: 'GM0299' },
  provider: { sub: 'p-1', roles: ['provider'], org: '98765432', municipality: 'GM0299' },
  auditor: { sub: 'a-1', roles: ['auditor'], municipality: 'GM0299' },
  admin: { sub: 'x-1', roles: ['admin'], municipality: 'GM0299' },
  operator: { sub: 'o-1', roles: ['operator'], municipality: 'GM0299' },
};

const PARAMS: Record<string, string> = { agbCode: '98765432', normId: 'pip-leerroute-2m' };
const concrete = (path: string) => path.replace(/:(\w+)/g, (_, name: string) => PARAMS[name] ?? '0b7d1d2e-3f4a-4b5c-8d6e-7f8091a2b3c4');

describe('route × role access policy', () => {
  let api: ApiHarness;
  let served: string[];

  beforeAll(async () => {
    api = await startApi('postgres');
    const instance = api.app.getHttpAdapter().getInstance();
    const stack = (instance.router ?? instance._router).stack as { route?: { path: string; methods: Record<string, boolean> } }[];
    served = stack
      .flatMap((layer) => (layer.route ? Object.keys(layer.route.methods).map((method) => `${method} ${layer.route?.path}`) : []))
      // Swagger UI's static files belong to the public documentation.
      .filter((route) => !route.startsWith('get /api/v1/docs'));
  });
  afterAll(async () => {
    // Closed first: a failed expectation must not leave the app running.
    await api.close();
    expect(api.serverErrors).toEqual([]);
  });

  it('has a policy for every route the server serves, and no policy for a route it does not serve', () => {
    expect([...served].sort()).toEqual(Object.keys(POLICY).sort());
  });

  type Case = [route: string, role: Role | 'anyone', allowed: boolean];
  const cases: Case[] = Object.entries(POLICY).flatMap(([route, allowed]): Case[] =>
    allowed === PUBLIC
      ? [[route, 'anyone', true], ...ROLES.map((role): Case => [route, role, true])]
      : ROLES.map((role): Case => [route, role, allowed.includes(role)]),
  );

  it.each(cases)('%s as %s: allowed=%s', async (route, role, allowed) => {
    const [method, path] = route.split(' ');
    let call = (api.http() as unknown as Record<string, (url: string) => ReturnType<ReturnType<ApiHarness['http']>['get']>>)[method](concrete(path));
    if (role !== 'anyone') call = call.set('Authorization', api.bearer(PRINCIPALS[role as Role]));
    const loggedBefore = api.serverErrors.length;
    const response = await (method === 'get' ? call : call.send({}));
    if (allowed) {
      // Past the door: whatever the answer (400, 404, 200 …), it is not the policy's 403, nor a 401, nor a server error.
      const answer = { route, role, status: response.status, code: response.body?.code };
      expect(answer).not.toMatchObject({ status: 403, code: 'missing-role' });
      expect(answer).not.toMatchObject({ status: 403, code: 'no-access-policy' });
      expect(answer).not.toMatchObject({ status: 401 });
      expect({ ...answer, serverError: response.status >= 500 }).toEqual({ ...answer, serverError: false });
      expect({ route, role, serverErrors: api.serverErrors.slice(loggedBefore) }).toEqual({ route, role, serverErrors: [] });
    } else {
      expect({ route, role, status: response.status, code: response.body?.code }).toEqual({ route, role, status: 403, code: 'missing-role' });
    }
  });
});
