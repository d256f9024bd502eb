import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { EventStore } from '@casusregie/event-store';
import { SqlDatabase } from '@casusregie/sql';
import { BenchHousehold, householdsFor, melding, registerHouseholds } from './bench-households';
import { ApiProcess, BENCH_CONSULTANT } from './bench-processes';
import { BenchRow } from './bench-table';

export interface Load {
  seconds: number;
  connections: number;
}

/** What a command-throughput bench compares the API's commands with, measured in the same run at the same concurrency. */
export interface Baselines {
  engine: string;
  /** Single-row insert transactions on this database. */
  raw: SqlDatabase;
  /** The goal against the raw inserts, as a fraction of them (issue 17). */
  rawGoal: number;
  /** Where given, also the event store's own appends (EventStore.appendToStream) on the API's database: goal ≥ 0.5 ×. */
  eventStore?: EventStore;
}

/**
 * The rows of a command-throughput bench (B1, B5): per run the baselines, then the API's commands on fresh
 * households (so that every run folds streams of the same length), after a short warm-up of JIT and pools.
 */
export async function benchCommandThroughput(bench: string, api: ApiProcess, baselines: Baselines, load: Load, runs: number): Promise<BenchRow[]> {
  const households = () => registerHouseholds(api, householdsFor(load.connections));
  await measureApiCommands(api, await households(), { ...load, seconds: Math.min(2, load.seconds) });
  const commands: CommandThroughput[] = [];
  const inserts: number[] = [];
  const appends: number[] = [];
  for (let run = 0; run < runs; run++) {
    inserts.push(await measureRawInserts(baselines.raw, load));
    if (baselines.eventStore !== undefined) appends.push(await measureEventStoreAppends(baselines.eventStore, load));
    commands.push(await measureApiCommands(api, await households(), load));
  }
  const figure = `API commands/s over HTTP (melding; ${load.connections} connections)`;
  const perSecond = commands.map((c) => c.perSecond);
  return [
    {
      bench,
      figure,
      unit: '/s',
      values: perSecond,
      baseline: { figure: `raw ${baselines.engine} single-row insert tx/s`, values: inserts },
      goal: { text: `≥ ${baselines.rawGoal} × baseline`, met: (_value, ratio) => (ratio ?? 0) >= baselines.rawGoal },
    },
    ...(baselines.eventStore === undefined
      ? []
      : [
          {
            bench,
            figure,
            unit: '/s',
            values: perSecond,
            baseline: { figure: `event store appends/s (${baselines.eventStore.kind}, ${load.connections} writers)`, values: appends },
            goal: { text: '≥ 0.5 × baseline', met: (_value: number, ratio: number | undefined) => (ratio ?? 0) >= 0.5 },
          },
        ]),
    { bench, figure: 'API command latency p50', unit: 'ms', values: commands.map((c) => c.p50) },
    { bench, figure: 'API command latency p99', unit: 'ms', values: commands.map((c) => c.p99) },
  ];
}

export interface CommandThroughput {
  perSecond: number;
  /** Latency percentiles of the commands, in milliseconds. */
  p50: number;
  p99: number;
}

/**
 * Meldingen over HTTP from autocannon at full speed, spread over the households: each request loads a household,
 * decides and appends. Only answers 201 count; more than one in a hundred otherwise spoils the figure.
 */
export async function measureApiCommands(api: ApiProcess, households: readonly BenchHousehold[], load: Load): Promise<CommandThroughput> {
  let next = 0;
  const result = await autocannon({
    url: api.url,
    connections: load.connections,
    duration: load.seconds,
    // A slow answer is a latency, not an error: the embedded mode's tail runs to seconds.
    timeout: 60,
    headers: { authorization: api.bearer(BENCH_CONSULTANT), 'content-type': 'application/json' },
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const { path, body } = melding(households[next++ % households.length]);
          return { ...request, path: `/api/v1${path}`, body: JSON.stringify(body) };
        },
      },
    ],
  });
  const failed = result.non2xx + result.errors;
  if (failed > result['2xx'] / 100) throw new Error(`${failed} of ${result['2xx'] + failed} commands failed (${JSON.stringify(result.statusCodeStats)})`);
  return { perSecond: result['2xx'] / result.duration, p50: result.latency.p50, p99: result.latency.p99 };
}

/**
 * The baseline: single-row INSERT transactions (autocommit) of an event-sized JSON row, from as many concurrent
 * writers as the API had connections, on the same database engine.
 */
export async function measureRawInserts(db: SqlDatabase, load: Load): Promise<number> {
  await db.exec('CREATE TABLE IF NOT EXISTS bench_raw_inserts (id bigserial PRIMARY KEY, payload jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())');
  const payload = JSON.stringify({ type: 'TrajectoryOpened', data: melding({ householdId: '', memberId: '00000000-0000-4000-a000-000000000000' }).body });
  const started = performance.now();
  const until = started + load.seconds * 1000;
  let inserted = 0;
  const writer = async () => {
    while (performance.now() < until) {
      await db.query('INSERT INTO bench_raw_inserts (payload) VALUES ($1)', [payload]);
      inserted++;
    }
  };
  await Promise.all(Array.from({ length: load.connections }, writer));
  return inserted / ((performance.now() - started) / 1000);
}

/**
 * The second baseline: what the event store itself appends per second. As many concurrent writers as the API had
 * connections each append one melding-sized event to a fresh stream through `EventStore.appendToStream`, as a
 * melding's append does (expected version: no stream), for the same time.
 */
export async function measureEventStoreAppends(eventStore: EventStore, load: Load): Promise<number> {
  const data = { type: 'TrajectoryOpened', ...melding({ householdId: '', memberId: '00000000-0000-4000-a000-000000000000' }).body };
  const metadata = { actor: { id: 'bench', role: 'consultant' }, municipality: 'GM0299', correlationId: randomUUID(), occurredOn: '2026-02-02T10:00:00.000Z' };
  const started = performance.now();
  const until = started + load.seconds * 1000;
  let appended = 0;
  const writer = async () => {
    while (performance.now() < until) {
      await eventStore.appendToStream(`bench-append-${randomUUID()}`, [{ type: 'TrajectoryOpened', data, metadata }], { expectedVersion: 'no-stream' });
      appended++;
    }
  };
  await Promise.all(Array.from({ length: load.connections }, writer));
  return appended / ((performance.now() - started) / 1000);
}
