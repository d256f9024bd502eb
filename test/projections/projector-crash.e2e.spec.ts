import { SqlEventStore } from '@casusregie/event-store';
import { HouseholdRepository, PersonalDataVault } from '@casusregie/households';
import { ProjectionRunner } from '@casusregie/projections';
import { allProjections } from '@casusregie/runtime';
import { generateHouseholds } from '@casusregie/seeds';
import { PostgresDatabase, SqlDatabase } from '@casusregie/sql';
import {
  allProcessed,
  createTestDatabase,
  createTestRedis,
  dumpReadModels,
  eventsProcessed,
  exited,
  startProcess,
  TEST_MASTER_KEY,
  TestDatabase,
  TestRedis,
  waitFor,
} from '@casusregie/test-support';

/**
 * The BullMQ path against the real Redis: a projector process is killed (SIGKILL) in the middle of catching up and
 * started again. A batch and its checkpoint share one transaction, so the killed batch left nothing behind and is
 * done again: the read models must equal a rebuild from zero — no event lost, none counted twice.
 *
 * "In the middle" is made certain with PostgreSQL's locks, not left to timing: the test holds a SHARE lock on
 * rm_households (reads go on, writes wait), so a batch of the read models moves its checkpoint and then waits at its
 * first write to that table, with its transaction open. The kill comes while the second batch waits so, the first
 * one committed.
 */
describe('projector killed mid-batch and restarted (PostgreSQL + Redis)', () => {
  let database: TestDatabase;
  let rebuildDatabase: TestDatabase;
  let db: PostgresDatabase;
  // A key prefix of its own, so that no other test's queue jobs reach this test's projector.
  let redis: TestRedis;

  beforeAll(async () => {
    database = await createTestDatabase();
    rebuildDatabase = await createTestDatabase();
    db = new PostgresDatabase({ connectionString: database.url });
    redis = createTestRedis();
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
    await rebuildDatabase?.drop();
    await redis?.remove();
  });

  it('ends with read models identical to a rebuild from zero', async () => {
    const store = await SqlEventStore.open(db);
    const personalData = await PersonalDataVault.open(db, TEST_MASTER_KEY);
    const projections = allProjections({ personalData });
    const { events: total } = await generateHouseholds(new HouseholdRepository(store, personalData), { households: 250, seed: 42 });
    expect(total).toBeGreaterThan(2500);

    const env = {
      EVENT_STORE: 'postgres',
      DATABASE_URL: database.url,
      ...redis.env,
      AUTH_JWT_SECRET: 'projector-crash-test-secret-0123456789',
      PERSONAL_DATA_MASTER_KEY: TEST_MASTER_KEY,
      PROJECTOR_PORT: '0',
    };
    const processed = async (name: string) => (await eventsProcessed(db, projections))[name];

    // The tables exist before the projector starts (as the api would have made them), so that they can be locked.
    await new ProjectionRunner(db, store).prepare(projections);
    const firstLock = holdInTransaction(db, 'LOCK TABLE rm_households IN SHARE MODE');
    await firstLock.taken;
    const first = startProcess('apps/projector/src/main.ts', env);
    let secondLock: ReturnType<typeof holdInTransaction> | undefined;
    try {
      await waitFor(async () => (await waitingToWrite(db, 'rm_households')).length === 1, 60_000, 'the first batch waiting');
      // A second SHARE lock queues behind the waiting batch, so it is granted when that batch commits: before the next.
      secondLock = holdInTransaction(db, 'LOCK TABLE rm_households IN SHARE MODE');
      await waitFor(async () => (await waitingToWrite(db, 'rm_households')).length === 2, 60_000, 'the second lock queued');
      await firstLock.release();
      await secondLock.taken;
      let waiting: Waiting[] = [];
      await waitFor(async () => (waiting = await waitingToWrite(db, 'rm_households')).length === 1, 60_000, 'the second batch waiting');
      const committed = await processed('household-read-models');
      expect(committed).toBeGreaterThan(0);
      expect(committed).toBeLessThan(total);
      // Its transaction has written (it has an id): the batch's checkpoint, not yet committed.
      expect(waiting[0].xid).not.toBeNull();

      first.kill('SIGKILL');
      await exited(first);
      await secondLock.release();
      // Its backend notices the client gone and rolls the transaction back: the checkpoint stays where it was.
      await waitFor(async () => !(await backendAlive(db, waiting[0].pid)), 60_000, 'the killed batch rolled back');
      expect(await processed('household-read-models')).toBe(committed);
    } finally {
      if (first.exitCode === null) first.kill('SIGKILL');
      await firstLock.release();
      await secondLock?.release();
    }

    const second = startProcess('apps/projector/src/main.ts', env);
    try {
      await waitFor(
        async () => Object.values(await eventsProcessed(db, projections)).every((n) => n === total),
        90_000,
        `every projection at ${total} events (${second.output()})`,
      );
      expect(await eventsProcessed(db, projections)).toEqual(allProcessed(projections, total));
      second.kill('SIGTERM');
      expect(await exited(second)).toBe(0);
    } finally {
      if (second.exitCode === null) second.kill('SIGKILL');
    }

    const rebuildModels = new PostgresDatabase({ connectionString: rebuildDatabase.url });
    try {
      const runner = new ProjectionRunner(rebuildModels, store);
      // The data keys stay in the first database: the rebuild's directory opens names with them.
      await runner.prepare(projections);
      for (const projection of projections) await runner.rebuild(projection);
      expect(await eventsProcessed(rebuildModels, projections)).toEqual(allProcessed(projections, total));
      const actual = await dumpReadModels(db, projections);
      const expected = await dumpReadModels(rebuildModels, projections);
      for (const table of Object.keys(expected)) expect({ table, rows: actual[table] }).toEqual({ table, rows: expected[table] });
    } finally {
      await rebuildModels.close();
    }
  }, 180_000);
});

/** A backend of this database waiting for a lock on a table, and its transaction id (null until it has written). */
interface Waiting {
  pid: number;
  xid: string | null;
}

async function waitingToWrite(db: SqlDatabase, table: string): Promise<Waiting[]> {
  const { rows } = await db.query<Waiting>(
    `SELECT a.pid, a.backend_xid::text AS xid
       FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'relation' AND NOT l.granted AND l.relation = $1::regclass
        AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
      ORDER BY a.pid`,
    [table],
  );
  return rows;
}

async function backendAlive(db: SqlDatabase, pid: number): Promise<boolean> {
  return (await db.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid])).rows.length > 0;
}

/** Runs `sql` in a transaction of its own, kept open (with its locks) until `release`; `taken` once `sql` has run. */
function holdInTransaction(db: SqlDatabase, sql: string): { taken: Promise<void>; release: () => Promise<void> } {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let taken!: () => void;
  const ran = new Promise<void>((resolve) => (taken = resolve));
  const done = db.transaction(async (tx) => {
    await tx.exec(sql);
    taken();
    await released;
  });
  return {
    taken: Promise.race([ran, done]),
    release: async () => {
      release();
      await done;
    },
  };
}
