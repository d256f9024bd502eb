import { ChildProcess } from 'node:child_process';
import { signAccessToken } from '@casusregie/auth';
import { PostgresDatabase } from '@casusregie/sql';
import { exited, freePort, startProcess, waitFor } from '@casusregie/test-support';

/**
 * Issue 13 at scale, by hand (not part of `npm test` or `npm run bench`): on a database filled with
 * `npm run seed -- --households 100000`, rebuilds household-read-models with `npm run projections:rebuild` while an API
 * process answers the supervisors' compliance and worklist queries the whole time, kills the rebuild with SIGKILL
 * half-way, checks that the live read models are as before, and rebuilds again to the end.
 *
 *   npm run build && DATABASE_URL=… PERSONAL_DATA_MASTER_KEY=… CASUSREGIE_BUILD_DIR=$PWD/dist \
 *     npx ts-node --transpile-only -r tsconfig-paths/register test/bench/rebuild-under-queries.ts
 *
 * Prints what it saw; exits 1 when an answer changed or the live tables moved.
 */
const PROJECTION = 'household-read-models';
const SECRET = 'rebuild-under-queries-secret-0123456789';
const TABLES = ['rm_households', 'rm_trajectories', 'rm_referrals', 'rm_norm_items', 'rm_norm_item_history'];

async function main(): Promise<void> {
  const databaseUrl = required('DATABASE_URL');
  const env = {
    EVENT_STORE: 'postgres',
    DATABASE_URL: databaseUrl,
    PERSONAL_DATA_MASTER_KEY: required('PERSONAL_DATA_MASTER_KEY'),
    AUTH_JWT_SECRET: SECRET,
  };
  const db = new PostgresDatabase({ connectionString: databaseUrl });
  const port = await freePort();
  const api = startProcess('apps/api/src/main.ts', { ...env, PORT: String(port), LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0' });
  try {
    const base = `http://127.0.0.1:${port}/api/v1`;
    await waitFor(async () => (await fetch(`${base}/health/live`).catch(() => undefined))?.ok === true, 120_000, 'the API');
    const municipality = (await db.query<{ m: string }>('SELECT municipality AS m FROM rm_households GROUP BY 1 ORDER BY count(*) DESC LIMIT 1')).rows[0].m;
    const token = signAccessToken({ sub: 'supervisor-1', roles: ['supervisor'], municipality }, SECRET, { expiresIn: '2h' });
    const paths = [
      '/norms/melding-intake/compliance?groupBy=month&asOf=2026-11-23',
      '/norms/verkennend-gesprek-4w/compliance?groupBy=quarter&asOf=2026-11-23',
      '/norms/melding-intake/items?asOf=2026-11-23&limit=100',
    ];
    const answers = async () =>
      Promise.all(paths.map(async (path) => (await fetch(`${base}${path}`, { headers: { Authorization: `Bearer ${token}` } })).text()));
    const before = await answers();
    const checksum = await checksums(db);
    log(`before: ${JSON.stringify(checksum.counts)}; ${before.map((a) => a.length).join('/')} bytes of answers`);

    let asked = 0;
    let changed = 0;
    const ask = async (child: ChildProcess) => {
      while (child.exitCode === null && child.signalCode === null) {
        const now = await answers();
        asked++;
        if (now.some((answer, i) => answer !== before[i])) changed++;
      }
    };

    const killed = startProcess('apps/projector/src/cli/rebuild-projections.ts', env, ['--projection', PROJECTION]);
    const asking = ask(killed);
    const half = Number((await db.query<{ n: string }>('SELECT count(*)::text AS n FROM events')).rows[0].n) / 2;
    await waitFor(
      async () => {
        if (killed.exitCode !== null) throw new Error(`the rebuild ended early: ${killed.output().slice(-500)}`);
        return (await rebuilt(db)) >= half;
      },
      1_800_000,
      'the rebuild to pass half the log',
    );
    log(`SIGKILL at ${await rebuilt(db)} events rebuilt`);
    killed.kill('SIGKILL');
    await exited(killed);
    await asking;
    const afterKill = await checksums(db);
    log(`after the kill: live tables ${same(checksum, afterKill) ? 'unchanged' : 'CHANGED'}; ${asked} rounds of queries, ${changed} changed`);

    const started = Date.now();
    const completed = startProcess('apps/projector/src/cli/rebuild-projections.ts', env, ['--projection', PROJECTION]);
    await ask(completed);
    const code = await exited(completed);
    const afterRebuild = await checksums(db);
    log(`second rebuild: exit ${code} in ${((Date.now() - started) / 1000).toFixed(0)} s; ${asked} rounds of queries, ${changed} changed`);
    log(`after the swap: live tables ${same(checksum, afterRebuild) ? 'equal to before' : 'DIFFERENT'}; answers ${(await answers()).every((a, i) => a === before[i]) ? 'equal' : 'DIFFERENT'}`);
    if (changed > 0 || !same(checksum, afterKill) || !same(checksum, afterRebuild) || code !== 0) process.exitCode = 1;
  } finally {
    api.kill('SIGTERM');
    await exited(api);
    await db.close();
  }
}

async function rebuilt(db: PostgresDatabase): Promise<number> {
  const { rows } = await db.query<{ n: string }>('SELECT events_processed::text AS n FROM projection_checkpoints WHERE projection = $1', [`${PROJECTION}@rebuild`]);
  return Number(rows[0]?.n ?? 0);
}

/** Per table: its row count and an md5 of its rows in a fixed order. */
async function checksums(db: PostgresDatabase): Promise<{ counts: Record<string, number>; sums: Record<string, string> }> {
  const counts: Record<string, number> = {};
  const sums: Record<string, string> = {};
  for (const table of TABLES) {
    const { rows } = await db.query<{ n: number; sum: string }>(
      `SELECT count(*)::int AS n, md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))) AS sum FROM ${table} t`,
    );
    counts[table] = rows[0].n;
    sums[table] = rows[0].sum;
  }
  return { counts, sums };
}

function same(a: { sums: Record<string, string> }, b: { sums: Record<string, string> }): boolean {
  return TABLES.every((table) => a.sums[table] === b.sums[table]);
}

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is required`);
  return value;
}

function log(line: string): void {
  process.stdout.write(`${new Date().toISOString()} ${line}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`rebuild-under-queries: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
