import { ApiHarness, startApi } from './support/api-harness';

/**
 * The OpenAPI document as a contract integrators generate clients from: every operation named, typed and complete
 * with the answers and headers the server really gives. Checked over the whole document, so a new route that leaves
 * something out fails here.
 */
type Schema = {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  items?: Schema;
  additionalProperties?: boolean | Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  example?: unknown;
};
type Response = { headers?: Record<string, unknown>; content?: Record<string, { schema: Schema; example?: unknown }> };
type Parameter = { name: string; in: string };
type Operation = {
  operationId?: string;
  security?: unknown[];
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, Response>;
};
type Document = {
  servers: { url: string }[];
  info: { contact?: { name?: string }; license?: { name?: string; url?: string } };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; headers: Record<string, unknown> };
};

/**
 * Free-form on purpose, and said so in their description: an event's `data` differs per event type and schema
 * version (a schema per type is still to be written).
 */
const FREE_FORM_ALLOWED = ['HouseholdEventView.data'];

/**
 * GET operations whose answer holds a list but that are not paged, and why: a fixed configuration or register, or a
 * report with one row per group (a year, a team).
 */
const UNPAGED_LISTS: Record<string, string> = {
  listNorms: 'the configured norms of one municipality: a handful',
  listNormSettings: 'the shipped norms of one municipality (a dozen) with their changes',
  listProcessingActivities: 'the register of processing activities: fixed in the code',
  getNormCompliance: 'a report: one row per group',
  getWaitingTimes: 'a report: one row per group',
  listFigures: 'the management figures: fixed in the code, a handful',
  getFigure: 'a report: one row per group and breakdown',
  listParkedEvents: 'an operator’s repair list, empty in normal operation',
  getHousehold: 'one household with its members and trajectories',
  getTrajectory: 'one trajectory',
  getMe: 'the caller',
  getProvider: 'one contract (its list is of product categories)',
  getHealth: 'a health report',
  getReadiness: 'a health report',
};

/**
 * The operationIds clients are generated with (a method name in a typed client): renaming one breaks its
 * integrators, so it is a change of the contract, made here on purpose. (The notification routes are not listed yet:
 * their controller still takes the fallback name.)
 */
const OPERATION_IDS: Record<string, string> = {
  getMe: 'get /me',
  listMyCaseload: 'get /me/caseload',
  listMyWorklist: 'get /me/worklist',
  listFailedNotifications: 'get /notifications/failed',
  redeliverNotification: 'post /notifications/{id}/redelivery',
  getHealth: 'get /health',
  getLiveness: 'get /health/live',
  getReadiness: 'get /health/ready',
  listProcessingLogRecords: 'get /processing-log',
  listProcessingActivities: 'get /processing-activities',
  registerProvider: 'post /providers',
  listProviders: 'get /providers',
  getProvider: 'get /providers/{agbCode}',
  updateProvider: 'patch /providers/{agbCode}',
  endProviderContract: 'delete /providers/{agbCode}',
  registerHousehold: 'post /households',
  searchHouseholds: 'post /households/_search',
  getHousehold: 'get /households/{householdId}',
  getTrajectory: 'get /households/{householdId}/trajectories/{trajectoryId}',
  listHouseholdEvents: 'get /households/{householdId}/events',
  addMember: 'post /households/{householdId}/members',
  recordMemberDeparture: 'post /households/{householdId}/members/{memberId}/departure',
  assignCoordinator: 'put /households/{householdId}/coordinator',
  setPlan: 'put /households/{householdId}/plan',
  correctEvent: 'post /households/{householdId}/events/{eventId}/corrections',
  openTrajectory: 'post /households/{householdId}/trajectories',
  recordIntake: 'post /households/{householdId}/trajectories/{trajectoryId}/intake',
  recordTriage: 'post /households/{householdId}/trajectories/{trajectoryId}/triage',
  recordExploratoryConversation: 'post /households/{householdId}/trajectories/{trajectoryId}/exploratory-conversations',
  makeReferral: 'post /households/{householdId}/trajectories/{trajectoryId}/referrals',
  acceptReferral: 'post /households/{householdId}/trajectories/{trajectoryId}/referrals/{referralId}/acceptance',
  declineReferral: 'post /households/{householdId}/trajectories/{trajectoryId}/referrals/{referralId}/decline',
  withdrawReferral: 'post /households/{householdId}/trajectories/{trajectoryId}/referrals/{referralId}/withdrawal',
  startCare: 'post /households/{householdId}/trajectories/{trajectoryId}/referrals/{referralId}/care-start',
  endCare: 'post /households/{householdId}/trajectories/{trajectoryId}/referrals/{referralId}/care-end',
  changeSupportLevel: 'post /households/{householdId}/trajectories/{trajectoryId}/scale-changes',
  startWaakvlam: 'post /households/{householdId}/trajectories/{trajectoryId}/waakvlam',
  endWaakvlam: 'post /households/{householdId}/trajectories/{trajectoryId}/waakvlam/end',
  recordWaakvlamContact: 'post /households/{householdId}/trajectories/{trajectoryId}/waakvlam/contacts',
  establishPip: 'post /households/{householdId}/trajectories/{trajectoryId}/pip',
  startLearningRoute: 'post /households/{householdId}/trajectories/{trajectoryId}/learning-route',
  closeTrajectory: 'post /households/{householdId}/trajectories/{trajectoryId}/closure',
  restrictTrajectory: 'post /households/{householdId}/trajectories/{trajectoryId}/restriction',
  grantTrajectoryAccess: 'post /households/{householdId}/trajectories/{trajectoryId}/access-grants',
  reopenTrajectory: 'post /households/{householdId}/trajectories/{trajectoryId}/reopening',
  suspendClock: 'post /households/{householdId}/trajectories/{trajectoryId}/clock-suspensions',
  eraseMemberPersonalData: 'post /households/{householdId}/members/{memberId}/erasure',
  listFigures: 'get /figures',
  getFigure: 'get /figures/{figureId}',
  listNorms: 'get /norms',
  getNormCompliance: 'get /norms/{normId}/compliance',
  listNormItems: 'get /norms/{normId}/items',
  getWaitingTimes: 'get /waiting-times',
  listCaseloads: 'get /caseload',
  listWaakvlamContactsDue: 'get /waakvlam/due',
  listProviderReferrals: 'get /provider/referrals',
  getProviderReferral: 'get /provider/referrals/{referralId}',
  acceptProviderReferral: 'post /provider/referrals/{referralId}/acceptance',
  declineProviderReferral: 'post /provider/referrals/{referralId}/decline',
  reportProviderCareStart: 'post /provider/referrals/{referralId}/care-start',
  reportProviderCareEnd: 'post /provider/referrals/{referralId}/care-end',
  listParkedEvents: 'get /projections/parked-events',
  retryParkedEvents: 'post /projections/parked-events/retry',
};

describe('the OpenAPI document as a contract', () => {
  let api: ApiHarness;
  let document: Document;
  let operations: { key: string; method: string; path: string; operation: Operation }[];

  beforeAll(async () => {
    api = await startApi('postgres');
    document = (await api.http().get('/api/v1/openapi.json').expect(200)).body;
    operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ key: `${method} ${path}`, method, path, operation })),
    );
  });
  afterAll(async () => {
    await api.close();
    expect(api.serverErrors).toEqual([]);
  });

  const resolve = (schema: Schema): [Schema, string | undefined] => {
    if (schema.$ref === undefined) return [schema, undefined];
    const name = schema.$ref.replace('#/components/schemas/', '');
    return [document.components.schemas[name], name];
  };

  /** Every schema reachable from `schema` that is an untyped value or an object without any declared shape. */
  function freeForm(schema: Schema, where: string, seen = new Set<string>()): string[] {
    const [resolved, name] = resolve(schema);
    if (name !== undefined) {
      if (seen.has(name)) return [];
      seen.add(name);
      return freeForm(resolved, name, seen);
    }
    const composed = [...(resolved.allOf ?? []), ...(resolved.oneOf ?? []), ...(resolved.anyOf ?? [])];
    const found: string[] = [];
    const typedMap = typeof resolved.additionalProperties === 'object' && Object.keys(resolved.additionalProperties).length > 0;
    if (resolved.type === undefined && resolved.enum === undefined && composed.length === 0) found.push(`${where}: no type`);
    else if (resolved.type === 'object' && resolved.properties === undefined && composed.length === 0 && !typedMap) found.push(where);
    for (const part of composed) found.push(...freeForm(part, where, seen));
    for (const [property, value] of Object.entries(resolved.properties ?? {})) found.push(...freeForm(value, `${where}.${property}`, seen));
    if (resolved.items !== undefined) found.push(...freeForm(resolved.items, `${where}[]`, seen));
    if (typedMap) found.push(...freeForm(resolved.additionalProperties as Schema, `${where}{}`, seen));
    return found.filter((place) => !FREE_FORM_ALLOWED.includes(place));
  }

  it('names its one server, contact and license; paths are relative to the server', () => {
    expect(document.servers).toEqual([expect.objectContaining({ url: '/api/v1' })]);
    expect(document.info.contact?.name).toEqual(expect.any(String));
    expect(document.info.license).toEqual({ name: 'EUPL-1.2', url: 'https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12' });
    expect(Object.keys(document.paths).filter((path) => path.startsWith('/api/'))).toEqual([]);
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/households', '/provider/referrals']));
  });

  it('gives every operation a readable camelCase operationId, unique in the document', () => {
    const ids = operations.map(({ operation }) => operation.operationId);
    expect(operations.filter(({ operation }) => !/^[a-z][A-Za-z0-9]+$/.test(operation.operationId ?? '')).map(({ key }) => key)).toEqual([]);
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
    // No id is Nest's default (ControllerName_method).
    expect(ids.filter((id) => id?.includes('Controller'))).toEqual([]);
  });

  it('keeps the operationIds integrators build on, each on its route', () => {
    const actual = Object.fromEntries(operations.map(({ key, operation }) => [operation.operationId, key]));
    expect(actual).toEqual(expect.objectContaining(OPERATION_IDS));
  });

  it('types every 2xx body: no free-form object anywhere inside, nested schemas included', () => {
    const found = operations.flatMap(({ key, operation }) =>
      Object.entries(operation.responses)
        .filter(([status]) => status.startsWith('2'))
        .flatMap(([status, response]) =>
          Object.entries(response.content ?? {}).flatMap(([type, { schema }]) => freeForm(schema, `${key} ${status} ${type}`)),
        ),
    );
    expect(found).toEqual([]);
  });

  it('documents API-Version and X-Request-Id on every response, errors included', () => {
    const missing = operations.flatMap(({ key, operation }) =>
      Object.entries(operation.responses)
        .filter(([, response]) => response.headers?.['API-Version'] === undefined || response.headers?.['X-Request-Id'] === undefined)
        .map(([status]) => `${key} ${status}`),
    );
    expect(missing).toEqual([]);
    expect(Object.keys(document.components.headers)).toEqual(expect.arrayContaining(['API-Version', 'X-Request-Id', 'Retry-After', 'ETag', 'Location', 'Idempotent-Replayed']));
    const unlimited = operations.flatMap(({ key, operation }) =>
      Object.entries(operation.responses)
        .filter(([status, response]) => status.startsWith('2') && response.headers?.['X-RateLimit-Limit'] === undefined)
        .map(([status]) => `${key} ${status}`),
    );
    expect(unlimited).toEqual([]);
  });

  it('documents the answers of the global wiring on every operation, as problem+json', () => {
    const missing: string[] = [];
    for (const { key, operation } of operations) {
      const secured = !(Array.isArray(operation.security) && operation.security.length === 0);
      const expected = ['400', '406', '429', '500', ...(secured ? ['401', '403', '503'] : []), ...(operation.requestBody ? ['413', '415'] : [])];
      for (const status of expected) {
        const response = operation.responses[status];
        const schema = response?.content?.['application/problem+json']?.schema;
        const isProblem = schema?.$ref === '#/components/schemas/ProblemDetails' || schema?.allOf?.[0]?.$ref === '#/components/schemas/ProblemDetails';
        if (!isProblem) missing.push(`${key} ${status}`);
      }
      if (operation.responses['429']?.headers?.['Retry-After'] === undefined) missing.push(`${key} 429 Retry-After`);
      if (secured && operation.responses['503']?.headers?.['Retry-After'] === undefined) missing.push(`${key} 503 Retry-After`);
    }
    expect(missing).toEqual([]);
  });

  it('takes an Idempotency-Key on every POST that changes something, and says when an answer is replayed', () => {
    const posts = operations.filter(({ method, operation }) => method === 'post' && operation.operationId !== 'searchHouseholds');
    expect(posts.length).toBeGreaterThan(20);
    const missing = posts.flatMap(({ key, operation }) => {
      const success = Object.entries(operation.responses).filter(([status]) => status.startsWith('2'));
      return [
        ...(operation.parameters?.some((p) => p.in === 'header' && p.name === 'Idempotency-Key') ? [] : [`${key}: Idempotency-Key`]),
        ...success.filter(([, response]) => response.headers?.['Idempotent-Replayed'] === undefined).map(([status]) => `${key} ${status}: Idempotent-Replayed`),
        ...(operation.responses['409'] === undefined ? [`${key}: 409`] : []),
      ];
    });
    expect(missing).toEqual([]);
  });

  it('documents ETag and Location where the household commands set them', () => {
    const byId = new Map(operations.map(({ operation }) => [operation.operationId, operation]));
    expect(byId.get('registerHousehold')?.responses['201'].headers).toEqual(expect.objectContaining({ ETag: expect.anything(), Location: expect.anything() }));
    expect(byId.get('getHousehold')?.responses['200'].headers).toEqual(expect.objectContaining({ ETag: expect.anything() }));
    expect(byId.get('recordIntake')?.responses['201'].headers).toEqual(expect.objectContaining({ ETag: expect.anything() }));
  });

  it('pages every list: limit and a cursor in, the next cursor out', () => {
    const unpaged: string[] = [];
    for (const { operation, method } of operations) {
      if (method !== 'get' || operation.operationId === undefined || UNPAGED_LISTS[operation.operationId] !== undefined) continue;
      const schema = operation.responses['200']?.content?.['application/json']?.schema;
      if (schema === undefined) continue;
      const [body] = resolve(schema);
      const holdsList = Object.values(body.properties ?? {}).some((property) => resolve(property)[0].type === 'array');
      if (!holdsList) continue;
      const query = (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      const paged =
        query.includes('limit') &&
        (query.includes('after') || query.includes('fromVersion')) &&
        (body.properties?.next !== undefined || body.properties?.nextFromVersion !== undefined);
      if (!paged) unpaged.push(operation.operationId);
    }
    expect(unpaged).toEqual([]);
    const paged = operations.filter(({ operation }) => operation.parameters?.some((p) => p.name === 'limit')).map(({ operation }) => operation.operationId);
    expect(paged).toEqual(
      expect.arrayContaining(['listProviderReferrals', 'listProviders', 'listCaseloads', 'listWaakvlamContactsDue', 'listNormItems', 'listProcessingLogRecords', 'listMyCaseload', 'listMyWorklist']),
    );
  });

  it('declares the CSV of a compliance report as text/csv, a string', () => {
    const compliance = operations.find(({ operation }) => operation.operationId === 'getNormCompliance')?.operation;
    expect(compliance?.responses['200'].content?.['text/csv']?.schema.type).toBe('string');
    expect(compliance?.responses['200'].content?.['application/json']?.schema.$ref).toBe('#/components/schemas/ComplianceResponse');
  });

  it('gives an example for every request body (on the body or its properties)', () => {
    const without = operations.flatMap(({ key, operation }) => {
      const schema = operation.requestBody?.content['application/json']?.schema;
      if (schema === undefined) return [];
      const [body] = resolve(schema);
      const hasExample = body.example !== undefined || Object.values(body.properties ?? {}).some((property) => resolve(property)[0].example !== undefined || property.example !== undefined);
      return hasExample ? [] : [key];
    });
    expect(without).toEqual([]);
  });

  it('sends API-Version and X-Request-Id on answers of every kind, as documented', async () => {
    const token = api.bearer();
    const answers = [
      await api.http().get('/api/v1/health/live'),
      await api.http().get('/api/v1/me'),
      await api.http().get('/api/v1/me').set('Authorization', token).set('Accept', 'text/html'),
      await api.http().get('/api/v1/no-such-route').set('Authorization', token),
      await api.http().post('/api/v1/households').set('Authorization', token).set('Content-Type', 'text/plain').send('x'),
      await api.http().get('/api/v1/households/not-a-uuid').set('Authorization', token),
      await api.http().get('/api/v1/norms').set('Authorization', token),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([200, 401, 406, 404, 415, 400, 403]);
    expect(answers[0].headers['x-ratelimit-limit']).toEqual(expect.stringMatching(/^\d+$/));
    for (const answer of answers) {
      expect(answer.headers['api-version']).toBe('1.2.0');
      expect(answer.headers['x-request-id']).toEqual(expect.any(String));
    }
  });
});
