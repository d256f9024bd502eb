/**
 * The event store port. Every change to a household is an event in its stream `household-<uuid>`; every read model
 * is a projection of "read all". Modelled on Emmett's EventStore, with stream versions counted from 1 in every
 * adapter (an empty or missing stream is at version 0) so that callers never see an adapter's own numbering.
 */

/** What the caller expects the stream to be at before the append. */
export type ExpectedVersion =
  /** The stream is at exactly this version (0 = the stream has no events). */
  | number
  /** The stream must not exist yet. */
  | 'no-stream'
  /** The stream must exist, at whatever version. */
  | 'stream-exists'
  /** No concurrency check. */
  | 'any';

/** An event as the caller hands it to the store. */
export interface NewEvent {
  /**
   * A UUID; generated when absent. Give every new event a new one. One append never holds an id twice
   * (EventStoreUsageError), and an append that repeats an earlier one's ids at the same expected version is taken as a
   * retry of it (see {@link EventStore.appendToStream}). Beyond that the stores differ: the SQL stores refuse any id they
   * hold (EventStoreUsageError), EventStoreDB does not look.
   */
  eventId?: string;
  type: string;
  /** Version of the payload's shape, for upcasting on read. Defaults to 1. */
  schemaVersion?: number;
  data: Record<string, unknown>;
  metadata?: Record<string, unknown>;
}

/** An event as the store returns it. */
export interface RecordedEvent {
  eventId: string;
  type: string;
  schemaVersion: number;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  streamId: string;
  /** 1 for the first event of a stream. */
  streamVersion: number;
  /** The event's position in the store's global log; increases in "read all" order within one adapter. */
  globalPosition: bigint;
  /** When the store recorded the event (UTC instant). */
  recordedAt: Date;
  /**
   * Opaque: hand it back to {@link EventStore.readAll} of the same store to continue right after this event. It names
   * its store (`pg:…`, `esdb:…`); another store refuses it with an EventStoreUsageError.
   */
  checkpoint: string;
}

export interface AppendOptions {
  expectedVersion?: ExpectedVersion;
}

export interface AppendResult {
  /** The stream's version after the append: pass it as `expectedVersion` for the next one. */
  nextExpectedVersion: number;
  /** The recorded events, in order, with their versions and positions. */
  events: RecordedEvent[];
}

export interface ReadStreamOptions {
  /** First version to return (inclusive); default 1. */
  fromVersion?: number;
  /** At most this many events. */
  maxCount?: number;
}

export interface ReadStreamResult {
  /** False when the stream has never been written to; then `events` is empty and `currentVersion` 0. */
  exists: boolean;
  /** The stream's last version, whatever part of it was read. */
  currentVersion: number;
  events: RecordedEvent[];
}

/** A read-only query on the database of a SQL event store, read with a stream by {@link EventStore.readStreamAlongside}. */
export interface AlongsideQuery {
  /** The database the query's tables are in: the same object the store was opened on, else there is nothing to join. */
  database: object;
  /** Its own placeholders, from $1. */
  sql: string;
  params: unknown[];
}

export interface ReadAlongsideResult<Row> extends ReadStreamResult {
  /** The query's rows, read in the same statement (the same snapshot) as the events. */
  alongside: Row[];
}

export interface ReadAllOptions {
  /** Continue after this checkpoint; from the very beginning when absent. */
  after?: string;
  /** Batch size; default 1000. */
  limit?: number;
}

export interface ReadAllResult {
  events: RecordedEvent[];
  /** Where the next call continues: the last event's checkpoint, or `after` unchanged when nothing new was found. */
  checkpoint: string | undefined;
  /** True when this batch reached the current end of the log. */
  isEnd: boolean;
}

export interface EventStore {
  /** Which adapter this is, for health output and logs. */
  readonly kind: 'postgres' | 'pglite' | 'eventstoredb';
  /**
   * Appends all events or none. Refusals: ConcurrencyConflictError (the expected version does not hold),
   * AppendTooLargeError (over {@link MAX_APPEND_BYTES}, or a raised EventStoreDB limit), EventStoreUsageError (bad
   * arguments), StreamDeletedError. An append at an expected version (a number or 'no-stream') of the same event ids,
   * in the same order, that the stream already holds as its events from that version on is a retry after a lost
   * answer: it writes nothing and is answered as the first attempt was. With 'any' or 'stream-exists' a retry may be
   * written twice (EventStoreDB checks only its recent writes then): append at a version where that matters.
   * AppendedButNotReadBackError: written, but not returned.
   */
  appendToStream(streamId: string, events: readonly NewEvent[], options?: AppendOptions): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<ReadStreamResult>;
  /**
   * readStream, and in the same statement the rows of `alongside`: one round trip where the events and the caller's
   * rows (a household's data keys) live in one SQL database. Undefined where they do not — another database, or a
   * store that is no SQL database — and absent in such adapters: the caller then reads the two apart.
   */
  readStreamAlongside?<Row>(streamId: string, options: ReadStreamOptions, alongside: AlongsideQuery): Promise<ReadAlongsideResult<Row> | undefined>;
  /**
   * Reads the whole log in one global order, in batches. A reader that follows it from checkpoint to checkpoint
   * sees every committed event exactly once, including one whose transaction commits after a later-numbered one.
   */
  readAll(options?: ReadAllOptions): Promise<ReadAllResult>;
  /** How many events the log holds, where the store can tell cheaply (for progress bars); absent otherwise. */
  countEvents?(): Promise<number>;
  /** Cheap reachability check for health endpoints; throws when the store cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_READ_ALL_LIMIT = 1000;

/**
 * The most one append may hold: the data and metadata of its events as JSON, in bytes. EventStoreDB's default
 * maximum append size; the SQL stores keep it too, so an append refused on one store is refused on all.
 */
export const MAX_APPEND_BYTES = 1_048_576;
