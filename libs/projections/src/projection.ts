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
  /**
   * Applies one batch of events, in log order. Events of other streams or types are the projection's to ignore.
   * `scope`: the partition being applied, when the projection is split (partitions.ts).
   */
  apply(tx: SqlExecutor, events: readonly RecordedEvent[], scope?: PartitionScope): Promise<void>;
  /**
   * The tables it builds from the log alone. A rebuild makes them anew in a shadow schema and swaps them in; any other
   * table its migrations create (an outbox whose delivery state no replay could restore) stays the live one.
   */
  readonly tables: readonly string[];
  /**
   * What its rows depend on besides the log, as a fingerprint (e.g. a hash of the norm settings). When the code's
   * fingerprint differs from the one the live tables were built with, the tables no longer say what the code would:
   * health reports that a rebuild is needed. Absent: the rows depend on the log alone.
   */
  readonly settings?: string;
  /**
   * SQL run on the live tables after a rebuild swapped them in, outside any transaction: e.g. `VACUUM (ANALYZE)`, so that the queries on tables just
   * emptied and refilled are planned with statistics (autovacuum may be off or late; PGlite has none).
   */
  readonly afterRebuild?: string;
  /**
   * Set on one partition of a projection split by household (partitions.ts): the projection it is part of (whose
   * migrations and tables it shares), its index and the number of partitions.
   */
  readonly partition?: { readonly of: string; readonly index: number; readonly count: number };
}

/** One partition of a projection split by household: its index among `count`. */
export interface PartitionScope {
  readonly index: number;
  readonly count: number;
}
