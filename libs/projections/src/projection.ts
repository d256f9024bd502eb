import { RecordedEvent } from '@casusregie/event-store';
import { Migration, SqlExecutor } from '@casusregie/sql';

/**
 * A read model kept in SQL, built from the global event log. `apply` runs inside the transaction that also moves
 * the projection's checkpoint, so every event counts exactly once, whoever runs the projection and however often.
 */
export interface Projection {
  /** Unique, kebab-case; the key of its checkpoint. */
  readonly name: string;
  /** Its tables and indexes. */
  readonly migrations: readonly Migration[];
  /** Applies one batch of events, in log order. Events of other streams or types are the projection's to ignore. */
  apply(tx: SqlExecutor, events: readonly RecordedEvent[]): Promise<void>;
  /** Empties its tables, for a rebuild from the first event. */
  reset(tx: SqlExecutor): Promise<void>;
  /**
   * SQL run after a rebuild, outside any transaction: e.g. `VACUUM (ANALYZE)`, so that the queries on tables just
   * emptied and refilled are planned with statistics (autovacuum may be off or late; PGlite has none).
   */
  readonly afterRebuild?: string;
}
