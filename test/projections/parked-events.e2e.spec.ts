import { randomUUID } from 'node:crypto';
import { LoggerService } from '@nestjs/common';
import request from 'supertest';
import { Principal, signAccessToken } from '@casusregie/auth';
import { loadConfig } from '@casusregie/config';
import { ProjectionRunner } from '@casusregie/projections';
import { allProjections, fixedClock, ProjectionTriggerLifecycle } from '@casusregie/runtime';
import { openStorage, Storage } from '@casusregie/storage';
import { createTempDir, createTestDatabase, TEST_MASTER_KEY } from '@casusregie/test-support';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { consultant } from '../../apps/api/test/support/api-harness';

const SECRET = 'parked-events-test-secret-0123456789abcdef';
const operator: Principal = { sub: 'operator-1', roles: ['operator'], municipality: 'GM0299' };
/** A municipality's admin: parked events are the platform's, not a municipality's. */
const admin: Principal = { sub: 'admin-1', roles: ['admin'], municipality: 'GM0299' };
const supervisor: Principal = { sub: 'supervisor-1', roles: ['supervisor'], municipality: 'GM0299' };
/** The test data's personal values: none may reach a log line. */
const PERSONAL = ['Vermeulen', 'Annelies', 'Kuipers', 'Joost', '1984-02-29', '1977-07-07', '111222333', 'Schulden en eenzaamheid'];

const household = (familyName: string, givenName: string, birthDate: string, bsn?: string) => ({
  municipality: 'GM0299',
  team: 'T1',
  registeredOn: '2026-03-02',
  residences: [{ key: 'A', postcode: '6901 AB', houseNumber: '12' }],
  members: [{ givenName, familyName, birthDate, role: 'parent', residenceKeys: ['A'], ...(bsn === undefined ? {} : { bsn }) }],
});

/**
 * Issue 13's acceptance: a malformed event appended straight into the log with SQL is parked by every projection that
 * cannot apply it, and everything else keeps moving: a household registered afterwards is found and counted, health
 * says `degraded` with the count, an operator's retry after the fix makes it `ok` again, and a rebuild over the same log
 * finishes and parks it too. Nothing of the personal data reaches a log line.
 */
describe.each(['postgres', 'pglite'] as const)('an event the projections cannot apply (%s, in-process projections)', (kind) => {
  let storage: Storage;
  let app: Awaited<ReturnType<typeof createApiApp>>;
  let drop: () => Promise<void>;
  const logLines: string[] = [];
  const http = () => request(app.getHttpServer());
  const bearer = (principal: Principal) => `Bearer ${signAccessToken(principal, SECRET, { expiresIn: '10m' })}`;
  /** Waits until the in-process projections have applied everything appended so far (also with SQL, unannounced). */
  const settle = async () => {
    const projections = app.get(ProjectionTriggerLifecycle);
    projections.notify();
    await projections.settle();
  };

  beforeAll(async () => {
    const env: Record<string, string> = { AUTH_JWT_SECRET: SECRET };
    if (kind === 'postgres') {
      const database = await createTestDatabase();
      Object.assign(env, { EVENT_STORE: 'postgres', DATABASE_URL: database.url, PERSONAL_DATA_MASTER_KEY: TEST_MASTER_KEY });
      drop = () => database.drop();
    } else {
      const dir = createTempDir();
      Object.assign(env, { EVENT_STORE: 'pglite', DATA_DIR: dir.path });
      drop = async () => dir.remove();
    }
    const config = loadConfig(env);
    storage = await openStorage(config);
    app = await createApiApp(config, storage, { logger: new LineRecorder(logLines), clock: fixedClock('2026-11-23') });
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  it('parks it, keeps every other household moving, reports it, and lets an operator retry it after a fix', async () => {
    // A household as the API records it, whose two first events serve as the pattern of the malformed ones.
    const template = await register(household('Vermeulen', 'Annelies', '1984-02-29', '111222333'));
    const trajectory = await openTrajectory(template);
    await http().post(`/api/v1/households/${template}/trajectories/${trajectory}/intake`).set('Authorization', bearer(consultant)).send({ date: '2026-03-03' }).expect(201);
    const { rows: pattern } = await storage.readModels.query<{ event_type: string; data: Record<string, unknown>; metadata: Record<string, unknown> }>(
      `SELECT event_type, data, metadata FROM events WHERE stream_id = $1 ORDER BY stream_version`,
      [`household-${template}`],
    );
    expect(pattern.map((row) => row.event_type)).toEqual(['HouseholdRegistered', 'TrajectoryOpened', 'IntakeHeld']);

    // The malformed household: registered on 0000-01-01 with a member born then, a melding on 0000-01-02 and its
    // intake on 0000-01-03 — dates PostgreSQL's `date` cannot hold. Appended with SQL, as a faulty import or an old
    // version of the code might.
    const malformed = randomUUID();
    const registered = retarget(pattern[0], template, malformed, '0000-01-01');
    ((registered.data.members as Record<string, unknown>[])[0]).birthDate = '0000-01-01';
    const events = [registered, retarget(pattern[1], template, malformed, '0000-01-02'), retarget(pattern[2], template, malformed, '0000-01-03')];
    const badIds = events.map(() => randomUUID());
    await storage.readModels.query(
      `SELECT * FROM append_to_stream($1, 'no-stream', $2::uuid[], $3::text[], '{1,1,1}', $4::jsonb[], $5::jsonb[])`,
      [`household-${malformed}`, badIds, events.map((e) => e.event_type), events.map((e) => JSON.stringify(e.data)), events.map((e) => JSON.stringify(e.metadata))],
    );

    // A household registered afterwards is found by search and counted in the figures.
    const later = await register(household('Kuipers', 'Joost', '1977-07-07'));
    await openTrajectory(later);
    await http().put(`/api/v1/households/${later}/coordinator`).set('Authorization', bearer(consultant))
      .send({ coordinatorId: consultant.sub, name: 'Consulent', date: '2026-03-02' }).expect(200);
    await settle();
    const found = await http().post('/api/v1/households/_search').set('Authorization', bearer(consultant)).send({ familyName: 'Kuipers' }).expect(200);
    expect(found.body.results.map((r: { householdId: string }) => r.householdId)).toEqual([later]);
    const caseload = await http().get('/api/v1/caseload').set('Authorization', bearer(supervisor)).expect(200);
    expect(caseload.body.coordinators).toContainEqual(expect.objectContaining({ coordinatorId: consultant.sub, households: 1, openTrajectories: 1 }));

    // The projection that cannot apply it parked it (the read models, the melding) and holds what came after it in
    // that household (the intake); the directory (which keeps no dates, only sealed values and keyed hashes) and the
    // outbox of notifications had nothing to fail on.
    const listed = await http().get('/api/v1/projections/parked-events').set('Authorization', bearer(operator)).expect(200);
    const parkedBy = (projection: string) => listed.body.parkedEvents.filter((e: { projection: string }) => e.projection === projection);
    expect(parkedBy('household-read-models').map((e: { eventId: string; state: string }) => [e.eventId, e.state])).toEqual([
      [badIds[1], 'parked'],
      [badIds[2], 'held'],
    ]);
    expect(parkedBy('household-directory')).toEqual([]);
    expect(parkedBy('provider-notifications')).toEqual([]);
    for (const event of listed.body.parkedEvents) expect(event.streamId).toBe(`household-${malformed}`);

    const health = await http().get('/api/v1/health').expect(200);
    expect(health.body.status).toBe('degraded');
    expect(health.body.details.projections.parked['household-read-models']).toEqual({ parked: 1, held: 1 });
    expect((await http().get('/api/v1/health/ready').expect(200)).body.status).toBe('degraded');
    const metrics = await http().get('/metrics').expect(200);
    expect(metrics.text).toContain('casusregie_projection_parked_events{projection="household-read-models",state="parked"} 1');

    // Only an operator sees or retries them; a municipality's admin neither.
    await http().get('/api/v1/projections/parked-events').set('Authorization', bearer(consultant)).expect(403);
    await http().get('/api/v1/projections/parked-events').set('Authorization', bearer(admin)).expect(403);
    await http().post('/api/v1/projections/parked-events/retry').set('Authorization', bearer(supervisor)).send({}).expect(403);
    await http().post('/api/v1/projections/parked-events/retry').set('Authorization', bearer(admin)).send({}).expect(403);
    const unknown = await http().post('/api/v1/projections/parked-events/retry').set('Authorization', bearer(operator)).send({ projection: 'nope' }).expect(400);
    expect(unknown.body.invalidParams[0].name).toBe('projection');

    // Retried before the fix: still parked, attempts counted.
    const early = await http().post('/api/v1/projections/parked-events/retry').set('Authorization', bearer(operator)).send({}).expect(200);
    expect(early.body.results.find((r: { projection: string }) => r.projection === 'household-read-models')).toEqual({
      projection: 'household-read-models', applied: 0, remaining: 2,
    });

    // The fix: the operator repairs the imported dates in place, then retries, and all is well again.
    await storage.readModels.query(
      `UPDATE events SET data = replace(replace(replace(data::text, '"0000-01-01"', '"2026-03-02"'), '"0000-01-02"', '"2026-03-03"'), '"0000-01-03"', '"2026-03-04"')::jsonb,
              metadata = replace(replace(replace(metadata::text, '"0000-01-01"', '"2026-03-02"'), '"0000-01-02"', '"2026-03-03"'), '"0000-01-03"', '"2026-03-04"')::jsonb
        WHERE stream_id = $1`,
      [`household-${malformed}`],
    );
    const retried = await http().post('/api/v1/projections/parked-events/retry').set('Authorization', bearer(operator)).send({}).expect(200);
    expect(retried.body.results.every((r: { remaining: number }) => r.remaining === 0)).toBe(true);
    await settle();
    expect((await http().get('/api/v1/health').expect(200)).body.status).toBe('ok');
    expect((await http().get('/api/v1/projections/parked-events').set('Authorization', bearer(operator)).expect(200)).body.parkedEvents).toEqual([]);

    // Nothing personal in any log line, also not from the driver's messages about the refused dates.
    expect(logLines.some((line) => line.includes('parked event'))).toBe(true);
    for (const line of logLines) for (const value of [...PERSONAL, '0000-01-01']) expect(line).not.toContain(value);
  });

  it('parks the same event in a rebuild over the same log, which finishes with full tables', async () => {
    const malformed = randomUUID();
    const pattern = (
      await storage.readModels.query<{ event_type: string; data: Record<string, unknown>; metadata: Record<string, unknown>; stream_id: string }>(
        `SELECT event_type, data, metadata, stream_id FROM events
          WHERE stream_id = (SELECT stream_id FROM events ORDER BY global_position LIMIT 1) AND stream_version <= 2 ORDER BY stream_version`,
      )
    ).rows;
    expect(pattern.map((row) => row.event_type)).toEqual(['HouseholdRegistered', 'TrajectoryOpened']);
    const template = pattern[0].stream_id.slice('household-'.length);
    const registered = retarget(pattern[0], template, malformed, '0000-01-01');
    const opened = retarget(pattern[1], template, malformed, '0000-01-02');
    const badId = randomUUID();
    const ids = [randomUUID(), badId];
    await storage.readModels.query(
      `SELECT * FROM append_to_stream($1, 'no-stream', $2::uuid[], '{HouseholdRegistered,TrajectoryOpened}', '{1,1}', $3::jsonb[], $4::jsonb[])`,
      [`household-${malformed}`, ids, [registered, opened].map((e) => JSON.stringify(e.data)), [registered, opened].map((e) => JSON.stringify(e.metadata))],
    );
    await settle();
    const { rows: before } = await storage.readModels.query<{ n: number }>('SELECT count(*)::int AS n FROM household_directory');

    const runner = new ProjectionRunner(storage.readModels, storage.eventStore);
    for (const projection of allProjections(storage)) await runner.rebuild(projection);

    const { rows: after } = await storage.readModels.query<{ n: number }>('SELECT count(*)::int AS n FROM household_directory');
    expect(after[0].n).toBe(before[0].n);
    expect(after[0].n).toBeGreaterThan(0);
    const listed = await http().get('/api/v1/projections/parked-events?projection=household-read-models').set('Authorization', bearer(operator)).expect(200);
    const ofMalformed = listed.body.parkedEvents.filter((e: { streamId: string }) => e.streamId === `household-${malformed}`);
    expect(ofMalformed.map((e: { eventId: string; state: string }) => [e.eventId, e.state])).toEqual([[badId, 'parked']]);
    expect((await http().get('/api/v1/health').expect(200)).body.status).toBe('degraded');
  });

  async function register(body: object): Promise<string> {
    const response = await http().post('/api/v1/households').set('Authorization', bearer(consultant)).send(body).expect(201);
    return response.body.id;
  }

  async function openTrajectory(householdId: string): Promise<string> {
    const { body: state } = await http().get(`/api/v1/households/${householdId}`).set('Authorization', bearer(consultant)).expect(200);
    const opened = await http().post(`/api/v1/households/${householdId}/trajectories`).set('Authorization', bearer(consultant)).send({
      memberId: state.members[0].memberId, date: '2026-03-02', source: 'huisarts', channel: 'phone',
      question: 'Schulden en eenzaamheid', lifeDomains: ['geestelijke-gezondheid'], legalBasis: 'wmo-2015',
    }).expect(201);
    return opened.body.trajectoryId;
  }
});

/** A copy of a recorded event for another household, every business date in it replaced by `date`. */
function retarget<T extends { data: Record<string, unknown>; metadata: Record<string, unknown> }>(row: T, from: string, to: string, date: string): T {
  const rewrite = (value: object) => JSON.parse(JSON.stringify(value).split(from).join(to).replace(/"\d{4}-\d{2}-\d{2}"/g, `"${date}"`));
  return { ...row, data: rewrite(row.data), metadata: rewrite(row.metadata) };
}

/** Every line the app logs, at every level. */
class LineRecorder implements LoggerService {
  constructor(private readonly lines: string[]) {}
  log(message: unknown, ...rest: unknown[]) {
    this.lines.push([message, ...rest].map(String).join(' '));
  }
  error(message: unknown, ...rest: unknown[]) {
    this.log(message, ...rest);
  }
  warn(message: unknown, ...rest: unknown[]) {
    this.log(message, ...rest);
  }
  debug(message: unknown, ...rest: unknown[]) {
    this.log(message, ...rest);
  }
  verbose(message: unknown, ...rest: unknown[]) {
    this.log(message, ...rest);
  }
}
