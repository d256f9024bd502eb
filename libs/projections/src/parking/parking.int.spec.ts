import { SqlEventStore } from '@casusregie/event-store';
import { SqlDatabase, SqlExecutor } from '@casusregie/sql';
import { EACH_SQL_DATABASE } from '@casusregie/test-support';
import { Projection } from '../projection';
import { FailedEvent, listParked } from './parked-events';
import { ProjectionRunner } from '../projection-runner';

/**
 * Writes one row per event it applies. It cannot apply a `Poison` event (a TypeError, as a malformed event gives) nor
 * a `BadDate` one (PostgreSQL refuses the date, SQLSTATE 22008), until `cured`; a `Flaky` event fails `flakyFailures`
 * times and then applies; a `Lost` event fails as a lost connection does; a `Deadlocked` event fails `deadlocks` times
 * as the victim of a deadlock (SQLSTATE 40P01), as two partitions writing shared rows can.
 */
class RecordingProjection implements Projection {
  readonly name = 'recording';
  readonly tables = ['recorded'];
  readonly migrations = [
    { version: 1, name: 'recorded', sql: 'CREATE TABLE recorded (event_id text PRIMARY KEY, stream_id text NOT NULL, on_date date)' },
    { version: 2, name: 'recorded index', sql: 'CREATE INDEX recorded_stream ON recorded (stream_id)' },
  ];
  cured = false;
  flakyFailures = 0;
  deadlocks = 0;

  async apply(tx: SqlExecutor, events: Parameters<Projection['apply']>[1]): Promise<void> {
    for (const event of events) {
      if (event.type === 'Lost') throw Object.assign(new Error('Connection terminated unexpectedly'), { code: '57P01' });
      if (event.type === 'Flaky' && this.flakyFailures-- > 0) throw new Error('flaky');
      if (event.type === 'Deadlocked' && this.deadlocks-- > 0) throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
      if (event.type === 'Poison' && !this.cured) (event.data as { missing?: { name: string } }).missing!.name.trim();
      const onDate = event.type === 'BadDate' && !this.cured ? '0000-01-01' : null;
      await tx.query('INSERT INTO recorded (event_id, stream_id, on_date) VALUES ($1, $2, $3)', [event.eventId, event.streamId, onDate]);
    }
  }
}

describe.each(EACH_SQL_DATABASE)('a projection that meets an event it cannot apply (%s)', (_kind, open) => {
  let db: SqlDatabase;
  let drop: () => Promise<void>;
  let store: SqlEventStore;
  let projection: RecordingProjection;
  let runner: ProjectionRunner;
  let parked: FailedEvent[];

  const append = async (streamId: string, ...types: string[]) =>
    (await store.appendToStream(streamId, types.map((type) => ({ type, data: {} })))).events.map((e) => e.eventId);
  const recorded = async () => (await db.query<{ event_id: string }>('SELECT event_id FROM recorded ORDER BY event_id')).rows.map((r) => r.event_id).sort();

  // One database for the file (a PGlite takes seconds to start), emptied before every test.
  beforeAll(async () => {
    ({ db, drop } = await open());
    store = await SqlEventStore.open(db);
    await new ProjectionRunner(db, store).prepare([]);
  });
  afterAll(async () => {
    await db.close();
    await drop();
  });
  beforeEach(async () => {
    await db.exec(`
      TRUNCATE events, streams;
      DROP TABLE IF EXISTS recorded; DROP SCHEMA IF EXISTS rebuild_recording CASCADE;
      DELETE FROM schema_migrations WHERE component = 'projection:recording';
      DELETE FROM projection_checkpoints WHERE projection LIKE 'recording%';
      DELETE FROM projection_parked_events WHERE projection LIKE 'recording%';`);
    projection = new RecordingProjection();
    parked = [];
    runner = new ProjectionRunner(db, store, { onParked: (_projection, failed) => parked.push(failed) });
    await runner.prepare([projection]);
  });

  it('parks it after its attempts, holds the later events of its stream, and applies everything else', async () => {
    const [a1] = await append('household-a', 'Fine');
    const [s1, poison, s3] = await append('household-s', 'Fine', 'Poison', 'Fine');
    const [b1] = await append('household-b', 'Fine');
    const [s4] = await append('household-s', 'Fine');

    const { processed } = await runner.catchUp(projection);

    expect(processed).toBe(6);
    expect(await recorded()).toEqual([a1, s1, b1].sort());
    expect(parked).toEqual([expect.objectContaining({ attempts: 3, error: { errorClass: 'TypeError', code: undefined } })]);
    expect(parked[0].event.eventId).toBe(poison);
    const rows = await listParked(db, ['recording']);
    expect(rows.map((row) => [row.eventId, row.state, row.errorClass])).toEqual([
      [poison, 'parked', 'TypeError'],
      [s3, 'held', null],
      [s4, 'held', null],
    ]);
    // A later catch-up neither tries the parked event again nor lets its household move.
    const [s5] = await append('household-s', 'Fine');
    const [b2] = await append('household-b', 'Fine');
    await runner.catchUp(projection);
    expect(await recorded()).toEqual([a1, s1, b1, b2].sort());
    expect((await listParked(db, ['recording'])).map((row) => row.eventId)).toEqual([poison, s3, s4, s5]);
    expect(parked).toHaveLength(1);
  });

  it('parks an event the database refuses, by SQLSTATE, with nothing of the value', async () => {
    const [bad] = await append('household-d', 'BadDate');
    const [fine] = await append('household-e', 'Fine');
    await runner.catchUp(projection);
    expect(await recorded()).toEqual([fine]);
    const [row] = await listParked(db, ['recording']);
    expect(row).toMatchObject({ eventId: bad, state: 'parked', errorCode: '22008', attempts: 3 });
    expect(JSON.stringify(row)).not.toContain('0000');
  });

  it('applies an event that fails fewer times than its attempts, and parks nothing', async () => {
    projection.flakyFailures = 2;
    const [flaky] = await append('household-f', 'Flaky');
    await runner.catchUp(projection);
    expect(await recorded()).toEqual([flaky]);
    expect(await listParked(db, ['recording'])).toEqual([]);
  });

  it('does a batch the server ended to break a deadlock again, and parks nothing', async () => {
    projection.deadlocks = 2;
    const events = [...(await append('household-d', 'Fine', 'Deadlocked')), ...(await append('household-e', 'Fine'))];
    await runner.catchUp(projection);
    expect(await recorded()).toEqual([...events].sort());
    expect(await listParked(db, ['recording'])).toEqual([]);
    expect((await runner.lag(projection)).eventsBehind).toBe(0);
  });

  it('parks nothing for a lost connection: the batch fails and the checkpoint stays', async () => {
    await append('household-g', 'Fine', 'Lost');
    await expect(runner.catchUp(projection)).rejects.toMatchObject({ code: '57P01' });
    expect(await recorded()).toEqual([]);
    expect(await listParked(db, ['recording'])).toEqual([]);
    expect((await runner.lag(projection)).eventsBehind).toBe(2);
  });

  it('applies the parked event and those held behind it once retried after a fix, in order', async () => {
    const [poison, held] = await append('household-s', 'Poison', 'Fine');
    await runner.catchUp(projection);
    expect(await runner.retryParked(projection)).toEqual({ applied: 0, remaining: 2 });
    expect((await listParked(db, ['recording']))[0].attempts).toBe(6);

    projection.cured = true;
    expect(await runner.retryParked(projection)).toEqual({ applied: 2, remaining: 0 });
    expect(await recorded()).toEqual([poison, held].sort());
    const [later] = await append('household-s', 'Fine');
    await runner.catchUp(projection);
    expect(await recorded()).toEqual([poison, held, later].sort());
  });

  it('skips a parked event that a correction held behind it withdraws, and applies the rest', async () => {
    const [s1, poison] = await append('household-s', 'Fine', 'Poison');
    await runner.catchUp(projection);
    const withdrawal = await store.appendToStream('household-s', [
      { type: 'EventWithdrawn', data: { withdrawnEventId: poison, withdrawnType: 'Poison' } },
    ]);
    const [after] = await append('household-s', 'Fine');
    await runner.catchUp(projection);
    expect((await listParked(db, ['recording'])).map((row) => row.state)).toEqual(['parked', 'held', 'held']);

    expect(await runner.retryParked(projection)).toEqual({ applied: 3, remaining: 0 });
    expect(await recorded()).toEqual([s1, withdrawal.events[0].eventId, after].sort());
  });

  it('rebuilds beside the live table, parks the same event again, and swaps the table in with its indexes', async () => {
    const fine = (await Promise.all(Array.from({ length: 6 }, (_, i) => append(`household-${i}`, 'Fine')))).flat();
    const [poison] = await append('household-p', 'Poison');
    await runner.catchUp(projection);
    // A row only the old table has: gone after the swap.
    await db.query(`INSERT INTO recorded (event_id, stream_id) VALUES ('only-in-the-old-table', 'x')`);

    await runner.rebuild(projection, undefined, 2);

    expect(await recorded()).toEqual(fine.sort());
    expect((await listParked(db, ['recording'])).map((row) => [row.eventId, row.state])).toEqual([[poison, 'parked']]);
    const indexes = await db.query<{ indexname: string }>(`SELECT indexname FROM pg_indexes WHERE tablename = 'recorded' ORDER BY 1`);
    expect(indexes.rows.map((row) => row.indexname)).toEqual(['recorded_pkey', 'recorded_stream']);
    const schemas = await db.query(`SELECT 1 FROM information_schema.schemata WHERE schema_name LIKE 'rebuild_%'`);
    expect(schemas.rows).toEqual([]);
    // The live checkpoint is the rebuild's: nothing is applied twice afterwards.
    const [next] = await append('household-n', 'Fine');
    await runner.catchUp(projection);
    expect(await recorded()).toEqual([...fine, next].sort());
  });

  it('leaves the live table as it was when a rebuild stops half-way, and a new rebuild completes', async () => {
    const fine = (await Promise.all(Array.from({ length: 6 }, (_, i) => append(`household-${i}`, 'Fine')))).flat();
    await runner.catchUp(projection);
    await db.query(`DELETE FROM recorded WHERE event_id = $1`, [fine[0]]);
    const before = await recorded();
    let batches = 0;
    await expect(
      runner.rebuild(
        projection,
        () => {
          if (++batches === 2) throw new Error('killed half-way');
        },
        2,
      ),
    ).rejects.toThrow('killed half-way');
    expect(await recorded()).toEqual(before);
    expect((await runner.lag(projection)).eventsBehind).toBe(0);

    await runner.rebuild(projection, undefined, 2);
    expect(await recorded()).toEqual(fine.sort());
  });

  it('says a projection needs a rebuild once its settings changed, until a rebuild records the new ones', async () => {
    expect(await runner.needingRebuild([projection])).toEqual([]);
    const withSettings = Object.assign(new RecordingProjection(), { settings: 'norms-v1' });
    await runner.prepare([withSettings]); // recorded from before settings existed: taken to be the code's
    expect(await runner.needingRebuild([withSettings])).toEqual([]);
    const changed = Object.assign(new RecordingProjection(), { settings: 'norms-v2' });
    await runner.prepare([changed]);
    expect(await runner.needingRebuild([changed])).toEqual(['recording']);
    await runner.rebuild(changed);
    expect(await runner.needingRebuild([changed])).toEqual([]);
  });

  it('reads the live table between the batches of a rebuild', async () => {
    const fine = (await Promise.all(Array.from({ length: 6 }, (_, i) => append(`household-${i}`, 'Fine')))).flat();
    await runner.catchUp(projection);
    await db.query(`DELETE FROM recorded`);
    const counts: number[] = [];
    await runner.rebuild(
      projection,
      async () => void counts.push((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM recorded')).rows[0].n),
      2,
    );
    // Every read during the rebuild saw the emptied live table, never a half-built one.
    expect(counts).toEqual([0, 0, 0, 0]);
    expect(await recorded()).toEqual(fine.sort());
  });
});
