import { SqlEventStore } from '@casusregie/event-store';
import { Projection, ProjectionRunner } from '@casusregie/projections';
import { PGliteDatabase } from '@casusregie/sql';
import { openInMemoryPGlite } from '@casusregie/test-support';
import { InProcessProjections } from './in-process-projections';

/** Counts the events it applied, and the size of each batch it was given; tells `onBatch` as each batch is applied. */
class CountingProjection implements Projection {
  readonly name = 'counting';
  readonly migrations = [{ version: 1, name: 'applied', sql: 'CREATE TABLE applied (n int NOT NULL)' }];
  readonly tables = ['applied'];
  readonly batches: number[] = [];
  onBatch: () => void = () => undefined;

  async apply(tx: Parameters<Projection['apply']>[0], events: Parameters<Projection['apply']>[1]): Promise<void> {
    this.batches.push(events.length);
    this.onBatch();
    await tx.query('INSERT INTO applied (n) SELECT generate_series(1, $1::int)', [events.length]);
  }
}

describe('InProcessProjections (PGlite)', () => {
  let db: PGliteDatabase;
  let eventStore: SqlEventStore;
  let projection: CountingProjection;
  let runner: ProjectionRunner;

  beforeEach(async () => {
    db = await openInMemoryPGlite();
    eventStore = await SqlEventStore.open(db);
    projection = new CountingProjection();
    runner = new ProjectionRunner(db, eventStore);
    await runner.prepare([projection]);
    await eventStore.appendToStream('test-1', Array.from({ length: 350 }, (_, i) => ({ type: 'Counted', data: { i } })));
  });
  afterEach(async () => {
    await db.close();
  });

  const applied = async () => Number((await db.query<{ n: string }>('SELECT count(*)::text AS n FROM applied')).rows[0].n);

  it('catches up in small batches, and settle() waits for all of them', async () => {
    const projections = new InProcessProjections(runner, [projection], () => undefined, 60_000, 100);
    projections.notify();
    await projections.settle();
    expect(await applied()).toBe(350);
    expect(projection.batches).toEqual([100, 100, 100, 50]);
    await projections.stop();
  });

  it('lets other work on the database in between two batches of a catch-up', async () => {
    const projections = new InProcessProjections(runner, [projection], () => undefined, 60_000, 100);
    // A request arrives (on a later turn of the event loop, as an HTTP request would) while the first batch is being
    // applied. It must be answered between two batches: after the first, before the last; not once all are done.
    let request: Promise<number> | undefined;
    projection.onBatch = () => {
      request ??= new Promise<number>((resolve, reject) => setImmediate(() => applied().then(resolve, reject)));
    };
    projections.notify();
    await projections.settle();
    const seenByRequest = await request;
    expect(seenByRequest).toBeGreaterThan(0);
    expect(seenByRequest).toBeLessThan(350);
    expect(await applied()).toBe(350);
    await projections.stop();
  });
});
