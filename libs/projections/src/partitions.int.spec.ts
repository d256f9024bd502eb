import { SqlEventStore } from '@casusregie/event-store';
import { SqlDatabase, SqlExecutor } from '@casusregie/sql';
import { EACH_SQL_DATABASE } from '@casusregie/test-support';
import { partitionOfStream, partitionsOf } from './partitions';
import { Projection } from './projection';
import { ProjectionRunner } from './projection-runner';

/** Counts the events of each stream; its `counted_by_count` index is one a rebuild makes at the end. */
const counting: Projection = {
  name: 'counting',
  tables: ['counted'],
  settings: 'v1',
  migrations: [
    { version: 1, name: 'counted', sql: 'CREATE TABLE counted (stream_id text PRIMARY KEY, n int NOT NULL)' },
    { version: 2, name: 'counted index', sql: 'CREATE INDEX counted_by_count ON counted (n DESC, stream_id)' },
  ],
  async apply(tx: SqlExecutor, events) {
    for (const event of events) {
      await tx.query('INSERT INTO counted (stream_id, n) VALUES ($1, 1) ON CONFLICT (stream_id) DO UPDATE SET n = counted.n + 1', [event.streamId]);
    }
  },
};

describe('partitionOfStream', () => {
  it('puts a household always in one partition, households in every partition, and other streams in partition 0', () => {
    const households = Array.from({ length: 40 }, (_, i) => `household-00000000-0000-4000-8000-0000000000${String(i).padStart(2, '0')}`);
    expect(new Set(households.map((stream) => partitionOfStream(stream, 3)))).toEqual(new Set([0, 1, 2]));
    expect(households.map((stream) => partitionOfStream(stream, 3))).toEqual(households.map((stream) => partitionOfStream(stream, 3)));
    expect(partitionOfStream('provider-agb-1', 3)).toBe(0);
  });
});

describe.each(EACH_SQL_DATABASE)('a projection split into partitions (%s)', (_kind, open) => {
  let db: SqlDatabase;
  let drop: () => Promise<void>;
  let store: SqlEventStore;

  const appendTo = async (count: number) => {
    for (let i = 0; i < count; i++) await store.appendToStream(`household-h${i % 7}`, [{ type: 'Counted', data: {} }]);
    await store.appendToStream('provider-p', [{ type: 'Counted', data: {} }]);
  };
  const counted = async () => (await db.query<{ stream_id: string; n: number }>('SELECT stream_id, n FROM counted ORDER BY stream_id')).rows;
  const settings = async () =>
    (await db.query<{ projection: string; settings: string }>("SELECT projection, settings FROM projection_checkpoints WHERE projection LIKE 'counting%' ORDER BY 1")).rows;
  const indexes = async () =>
    (await db.query<{ def: string }>("SELECT indexdef AS def FROM pg_indexes WHERE tablename = 'counted' AND schemaname = current_schema() ORDER BY indexname")).rows;

  beforeAll(async () => {
    ({ db, drop } = await open());
    store = await SqlEventStore.open(db);
  });
  afterAll(async () => {
    await db.close();
    await drop();
  });

  it('goes on from where the whole projection stood when split, and asks for a rebuild when split anew while its partitions stand apart', async () => {
    const runner = new ProjectionRunner(db, store);
    await runner.prepare([counting]);
    await appendTo(20);
    await runner.catchUp(counting, 5);
    const whole = await counted();
    const definitions = await indexes();

    // Split in two: both partitions start where the whole stood, and together they go on exactly as it would have.
    const [zero, one] = partitionsOf(counting, 2);
    await runner.prepare([zero, one]);
    expect((await settings()).map((row) => row.projection)).toEqual(['counting#0/2', 'counting#1/2']);
    await appendTo(14);
    await runner.catchUp(zero, 3);
    await runner.catchUp(one, 4);
    const expected = whole.map((row) => ({ ...row, n: row.n + (row.stream_id === 'provider-p' ? 1 : 2) }));
    expect(await counted()).toEqual(expected);

    // One partition further than the other, then split in three: nobody knows where each household stands.
    await appendTo(7);
    await runner.catchUp(zero);
    const three = partitionsOf(counting, 3);
    await runner.prepare(three);
    expect(await runner.needingRebuild(three)).toEqual(three.map((p) => p.name));
    await expect(runner.catchUp(three[1])).rejects.toThrow(/needs a rebuild/);

    // A rebuild of the three partitions, one after another here, swaps all in when the last is done.
    const before = await counted();
    await runner.rebuild(three[0]);
    await runner.rebuild(three[2]);
    expect(await counted()).toEqual(before);
    await runner.rebuild(three[1]);
    expect(await runner.needingRebuild(three)).toEqual([]);
    const rebuilt = await counted();
    expect(rebuilt.map((row) => row.n).reduce((a, b) => a + b)).toBe(await store.countEvents?.());
    expect(await indexes()).toEqual(definitions);
    for (const partition of three) expect((await runner.catchUp(partition)).processed).toBe(0);
  });
});
