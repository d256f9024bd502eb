import { ApiHarness, startApi } from '../support/api-harness';
import { openApiStep, TRAJECTORY_STEPS } from '../support/trajectory-steps';

type Operation = {
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
};

/** Every consultant route, as the issue lists them; the document must describe each one fully. */
const HOUSEHOLD_OPERATIONS = [
  'post /households',
  'post /households/_search',
  'get /households/{householdId}',
  'get /households/{householdId}/events',
  'post /households/{householdId}/members',
  'post /households/{householdId}/members/{memberId}/departure',
  'put /households/{householdId}/coordinator',
  'put /households/{householdId}/plan',
  'post /households/{householdId}/events/{eventId}/corrections',
  'post /households/{householdId}/trajectories',
  ...TRAJECTORY_STEPS.map((step) => `post /households/{householdId}/trajectories/{trajectoryId}/${openApiStep(step)}`),
];

describe('OpenAPI document of the household API', () => {
  let api: ApiHarness;
  let operations: Map<string, Operation>;
  let schemas: Record<string, { properties?: Record<string, unknown> }>;
  let document: unknown;

  beforeAll(async () => {
    api = await startApi('postgres');
    const { body } = await api.http().get('/api/v1/openapi.json').expect(200);
    document = body;
    schemas = body.components.schemas;
    operations = new Map();
    for (const [path, methods] of Object.entries(body.paths as Record<string, Record<string, Operation>>)) {
      for (const [method, operation] of Object.entries(methods)) operations.set(`${method} ${path}`, operation);
    }
  });
  afterAll(() => api.close());

  it('lists every household and trajectory route', () => {
    expect([...operations.keys()]).toEqual(expect.arrayContaining(HOUSEHOLD_OPERATIONS));
  });

  it.each(HOUSEHOLD_OPERATIONS)('%s: request schema, response schema and problem+json errors', (key) => {
    const operation = operations.get(key) as Operation;
    if (key.startsWith('post') || key.startsWith('put')) {
      const schema = operation.requestBody?.content['application/json']?.schema as { $ref?: string };
      expect(schema?.$ref).toMatch(/^#\/components\/schemas\//);
      const name = (schema.$ref as string).split('/').pop() as string;
      expect(Object.keys(schemas[name].properties ?? {}).length).toBeGreaterThan(0);
    }
    const success = Object.entries(operation.responses).filter(([status]) => status.startsWith('2'));
    expect(success).toHaveLength(1);
    expect(success[0][1].content?.['application/json']?.schema).toBeDefined();
    for (const status of ['400', '401', '403']) {
      expect(operation.responses[status]?.content?.['application/problem+json']?.schema).toEqual({ $ref: '#/components/schemas/ProblemDetails' });
    }
    if (key.includes('{householdId}')) expect(operation.responses['404']).toBeDefined();
  });

  it('documents the household state with its trajectories', () => {
    expect(Object.keys(schemas.HouseholdResponse.properties ?? {})).toEqual(
      expect.arrayContaining(['id', 'version', 'members', 'residences', 'coordinator', 'plan', 'trajectories', 'corrections']),
    );
    expect(Object.keys(schemas.TrajectoryView.properties ?? {})).toEqual(
      expect.arrayContaining(['status', 'level', 'openedOn', 'referrals', 'waakvlam', 'pip', 'learningRoute']),
    );
    // A trajectory the viewer is not let into is answered as its id and `restricted: true`: the document says so.
    expect((schemas.HouseholdResponse.properties?.trajectories as { items: unknown }).items).toEqual({
      oneOf: [{ $ref: '#/components/schemas/TrajectoryView' }, { $ref: '#/components/schemas/RestrictedTrajectoryView' }],
    });
    expect(schemas.RestrictedTrajectoryView.properties).toEqual({
      trajectoryId: expect.objectContaining({ format: 'uuid' }),
      restricted: expect.objectContaining({ enum: [true] }),
    });
  });

  it('has a schema behind every $ref, nested request objects included', () => {
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"([^"]*)"/g)].map(([, ref]) => ref);
    const components = (document as { components: Record<string, Record<string, unknown>> }).components;
    const resolves = (ref: string) => {
      const [, , kind, name] = ref.split('/');
      return components[kind]?.[name] !== undefined;
    };
    expect(refs.filter((ref) => !/^#\/components\/(schemas|headers)\/[A-Za-z][\w-]*$/.test(ref) || !resolves(ref))).toEqual([]);
    expect(refs).toEqual(expect.arrayContaining(['#/components/schemas/NewHouseholdMemberRequest', '#/components/schemas/OrganisationRequest']));
  });
});
