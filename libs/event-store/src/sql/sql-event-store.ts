import { randomUUID } from 'node:crypto';
import { runMigrations, SqlDatabase } from '@casusregie/sql';
import { formatCheckpoint, parseCheckpoint } from '../checkpoint';
import { ConcurrencyConflictError, EventStoreUsageError } from '../errors';
import { checkAppend, checkReadAllLimit, checkReadStreamOptions, serialiseAppend } from '../read-arguments';
import {
  AlongsideQuery,
  AppendOptions,
  AppendResult,
  EventStore,
  ExpectedVersion,
  NewEvent,
  ReadAllOptions,
  ReadAllResult,
  ReadAlongsideResult,
  ReadStreamOptions,
  ReadStreamResult,
  RecordedEvent,
} from '../event-store';
import { APPENDER_LOCK, eventStoreMigrations } from './event-store-schema';

interface EventRow {
  global_position: string;
  transaction_id: string;
  stream_id: string;
  stream_version: string;
  event_id: string;
  event_type: string;
  schema_version: number;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  recorded_at: Date | string;
}

// Casts keep both drivers returning the same JS types: pg and PGlite disagree on int8 and xid8. The cast columns
// keep their names, so ORDER BY must name the table's columns (events.x): a bare name would sort the text alias.
const EVENT_COLUMNS = `
  global_position::text AS global_position, transaction_id::text AS transaction_id, stream_id,
  stream_version::text AS stream_version, event_id::text AS event_id, event_type, schema_version, data, metadata,
  recorded_at`;

/**
 * The event store on PostgreSQL's SQL, used by both the `pg` server adapter and the embedded PGlite adapter.
 *
 * Appends to one stream are serialized by a transaction-scoped advisory lock taken *before* the transaction writes
 * anything, so a later append to a stream always gets a higher transaction id than an earlier one; read-all order
 * (transaction_id, global_position) therefore keeps every stream's own order. The whole append is one statement,
 * the `append_to_stream` function of the schema.
 */
export class SqlEventStore implements EventStore {
  private constructor(
    private readonly db: SqlDatabase,
    readonly kind: 'postgres' | 'pglite',
  ) {}

  /** Applies the schema migrations (idempotent) and returns the store. */
  static async open(db: SqlDatabase): Promise<SqlEventStore> {
    await runMigrations(db, 'event-store', eventStoreMigrations);
    return new SqlEventStore(db, db.kind);
  }

  async appendToStream(streamId: string, events: readonly NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    const expected = options.expectedVersion ?? 'any';
    checkAppend(expected, events);
    const serialised = serialiseAppend(streamId, events);
    const eventIds = events.map((e) => e.eventId ?? randomUUID());

    let rows: EventRow[];
    try {
      ({ rows } = await this.db.query<EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM append_to_stream($1, $2, $3::uuid[], $4::text[], $5::int[], $6::jsonb[], $7::jsonb[])`,
        [streamId, String(expected), eventIds, events.map((e) => e.type), events.map((e) => e.schemaVersion ?? 1), serialised.data, serialised.metadata],
      ));
    } catch (error) {
      const actual = wrongExpectedVersion(error);
      const duplicateId = isDuplicateEventId(error);
      if (actual === undefined && !duplicateId) throw error;
      // Refused: either another writer came first, or this is a retry of an append that was written.
      const retried = await this.earlierAppend(streamId, eventIds, expected);
      if (retried !== undefined) return retried;
      if (duplicateId) throw new EventStoreUsageError(`An event id of this append to ${streamId} is already in the store`);
      throw new ConcurrencyConflictError(streamId, expected, actual);
    }
    const recorded = rows.map(toRecordedEvent).sort((a, b) => a.streamVersion - b.streamVersion);
    return { nextExpectedVersion: recorded[recorded.length - 1].streamVersion, events: recorded };
  }

  /**
   * The append as written before, when the stream holds these ids, in this order, as consecutive events from where
   * `expected` says the append began: a retry after a lost answer, answered as the first attempt was (as EventStoreDB
   * does). Undefined otherwise.
   */
  private async earlierAppend(streamId: string, eventIds: string[], expected: ExpectedVersion): Promise<AppendResult | undefined> {
    const { rows } = await this.db.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 AND event_id = ANY($2::uuid[]) ORDER BY events.stream_version`,
      [streamId, eventIds],
    );
    const recorded = rows.map(toRecordedEvent);
    if (recorded.length !== eventIds.length) return undefined;
    const first = recorded[0].streamVersion;
    const inOrder = recorded.every((event, i) => event.eventId === eventIds[i].toLowerCase() && event.streamVersion === first + i);
    const fromExpected = typeof expected === 'number' ? first === expected + 1 : expected === 'no-stream' ? first === 1 : true;
    return inOrder && fromExpected ? { nextExpectedVersion: first + recorded.length - 1, events: recorded } : undefined;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<ReadStreamResult> {
    const { fromVersion, maxCount } = checkReadStreamOptions(options);
    // One statement is one snapshot, so `currentVersion` and `events` always agree.
    const { rows } = await this.db.query<EventRow & { current_version: string }>(
      `SELECT s.stream_version::text AS current_version, e.*
         FROM streams s
         LEFT JOIN LATERAL (
           SELECT ${EVENT_COLUMNS} FROM events
            WHERE stream_id = s.stream_id AND stream_version >= $2
            ORDER BY events.stream_version
            LIMIT $3
         ) e ON true
        WHERE s.stream_id = $1`,
      [streamId, fromVersion, maxCount ?? null],
    );
    if (rows.length === 0) return { exists: false, currentVersion: 0, events: [] };
    return {
      exists: true,
      currentVersion: Number(rows[0].current_version),
      events: rows.filter((row) => row.event_id !== null).map(toRecordedEvent),
    };
  }

  async readStreamAlongside<Row>(streamId: string, options: ReadStreamOptions, alongside: AlongsideQuery): Promise<ReadAlongsideResult<Row> | undefined> {
    if (alongside.database !== this.db) return undefined;
    const { fromVersion, maxCount } = checkReadStreamOptions(options);
    // One row: the version, the events and the other query's rows as JSON arrays. The caller's placeholders follow
    // the three of the stream.
    const sql = alongside.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + 3}`);
    const { rows } = await this.db.query<{ current_version: string | null; events: EventRow[] | null; alongside: Row[] | null }>(
      `SELECT (SELECT stream_version::text FROM streams WHERE stream_id = $1) AS current_version,
              (SELECT json_agg(e ORDER BY e.stream_version::bigint)
                 FROM (SELECT ${EVENT_COLUMNS} FROM events
                        WHERE stream_id = $1 AND stream_version >= $2
                        ORDER BY events.stream_version
                        LIMIT $3) e) AS events,
              (SELECT json_agg(a) FROM (${sql}) a) AS alongside`,
      [streamId, fromVersion, maxCount ?? null, ...alongside.params],
    );
    const [row] = rows;
    return {
      exists: row.current_version !== null,
      currentVersion: Number(row.current_version ?? 0),
      events: (row.events ?? []).map(toRecordedEvent),
      alongside: row.alongside ?? [],
    };
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllResult> {
    const limit = checkReadAllLimit(options);
    const after = options.after === undefined ? { transactionId: '0', position: '0' } : await this.positionOf(options.after);
    // The horizon is computed in a statement of its own, before the one that reads: every append older than it had
    // ended when it was computed, so the read's later snapshot sees all of their events (see readAllHorizon).
    const { rows: horizon } = await this.db.query<{ horizon: string }>(READ_ALL_HORIZON);
    const { rows } = await this.db.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events
        WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
          AND transaction_id < $3::xid8
        ORDER BY events.transaction_id, events.global_position
        LIMIT $4`,
      [after.transactionId, after.position, horizon[0].horizon, limit],
    );
    const events = rows.map(toRecordedEvent);
    return {
      events,
      checkpoint: events.length > 0 ? events[events.length - 1].checkpoint : options.after,
      isEnd: events.length < limit,
    };
  }

  /**
   * Where a checkpoint of this store stands. One written before checkpoints were tagged (`<xid>:<position>`, still in
   * the checkpoint tables of an older installation) is taken only when it names an event of this log: the same two
   * numbers from EventStoreDB would otherwise read as a position here.
   */
  private async positionOf(checkpoint: string): Promise<{ transactionId: string; position: string }> {
    const { tag, first, second } = parseCheckpoint(checkpoint, 'pg');
    if (second > MAX_BIGINT) throw new EventStoreUsageError('Not a checkpoint of this event store');
    const position = { transactionId: String(first), position: String(second) };
    if (tag === undefined) {
      const { rows } = await this.db.query('SELECT 1 FROM events WHERE global_position = $2::bigint AND transaction_id = $1::xid8', [
        position.transactionId,
        position.position,
      ]);
      if (rows.length === 0) throw new EventStoreUsageError('An untagged checkpoint that names no event of this store: rebuild the projections');
    }
    return position;
  }

  async countEvents(): Promise<number> {
    const { rows } = await this.db.query<{ count: string }>('SELECT count(*)::text AS count FROM events');
    return Number(rows[0].count);
  }

  async ping(): Promise<void> {
    await this.db.query('SELECT 1');
  }

  async close(): Promise<void> {
    // The database handle is shared with the read models; whoever opened it closes it.
  }
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    type: row.event_type,
    schemaVersion: Number(row.schema_version),
    data: row.data,
    metadata: row.metadata,
    streamId: row.stream_id,
    streamVersion: Number(row.stream_version),
    globalPosition: BigInt(row.global_position),
    recordedAt: row.recorded_at instanceof Date ? row.recorded_at : new Date(row.recorded_at),
    checkpoint: formatCheckpoint('pg', row.transaction_id, row.global_position),
  };
}

const MAX_BIGINT = 2n ** 63n - 1n;

/** The stream's actual version when `append_to_stream` refused the expected one (SQLSTATE CRV01), else undefined. */
function wrongExpectedVersion(error: unknown): number | undefined {
  const { code, detail } = (error ?? {}) as { code?: unknown; detail?: unknown };
  return code === 'CRV01' && typeof detail === 'string' ? Number(detail) : undefined;
}

/**
 * The first transaction id whose events read-all may not read yet: the oldest transaction that is appending to this
 * event store now. Transactions of other databases, of the read models and of the checkpoints do not count (the
 * server-wide `pg_snapshot_xmin` did: one open transaction anywhere froze every projection).
 *
 * Why no event is skipped. Every append holds APPENDER_LOCK from before it has an id until it ends, and takes its id
 * right after the lock (append_to_stream). For an append with id X still running after this statement:
 * - seen holding the lock with its id: the horizon is at most X;
 * - seen holding the lock without an id yet (or in the instant between getting it and recording it in the lock
 *   table): the horizon is at most this snapshot's xmin, and X is either running in this snapshot (so xmin <= X) or
 *   assigned after it (so X >= the snapshot's xmax >= xmin);
 * - not seen holding the lock: it took the lock, and so its id, after this statement began, so X >= xmax >= horizon.
 * Every append with an id below the horizon therefore ended before the reading statement starts, whose snapshot
 * sees its events. pg_locks shows 32-bit ids; each is widened to the xid8 within 2^31 of the snapshot's xmax.
 */
const READ_ALL_HORIZON = `
  WITH snapshot AS (
    SELECT pg_snapshot_xmin(s)::text::numeric AS xmin, pg_snapshot_xmax(s)::text::numeric AS xmax
      FROM pg_current_snapshot() AS s
  ), appenders AS (
    SELECT lock.virtualtransaction, min(own.transactionid::text::numeric) AS xid
      FROM pg_locks lock
      LEFT JOIN pg_locks own
        ON own.locktype = 'transactionid' AND own.mode = 'ExclusiveLock' AND own.granted
       AND own.virtualtransaction = lock.virtualtransaction
     WHERE lock.locktype = 'advisory' AND lock.granted
       AND lock.database = (SELECT oid FROM pg_database WHERE datname = current_database())
       AND lock.classid = ${APPENDER_LOCK.classId} AND lock.objid = ${APPENDER_LOCK.objectId} AND lock.objsubid = 2
     GROUP BY lock.virtualtransaction
  )
  SELECT least(
           snapshot.xmax,
           (SELECT min(snapshot.xmax + mod(appenders.xid - mod(snapshot.xmax, 4294967296) + 6442450944, 4294967296) - 2147483648)
              FROM appenders WHERE appenders.xid IS NOT NULL),
           CASE WHEN EXISTS (SELECT 1 FROM appenders WHERE appenders.xid IS NULL) THEN snapshot.xmin END
         )::text AS horizon
    FROM snapshot`;

/** Whether the append was refused because an event id is already in the store (the events' unique index). */
function isDuplicateEventId(error: unknown): boolean {
  const { code, constraint } = (error ?? {}) as { code?: unknown; constraint?: unknown };
  return code === '23505' && constraint === 'events_event_id_key';
}
