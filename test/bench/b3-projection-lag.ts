import { PostgresDatabase } from '@casusregie/sql';
import { createTestDatabase, createTestRedis, scrape, TestRedis } from '@casusregie/test-support';
import { BenchHousehold, householdsFor, melding, registerHouseholds } from './bench-households';
import { BenchOptions } from './bench-options';
import { BENCH_CONSULTANT, callApi, startApiProcess, startProjectorProcess } from './bench-processes';
import { BenchRow, medianOf, percentile } from './bench-table';
import { CommandPath } from './command-path';
import { describeParts, LagParts, lagParts } from './projector-metrics';

/** How often the bench looks for commands that became visible; it adds up to this much to each lag. */
const POLL_MS = 5;
/** How long after the last answer every melding must have reached the read model. */
const SETTLE_MS = 120_000;
/**
 * At most this many meldingen wait for an answer; when the API falls behind the offered rate, the schedule slips
 * (and the rate achieved says so) rather than piling up connections until they time out.
 */
const MAX_IN_FLIGHT = 64;

interface Sent {
  householdId: string;
  trajectoryId: string;
  answeredAt: number;
}

/** Where B3's meldingen come from: registered households, and one melding sent (resolving once it is appended). */
interface CommandSender {
  households: BenchHousehold[];
  send(household: BenchHousehold): Promise<{ trajectoryId: string }>;
  close(): Promise<void>;
}

/** The goal at each offered rate (issue 17): p99 under this many ms, with at least 95 % of the rate appended. */
function p99Goal(rate: number): number {
  return rate <= 50 ? 100 : 500;
}

/**
 * B3: the production path of a command into the read models: a command is appended and a catch-up job enqueued
 * (BullMQ), the projector process runs it, and the trajectory appears in rm_trajectories. Meldingen are sent at a
 * steady rate for the run's seconds (one every 1/rate s, whether or not earlier ones were answered, up to
 * MAX_IN_FLIGHT waiting); the lag of each is from its 201 (or its append) to the moment the bench sees its row.
 *
 * `--lag-through api` (default): the meldingen go over HTTP to an API process, the projector is a second process and
 * the bench (the load) a third, as in production. `--lag-through commands`: the bench runs the API's command path
 * itself (`CommandPath`), for rates the API over HTTP cannot answer on the machine.
 *
 * Besides the end-to-end lag, each projection's own lag in parts, read off the projector's /metrics around each
 * run: how long its catch-up job waited in the queue, and per batch the read, the apply and the commit.
 */
export async function benchProjectionLag(options: BenchOptions): Promise<BenchRow[]> {
  const database = await createTestDatabase();
  const redis = createTestRedis(options.redisUrl);
  const env = { EVENT_STORE: 'postgres', DATABASE_URL: database.url, ...redis.env };
  const projector = await startProjectorProcess(env);
  const readModels = new PostgresDatabase({ connectionString: database.url, maxConnections: 2 });
  let sender: CommandSender | undefined;
  try {
    const busiest = Math.max(...options.lagRates);
    sender = options.lagThrough === 'api' ? await apiSender(env, busiest) : await commandPathSender(env, redis, busiest);
    const rows: BenchRow[] = [];
    for (const rate of options.lagRates) {
      const p50: number[] = [];
      const p99: number[] = [];
      const rates: number[] = [];
      const parts = new Map<string, LagParts[]>();
      for (let run = 0; run < options.runs; run++) {
        const before = await scrape(projector.url);
        const { lags, rate: achieved } = await measureLag(sender, readModels, rate, options.lagSeconds);
        const after = await scrape(projector.url);
        p50.push(percentile(lags, 50));
        p99.push(percentile(lags, 99));
        rates.push(achieved);
        for (const projection of LAGGED_PROJECTIONS) parts.set(projection, [...(parts.get(projection) ?? []), lagParts(before, after, projection)]);
      }
      const at = `${rate} commands/s offered${options.lagThrough === 'api' ? ', through the API' : ''}`;
      // The goal is a lag at a sustained rate: a low lag at a rate the API could not keep up is no pass.
      const sustained = medianOf(rates) >= 0.95 * rate;
      const limit = p99Goal(rate);
      const goal = { text: `< ${limit} ms, at ≥ 95 % of the offered rate`, met: (value: number) => value < limit && sustained };
      rows.push(
        { bench: 'B3', figure: `append → read model lag p50 (${at})`, unit: 'ms', values: p50 },
        { bench: 'B3', figure: `append → read model lag p99 (${at})`, unit: 'ms', values: p99, goal },
        { bench: 'B3', figure: `commands appended per second during the run (${rate} offered)`, unit: '/s', values: rates },
      );
      for (const [projection, runs] of parts) {
        rows.push({
          bench: 'B3',
          figure: `${projection} append → visible p99, at most (${rate}/s; last run: ${describeParts(runs[runs.length - 1])})`,
          unit: 'ms',
          values: runs.map((run) => run.visibleP99AtMostMs),
        });
      }
    }
    return rows;
  } finally {
    await sender?.close();
    await readModels.close();
    await projector.stop();
    await redis.remove();
    await database.drop();
  }
}

/** The projections whose lag B3 reports in parts (the notifications' outbox is delivery, not a read model). */
const LAGGED_PROJECTIONS = ['household-read-models', 'household-directory'];

async function apiSender(env: Record<string, string>, rate: number): Promise<CommandSender> {
  const api = await startApiProcess(env);
  try {
    const households = await registerHouseholds(api, householdsFor(rate / 8));
    const send = async (household: BenchHousehold) => {
      const { path, body } = melding(household);
      return (await callApi(api, BENCH_CONSULTANT, 'POST', path, body)) as { trajectoryId: string };
    };
    return { households, send, close: () => api.stop() };
  } catch (error) {
    await api.stop();
    throw error;
  }
}

async function commandPathSender(env: Record<string, string>, redis: TestRedis, rate: number): Promise<CommandSender> {
  const path = await CommandPath.open(env, redis);
  try {
    const households = await path.registerHouseholds(householdsFor(rate / 8));
    return { households, send: (household) => path.melding(household), close: () => path.close() };
  } catch (error) {
    await path.close();
    throw error;
  }
}

async function measureLag(sender: CommandSender, readModels: PostgresDatabase, rate: number, seconds: number) {
  const { households } = sender;
  const waiting = new Map<string, Sent>();
  const lags: number[] = [];
  const failures: string[] = [];
  let answered = 0;
  let sending = true;
  let settleBy = Number.POSITIVE_INFINITY;
  const poller = (async () => {
    while (sending || (waiting.size > 0 && failures.length === 0)) {
      if (performance.now() > settleBy) throw new Error(`${waiting.size} meldingen not in the read model ${SETTLE_MS / 1000} s after the last answer`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      if (waiting.size === 0) continue;
      const sent = [...waiting.values()];
      const { rows } = await readModels.query<{ trajectory_id: string }>(
        `SELECT trajectory_id::text FROM rm_trajectories
          WHERE (household_id, trajectory_id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))`,
        [sent.map((s) => s.householdId), sent.map((s) => s.trajectoryId)],
      );
      const seenAt = performance.now();
      for (const { trajectory_id } of rows) {
        lags.push(seenAt - (waiting.get(trajectory_id) as Sent).answeredAt);
        waiting.delete(trajectory_id);
      }
    }
  })();

  const send = async (household: BenchHousehold) => {
    try {
      const { trajectoryId } = await sender.send(household);
      waiting.set(trajectoryId, { householdId: household.householdId, trajectoryId, answeredAt: performance.now() });
      answered++;
    } catch (error) {
      failures.push(`${String(error)}${error instanceof Error && error.cause ? ` (${String(error.cause)})` : ''}`);
    }
  };
  const started = performance.now();
  const until = started + seconds * 1000;
  const inFlight = new Set<Promise<void>>();
  let offered = 0;
  for (let i = 0; performance.now() < until; i++) {
    const wait = started + (i * 1000) / rate - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    if (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
    const request = send(households[i % households.length]).finally(() => inFlight.delete(request));
    inFlight.add(request);
    offered++;
  }
  await Promise.all(inFlight);
  const achieved = answered / ((performance.now() - started) / 1000);
  settleBy = performance.now() + SETTLE_MS;
  sending = false;
  await poller;
  if (failures.length > 0) throw new Error(`${failures.length} of ${offered} meldingen failed, the first: ${failures[0]}`);
  return { lags, rate: achieved };
}
