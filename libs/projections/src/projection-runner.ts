import { EventStore, RecordedEvent } from '@casusregie/event-store';
import { isRolledBackForConflict, Migration, runMigrations, SqlDatabase, SqlExecutor } from '@casusregie/sql';
import { applyOrPark, mayBeFaultOfEvent } from './parking/apply-or-park';
import { FailedEvent, heldStreams, parkedEventsMigration, recordParked } from './parking/parked-events';
import { Projection } from './projection';
import { ShadowSchema } from './shadow-schema';
import { arrangementOf, familyOf } from './partitions';

const checkpointMigrations: Migration[] = [
  {
    version: 1,
    name: 'projection checkpoints',
    sql: `
      CREATE TABLE projection_checkpoints (
        projection       text        PRIMARY KEY,
        checkpoint       text,
        events_processed bigint      NOT NULL DEFAULT 0,
        updated_at       timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
  parkedEventsMigration,
  {
    version: 3,
    name: 'settings the read models were built with',
    sql: `ALTER TABLE projection_checkpoints ADD COLUMN settings text;`,
  },
];

export interface ProjectionLag {
  projection: string;
  eventsBehind: number;
  /** True when there are more events behind than were counted. */
  eventsBehindIsLowerBound: boolean;
  /** Age of the oldest event not yet applied; 0 when up to date. */
  secondsBehind: number;
}

export interface CatchUpResult {
  /** Events read by this call and passed (applied, parked or held). */
  processed: number;
}

/** Where the time of one committed batch went, from the read of the log to the commit that made it visible. */
export interface AppliedBatch {
  /** Checkpoint slot: the projection's name, or its rebuild's. */
  slot: string;
  /** When each event of the batch was appended (the store's clock), in log order. */
  recordedAt: readonly Date[];
  /** Seconds reading the batch from the log, applying it in the transaction, and committing. */
  readSeconds: number;
  applySeconds: number;
  commitSeconds: number;
  /** When the commit returned (epoch ms): from here on the batch's rows are visible to every query. */
  visibleAt: number;
}

export interface ProjectionRunnerOptions {
  /** Told once for every event that is parked (after its attempts), e.g. to log it by ids, class and code. */
  onParked?: (projection: string, failed: FailedEvent) => void;
  /** Told after every committed batch where its time went (the projector turns it into lag metrics). */
  onBatchApplied?: (batch: AppliedBatch) => void;
}

/**
 * Where a projection is applied: its live tables under its own name, or during a rebuild a shadow schema beside
 * them, with a checkpoint (and parked events) of its own.
 */
interface Target {
  projection: Projection;
  /** Key of its checkpoint and of its parked events. */
  slot: string;
  shadow?: ShadowSchema;
}

/**
 * The settings recorded for checkpoints that cannot go on: their projection was split into another number of
 * partitions while the old ones stood at different events (see prepareCheckpoints). Only a rebuild clears it.
 */
const REARRANGED = 'rearranged: rebuild needed';

/** How often a batch the server rolled back to settle a conflict (a deadlock) is done again before the error stands. */
const CONFLICT_ATTEMPTS = 5;

/** When a rebuild first gathers statistics on its shadow tables, before the end. */
const STATISTICS_AFTER_BATCHES = 10;

/**
 * Moves projections forward along the event log. Each batch is applied and the checkpoint moved in one SQL
 * transaction, and the checkpoint only moves if nobody else moved it since it was read (compare-and-set), so several
 * runners (api and projector processes) may catch up the same projection at once without counting an event twice.
 *
 * A projection never stops for one event: a batch that fails for a reason of its own (not a lost connection) is done
 * again event group by event group, and the events that still fail are parked (see parking/parked-events.ts).
 *
 * The batch is read before the transaction starts: in embedded mode the event log and the read models share one
 * PGlite connection, which a read inside the transaction would wait for forever.
 */
export class ProjectionRunner {
  constructor(
    private readonly db: SqlDatabase,
    private readonly eventStore: EventStore,
    private readonly options: ProjectionRunnerOptions = {},
  ) {}

  /**
   * Creates the checkpoint table and the projections' tables (once per projection, however many partitions it has),
   * and the checkpoints of the way each is run: whole, or in partitions (partitions.ts). Idempotent.
   */
  async prepare(projections: readonly Projection[]): Promise<void> {
    await runMigrations(this.db, 'projection-checkpoints', checkpointMigrations);
    const prepared = new Set<string>();
    for (const projection of projections) {
      const family = familyOf(projection);
      if (prepared.has(family)) continue;
      prepared.add(family);
      await runMigrations(this.db, `projection:${family}`, projection.migrations);
      await this.prepareCheckpoints(projection);
    }
  }

  /**
   * The checkpoints of the arrangement `projection` belongs to (its own, or one per partition). A new arrangement of
   * tables another arrangement built (the number of partitions changed) takes over where that one stood, when all its
   * checkpoints stand at one event: the rows of a household are all made by one partition, so a partition can go on
   * from there. Otherwise it cannot know where each household stands: its checkpoints are marked as needing a rebuild,
   * and they refuse to catch up until one swaps new tables in.
   */
  private async prepareCheckpoints(projection: Projection): Promise<void> {
    const family = familyOf(projection);
    const slots = arrangementOf(projection);
    await this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`projection-checkpoints:${family}`]);
      // One from before settings were recorded is taken to be built with the code's.
      await tx.query('UPDATE projection_checkpoints SET settings = $2 WHERE projection = ANY($1::text[]) AND settings IS NULL', [
        slots,
        projection.settings ?? null,
      ]);
      const { rows } = await tx.query<{ projection: string; checkpoint: string | null; events_processed: string; settings: string | null }>(
        `SELECT projection, checkpoint, events_processed::text, settings FROM projection_checkpoints
          WHERE (projection = $1 OR starts_with(projection, $1 || '#')) AND NOT projection LIKE '%@rebuild'
          FOR UPDATE`,
        [family],
      );
      // Locked (FOR UPDATE): a catch-up of the old arrangement still running finishes first, or finds its checkpoint gone.
      const existing = new Set(rows.map((row) => row.projection));
      const missing = slots.filter((slot) => !existing.has(slot));
      if (missing.length === 0) return;
      const others = rows.filter((row) => !slots.includes(row.projection));
      let start: { checkpoint: string | null; settings: string | null } = { checkpoint: null, settings: projection.settings ?? null };
      if (missing.length < slots.length || new Set(others.map((row) => row.checkpoint)).size > 1) {
        start = { checkpoint: null, settings: REARRANGED };
      } else if (others.length > 0) {
        start = { checkpoint: others[0].checkpoint, settings: others[0].settings };
      }
      await tx.query(
        'INSERT INTO projection_checkpoints (projection, checkpoint, settings) SELECT unnest($1::text[]), $2, $3',
        [missing, start.checkpoint, start.settings],
      );
      // The other arrangement's checkpoints no longer say where its tables stand.
      await tx.query('DELETE FROM projection_checkpoints WHERE projection = ANY($1::text[])', [others.map((row) => row.projection)]);
    });
  }

  /** The projections whose live tables were built with other settings than the code's: they need a rebuild. */
  async needingRebuild(projections: readonly Projection[]): Promise<string[]> {
    const { rows } = await this.db.query<{ projection: string; settings: string | null }>(
      'SELECT projection, settings FROM projection_checkpoints WHERE projection = ANY($1::text[])',
      [projections.map((p) => p.name)],
    );
    const built = new Map(rows.map((row) => [row.projection, row.settings]));
    return projections
      .filter((p) => built.get(p.name) === REARRANGED || (p.settings !== undefined && built.has(p.name) && built.get(p.name) !== p.settings))
      .map((p) => p.name);
  }

  /** Applies batches until the projection has reached the end of the log (or `maxBatches` were applied). */
  catchUp(projection: Projection, batchSize = 1000, maxBatches = Number.POSITIVE_INFINITY): Promise<CatchUpResult> {
    return this.catchUpTarget({ projection, slot: projection.name }, batchSize, maxBatches);
  }

  /**
   * Builds the projection anew from the first event without taking the live read models away: into a shadow schema
   * beside them, up to the end of the log, and then swapped in with the checkpoint in one transaction. Until then
   * every query reads the old tables; a rebuild that dies on the way leaves them as they were, and the next one starts
   * over. Events it cannot apply are parked as in any catch-up. Ends with the projection's `afterRebuild`.
   * `onProgress` is called after every batch with the events passed so far.
   *
   * A partition (partitions.ts) is built into the shadow schema its sibling partitions share, and the last one to
   * reach the end swaps them all in; run one rebuild per partition, in as many processes.
   */
  rebuild(projection: Projection, onProgress?: (applied: number) => void | Promise<void>, batchSize = 1000): Promise<CatchUpResult> {
    return this.rebuildAll([projection], onProgress, batchSize);
  }

  /**
   * Rebuilds several projections as {@link rebuild} does, reading the log once for all of them: each batch read is
   * applied to every projection's shadow tables, each projection in a transaction of its own with its own checkpoint
   * (so that an event one projection parks is that projection's business alone, as in a catch-up), and each is
   * swapped in when it reached the end. `processed` and `onProgress` count the events read.
   */
  async rebuildAll(projections: readonly Projection[], onProgress?: (applied: number) => void | Promise<void>, batchSize = 1000): Promise<CatchUpResult> {
    const targets: Target[] = [];
    for (const projection of projections) {
      const shadow = await ShadowSchema.create(this.db, projection);
      targets.push({ projection, slot: shadow.slot, shadow });
    }
    let processed = 0;
    for (let batch = 1; ; batch++) {
      const step = await this.applyNextBatch(targets, batchSize);
      processed += step;
      await onProgress?.(processed);
      if (step === 0) break;
      // Fresh tables have no statistics (PGlite and a server without autovacuum never make any), and without them
      // PostgreSQL guesses that a batch's `household_id = ANY(…)` matches half the table and reads all of it.
      if (batch === STATISTICS_AFTER_BATCHES) for (const target of targets) await target.shadow?.analyze();
    }
    for (const { projection, shadow } of targets) {
      const swapped = await shadow?.finish();
      if (swapped && projection.afterRebuild !== undefined) await this.db.exec(projection.afterRebuild);
    }
    return { processed };
  }

  /**
   * Reads the next batch once for all targets that stand at the same checkpoint (in a rebuild all of them) and
   * applies it to each. Returns the most events one target passed; 0 when every target is at the end of the log.
   */
  private async applyNextBatch(targets: readonly Target[], batchSize: number): Promise<number> {
    for (;;) {
      const checkpoints = await this.checkpointsOf(targets.map((target) => target.slot));
      const groups = new Map<string | undefined, Target[]>();
      for (const target of targets) {
        const checkpoint = checkpoints.get(target.slot);
        groups.set(checkpoint, [...(groups.get(checkpoint) ?? []), target]);
      }
      let passed = 0;
      let atEnd = true;
      for (const [checkpoint, group] of groups) {
        const batch = await this.eventStore.readAll({ after: checkpoint, limit: batchSize });
        if (batch.events.length === 0) continue;
        atEnd = false;
        for (const target of group) {
          if (await this.applyRead(target, checkpoint, batch.checkpoint, batch.events)) passed = Math.max(passed, batch.events.length);
        }
      }
      // When another runner moved a checkpoint first, read from where it stands now.
      if (passed > 0 || atEnd) return passed;
    }
  }

  /** How far behind the log a projection is: events not yet applied, and the age of the oldest of them. */
  async lag(projection: Projection, countUpTo = 10_000): Promise<ProjectionLag> {
    const checkpoint = await this.checkpointOf(projection.name);
    const behind = await this.eventStore.readAll({ after: checkpoint, limit: countUpTo });
    const oldest = behind.events[0];
    return {
      projection: projection.name,
      eventsBehind: behind.events.length,
      eventsBehindIsLowerBound: !behind.isEnd,
      secondsBehind: oldest === undefined ? 0 : Math.max(0, (Date.now() - oldest.recordedAt.getTime()) / 1000),
    };
  }

  /**
   * Tries the parked events of a projection again, each household's parked event with the events held behind it, in
   * order (after a code fix, or once the event is repaired or withdrawn by a correction: a withdrawn one is skipped).
   * What applies now is no longer parked; what still fails stays parked, with its attempts counted. Returns how many
   * events were applied (or skipped as withdrawn) and how many remain parked or held.
   */
  async retryParked(projection: Projection): Promise<{ applied: number; remaining: number }> {
    const streams = await this.db.query<{ stream_id: string }>(
      `SELECT DISTINCT stream_id FROM projection_parked_events WHERE projection = $1 AND state = 'parked'`,
      [projection.name],
    );
    let applied = 0;
    for (const { stream_id: streamId } of streams.rows) applied += await this.retryStream(projection, streamId);
    const { rows } = await this.db.query<{ n: string }>('SELECT count(*)::text AS n FROM projection_parked_events WHERE projection = $1', [
      projection.name,
    ]);
    return { applied, remaining: Number(rows[0].n) };
  }

  private async retryStream(projection: Projection, streamId: string): Promise<number> {
    const rowsOf = async (db: SqlExecutor) =>
      (
        await db.query<{ event_id: string; stream_version: string }>(
          'SELECT event_id, stream_version::text FROM projection_parked_events WHERE projection = $1 AND stream_id = $2 ORDER BY stream_version',
          [projection.name, streamId],
        )
      ).rows;
    const rows = await rowsOf(this.db);
    if (rows.length === 0) return 0;
    const ids = new Set(rows.map((row) => row.event_id));
    const stream = await this.eventStore.readStream(streamId, { fromVersion: Number(rows[0].stream_version) });
    const events = stream.events.filter((event) => ids.has(event.eventId));
    // An event withdrawn by a correction held behind it is skipped: the withdrawal says it never happened, and
    // every projection folds a household as if a withdrawn event were not there.
    const withdrawn = new Set(events.filter((event) => event.type === 'EventWithdrawn').map((event) => String(event.data.withdrawnEventId)));
    const toApply = events.filter((event) => !withdrawn.has(event.eventId));
    return this.db.transaction(async (tx) => {
      // The checkpoint's row lock keeps a catch-up from holding more events of this stream meanwhile.
      await tx.query('SELECT checkpoint FROM projection_checkpoints WHERE projection = $1 FOR UPDATE', [projection.name]);
      const now = await rowsOf(tx);
      if (now.length !== events.length || now.some((row) => !ids.has(row.event_id))) return 0; // moved meanwhile: next retry
      const outcome = await applyOrPark(tx, projection, toApply, new Set());
      const stillParked = new Set([...outcome.failed.map((f) => f.event.eventId), ...outcome.held.map((e) => e.eventId)]);
      const applied = events.filter((event) => !stillParked.has(event.eventId)).map((event) => event.eventId);
      await tx.query('DELETE FROM projection_parked_events WHERE projection = $1 AND event_id = ANY($2::text[])', [projection.name, applied]);
      await recordParked(tx, projection.name, outcome.failed, outcome.held);
      this.reportParked(projection.name, outcome.failed);
      return applied.length;
    });
  }

  private async catchUpTarget(target: Target, batchSize: number, maxBatches: number): Promise<CatchUpResult> {
    let processed = 0;
    let batches = 0;
    for (;;) {
      if (batches >= maxBatches) return { processed };
      const readStarted = performance.now();
      const checkpoint = await this.checkpointOf(target.slot);
      const batch = await this.eventStore.readAll({ after: checkpoint, limit: batchSize });
      if (batch.events.length === 0) return { processed };
      const moved = await this.applyRead(target, checkpoint, batch.checkpoint, batch.events, (performance.now() - readStarted) / 1000);
      // When another runner got there first, read its checkpoint and go on from there.
      if (moved) {
        processed += batch.events.length;
        batches++;
      }
      if (moved && batch.isEnd) return { processed };
    }
  }

  /** Applies a batch read after `from` (reading it took `readSeconds`); false when another runner had moved the checkpoint. */
  private async applyRead(
    target: Target,
    from: string | undefined,
    to: string | undefined,
    events: readonly RecordedEvent[],
    readSeconds = 0,
  ): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.applyBatch(target, from, to, events, false, readSeconds);
      } catch (error) {
        // Partitions of one projection share some rows (e.g. counts): the server may end one of two batches to break
        // a deadlock. It was rolled back whole, checkpoint included: do it again.
        if (isRolledBackForConflict(error) && attempt < CONFLICT_ATTEMPTS) continue;
        if (!mayBeFaultOfEvent(error)) throw error;
        // Something in the batch cannot be applied: the same batch again, finding and parking what fails.
        return this.applyBatch(target, from, to, events, true, readSeconds);
      }
    }
  }

  /** One batch in one transaction with its checkpoint; false when another runner had moved the checkpoint. */
  private async applyBatch(
    target: Target,
    from: string | undefined,
    to: string | undefined,
    events: readonly RecordedEvent[],
    isolateFailures: boolean,
    readSeconds = 0,
  ): Promise<boolean> {
    const started = performance.now();
    let applied = started;
    const failed = await this.db.transaction(async (tx) => {
      const claimed = await tx.query(
        `UPDATE projection_checkpoints
            SET checkpoint = $2, events_processed = events_processed + $4, updated_at = now()
          WHERE projection = $1 AND checkpoint IS NOT DISTINCT FROM $3`,
        [target.slot, to, from ?? null, events.length],
      );
      if (claimed.affectedRows !== 1) return undefined;
      await target.shadow?.use(tx);
      const held = await heldStreams(tx, target.slot, events.map((event) => event.streamId));
      if (!isolateFailures && held.size === 0) {
        await target.projection.apply(tx, events);
        applied = performance.now();
        return [];
      }
      const outcome = isolateFailures
        ? await applyOrPark(tx, target.projection, events, held)
        : await applyHeldApart(tx, target.projection, events, held);
      await recordParked(tx, target.slot, outcome.failed, outcome.held);
      applied = performance.now();
      return outcome.failed;
    });
    if (failed === undefined) return false;
    const committed = performance.now();
    this.reportParked(target.slot, failed);
    this.options.onBatchApplied?.({
      slot: target.slot,
      recordedAt: events.map((event) => event.recordedAt),
      readSeconds,
      applySeconds: (applied - started) / 1000,
      commitSeconds: (committed - applied) / 1000,
      visibleAt: Date.now(),
    });
    return true;
  }

  private reportParked(slot: string, failed: readonly FailedEvent[]): void {
    for (const event of failed) this.options.onParked?.(slot, event);
  }

  private async checkpointOf(name: string): Promise<string | undefined> {
    return (await this.checkpointsOf([name])).get(name);
  }

  /** Where each checkpoint stands; fails for one that was not prepared or that waits for a rebuild. */
  private async checkpointsOf(names: readonly string[]): Promise<Map<string, string | undefined>> {
    const { rows } = await this.db.query<{ projection: string; checkpoint: string | null; settings: string | null }>(
      'SELECT projection, checkpoint, settings FROM projection_checkpoints WHERE projection = ANY($1::text[])',
      [names],
    );
    const found = new Map(rows.map((row) => [row.projection, row]));
    for (const name of names) {
      const row = found.get(name);
      if (row === undefined) throw new Error(`Projection ${name} was not prepared`);
      if (row.settings === REARRANGED) throw new Error(`Projection ${name} needs a rebuild: the number of its partitions changed`);
    }
    return new Map(rows.map((row) => [row.projection, row.checkpoint ?? undefined]));
  }
}

/** The events of held streams set apart, the rest applied as one batch (an error fails the batch, as usual). */
async function applyHeldApart(
  tx: SqlExecutor,
  projection: Projection,
  events: readonly RecordedEvent[],
  held: ReadonlySet<string>,
): Promise<{ failed: FailedEvent[]; held: RecordedEvent[] }> {
  const runnable = events.filter((event) => !held.has(event.streamId));
  if (runnable.length > 0) await projection.apply(tx, runnable);
  return { failed: [], held: events.filter((event) => held.has(event.streamId)) };
}
