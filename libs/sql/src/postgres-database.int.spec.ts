import { Client } from 'pg';
import { createTestDatabase, TestDatabase, waitFor } from '@casusregie/test-support';
import { describeError, isTransientDatabaseError } from './describe-error';
import { PostgresDatabase } from './postgres-database';

/**
 * A PostgreSQL connection can end under the application at any moment: an operator ends it (pg_terminate_backend),
 * the server restarts, the network goes. The driver then emits an 'error' event on the connection, which ends the
 * process if nobody listens. These tests end the connections of a real server and check that the loss reaches the
 * caller as a rejected promise and nothing else, and that the next statement works on a new connection.
 */
describe('PostgresDatabase when its connections are terminated', () => {
  let database: TestDatabase;
  let admin: Client;
  let db: PostgresDatabase;

  const backendAlive = async (pid: number) =>
    (await admin.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid])).rowCount === 1;
  const terminate = async (pid: number) => {
    await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    await waitFor(async () => !(await backendAlive(pid)), 10_000, `backend ${pid} to end`);
  };
  const terminateAll = () =>
    admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');

  beforeAll(async () => {
    database = await createTestDatabase();
    admin = new Client({ connectionString: database.url });
    await admin.connect();
  });

  beforeEach(() => {
    db = new PostgresDatabase({ connectionString: database.url, maxConnections: 4 });
  });

  afterEach(() => db.close());

  afterAll(async () => {
    await admin?.end();
    await database?.drop();
  });

  it('a connection ended between two statements of a transaction fails the transaction, and the next one works', async () => {
    const failure = await db
      .transaction(async (tx) => {
        const { rows } = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        await terminate(rows[0].pid);
        // Lets the driver read the end of the connection while no statement runs: that is when it emits 'error'.
        await new Promise((resolve) => setTimeout(resolve, 100));
        await tx.query('SELECT 1');
      })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(failure).toBeInstanceOf(Error);
    expect({ transient: isTransientDatabaseError(failure), described: describeError(failure) }).toEqual({
      transient: true,
      described: expect.any(String),
    });
    await expect(db.transaction((tx) => tx.query<{ one: number }>('SELECT 1 AS one'))).resolves.toEqual({ rows: [{ one: 1 }], affectedRows: 1 });
  });

  it('a connection ended during a statement of a transaction fails it with a transient error, and nothing of it is committed', async () => {
    await db.exec('CREATE TABLE IF NOT EXISTS written (n int)');
    let pid = 0;
    const transaction = db.transaction(async (tx) => {
      pid = (await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
      await tx.query('INSERT INTO written VALUES (1)');
      await tx.query('SELECT pg_sleep(30)');
    });
    await waitFor(
      async () => pid !== 0 && (await admin.query(`SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND query LIKE '%pg_sleep%'`, [pid])).rowCount === 1,
      10_000,
      'the statement to run',
    );
    await terminate(pid);
    const failure = await transaction.then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(isTransientDatabaseError(failure)).toBe(true);
    expect((await db.query('SELECT * FROM written')).rows).toEqual([]);
  });

  it('connections ended while idle in the pool, or in use by plain queries, fail at most the statements under way', async () => {
    // Fill the pool with connections.
    await Promise.all([...Array(4)].map(() => db.query('SELECT pg_sleep(0.05)')));
    const underWay = Promise.allSettled([...Array(4)].map(() => db.query('SELECT pg_sleep(5)')));
    await waitFor(
      async () => (await admin.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'SELECT pg_sleep(5)%'`)).rowCount === 4,
      10_000,
      'four statements to run',
    );
    await terminateAll();
    const outcomes = await underWay;
    for (const outcome of outcomes) {
      expect(outcome.status).toBe('rejected');
      expect(isTransientDatabaseError((outcome as PromiseRejectedResult).reason)).toBe(true);
    }
    // The pool has noticed and opens new connections; within moments every statement works again.
    await waitFor(
      async () => (await Promise.allSettled([...Array(4)].map(() => db.query('SELECT 1')))).every((outcome) => outcome.status === 'fulfilled'),
      10_000,
      'statements to work again',
    );
  });

  it('transactions under way while every connection is ended repeatedly each end in commit or a transient error', async () => {
    await db.exec('CREATE TABLE IF NOT EXISTS counted (n int)');
    let stop = false;
    const worker = async () => {
      const outcomes: string[] = [];
      while (!stop) {
        try {
          await db.transaction(async (tx) => {
            await tx.query('INSERT INTO counted VALUES (1)');
            await tx.query('SELECT pg_sleep(0.01)');
            await tx.query('INSERT INTO counted VALUES (2)');
          });
          outcomes.push('committed');
        } catch (error) {
          outcomes.push(isTransientDatabaseError(error) ? 'transient' : describeError(error));
        }
      }
      return outcomes;
    };
    const workers = [...Array(6)].map(worker);
    for (let round = 0; round < 10; round++) {
      await terminateAll();
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    stop = true;
    const outcomes = (await Promise.all(workers)).flat();
    expect(outcomes.filter((outcome) => outcome !== 'committed' && outcome !== 'transient')).toEqual([]);
    expect(outcomes).toContain('transient');
    // Each transaction is all or nothing: the rows come in pairs.
    const { rows } = await db.query<{ n: number; count: number }>('SELECT n, count(*)::int AS count FROM counted GROUP BY n ORDER BY n');
    expect(rows[0].count).toBe(rows[1].count);
    // (At least: a COMMIT whose answer was lost with its connection counts as transient, yet committed.)
    expect(rows[0].count).toBeGreaterThanOrEqual(outcomes.filter((outcome) => outcome === 'committed').length);
  });
});
