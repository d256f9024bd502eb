import { EventStore } from '@casusregie/event-store';
import { Migration, runMigrations, SqlDatabase } from '@casusregie/sql';
import { Projection } from './projection';

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
  /** Events read and applied by this call. */
  processed: number;
}

/**
 * Moves projections forward along the event log. Each batch is applied and the checkpoint moved in one SQL
 * transaction, and the checkpoint only moves if nobody else moved it since it was read (compare-and-set), so several
 * runners (api and projector processes) may catch up the same projection at once without counting an event twice.
 *
 * The batch is read before the transaction starts: in embedded mode the event log and the read models share one
 * PGlite connection, which a read inside the transaction would wait for forever.
 */
/** When a rebuild first runs its projection's `afterRebuild`, before the end. */
const STATISTICS_AFTER_BATCHES = 10;

export class ProjectionRunner {
  constructor(
    private readonly db: SqlDatabase,
    private readonly eventStore: EventStore,
  ) {}

  /** Creates the checkpoint table and the projections' tables. Idempotent. */
  async prepare(projections: readonly Projection[]): Promise<void> {
    await runMigrations(this.db, 'projection-checkpoints', checkpointMigrations);
    for (const projection of projections) {
      await runMigrations(this.db, `projection:${projection.name}`, projection.migrations);
      await this.db.query('INSERT INTO projection_checkpoints (projection) VALUES ($1) ON CONFLICT DO NOTHING', [projection.name]);
    }
  }

  /** Applies batches until the projection has reached the end of the log (or `maxBatches` were applied). */
  async catchUp(projection: Projection, batchSize = 1000, maxBatches = Number.POSITIVE_INFINITY): Promise<CatchUpResult> {
    let processed = 0;
    let batches = 0;
    for (;;) {
      if (batches >= maxBatches) return { processed };
      const checkpoint = await this.checkpointOf(projection.name);
      const batch = await this.eventStore.readAll({ after: checkpoint, limit: batchSize });
      if (batch.events.length === 0) return { processed };
      const moved = await this.db.transaction(async (tx) => {
        const claimed = await tx.query(
          `UPDATE projection_checkpoints
              SET checkpoint = $2, events_processed = events_processed + $4, updated_at = now()
            WHERE projection = $1 AND checkpoint IS NOT DISTINCT FROM $3`,
          [projection.name, batch.checkpoint, checkpoint ?? null, batch.events.length],
        );
        if (claimed.affectedRows !== 1) return false;
        await projection.apply(tx, batch.events);
        return true;
      });
      // When another runner got there first, read its checkpoint and go on from there.
      if (moved) {
        processed += batch.events.length;
        batches++;
      }
      if (moved && batch.isEnd) return { processed };
    }
  }

  /**
   * Empties the projection and sets it back to the first event, in one transaction, then replays the whole log and
   * runs the projection's `afterRebuild`.
   * `onProgress` is called after every batch with the events applied so far.
   */
  async rebuild(projection: Projection, onProgress?: (applied: number) => void, batchSize = 1000): Promise<CatchUpResult> {
    await this.db.transaction(async (tx) => {
      await projection.reset(tx);
      await tx.query(
        'UPDATE projection_checkpoints SET checkpoint = NULL, events_processed = 0, updated_at = now() WHERE projection = $1',
        [projection.name],
      );
    });
    let processed = 0;
    for (let batch = 1; ; batch++) {
      const { processed: step } = await this.catchUp(projection, batchSize, 1);
      processed += step;
      onProgress?.(processed);
      if (step === 0) break;
      // Also once early on: tables emptied by the reset have no statistics (PGlite and a server without autovacuum
      // never make any), and without them PostgreSQL guesses that a batch's `household_id = ANY(…)` matches half the
      // table and reads all of it for every batch.
      if (batch === STATISTICS_AFTER_BATCHES && projection.afterRebuild !== undefined) await this.db.exec(projection.afterRebuild);
    }
    if (projection.afterRebuild !== undefined) await this.db.exec(projection.afterRebuild);
    return { processed };
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

  private async checkpointOf(name: string): Promise<string | undefined> {
    const { rows } = await this.db.query<{ checkpoint: string | null }>(
      'SELECT checkpoint FROM projection_checkpoints WHERE projection = $1',
      [name],
    );
    if (rows.length === 0) throw new Error(`Projection ${name} was not prepared`);
    return rows[0].checkpoint ?? undefined;
  }
}
