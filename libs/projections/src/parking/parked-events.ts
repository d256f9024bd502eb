import { RecordedEvent } from '@casusregie/event-store';
import { ErrorDescription, Migration, SqlExecutor } from '@casusregie/sql';
import { Columns, insertRows } from '../insert-rows';

/**
 * Events a projection could not apply, and the events held behind them.
 *
 * A projection never stops for one event (SPEC §4): an event it fails on a few times is *parked* and the projection
 * goes on. Its household is then held in that projection: the household's later events are not applied but kept
 * here as *held*, in order, because applying them without the parked one would give the household a state it never
 * had (a read model folds a household's events in order). Other households keep moving. Once the cause is fixed
 * (a code fix, a repaired or withdrawn event), an operator retries: the parked event and the ones held behind it are
 * applied in order, and the household moves again.
 *
 * A row names the event by ids, type and position, and the error by class and code (a SQLSTATE such as 22008) —
 * never by message: a driver's message quotes the values it refused, which can be a birth date or a name.
 */
export const parkedEventsMigration: Migration = {
  version: 2,
  name: 'parked events',
  sql: `
    CREATE TABLE projection_parked_events (
      projection      text        NOT NULL,
      event_id        text        NOT NULL,
      stream_id       text        NOT NULL,
      stream_version  bigint      NOT NULL,
      global_position text        NOT NULL,
      event_type      text        NOT NULL,
      state           text        NOT NULL CHECK (state IN ('parked', 'held')),
      error_class     text,
      error_code      text,
      attempts        integer     NOT NULL DEFAULT 0,
      parked_at       timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (projection, event_id)
    );
    CREATE INDEX projection_parked_events_stream ON projection_parked_events (projection, stream_id, stream_version);
  `,
};

export type ParkedState = 'parked' | 'held';

export interface ParkedEvent {
  projection: string;
  eventId: string;
  streamId: string;
  streamVersion: number;
  globalPosition: string;
  eventType: string;
  state: ParkedState;
  /** Why a parked event failed (class and code); null on a held event, which never ran. */
  errorClass: string | null;
  errorCode: string | null;
  attempts: number;
  parkedAt: string;
}

/** An event that failed, with the attempts made and the last error, before it is written down as parked. */
export interface FailedEvent {
  event: RecordedEvent;
  error: ErrorDescription;
  attempts: number;
}

const PARKED_COLUMNS: Columns = {
  projection: 'text',
  event_id: 'text',
  stream_id: 'text',
  stream_version: 'bigint',
  global_position: 'text',
  event_type: 'text',
  state: 'text',
  error_class: 'text',
  error_code: 'text',
  attempts: 'integer',
};

/** The streams among `streamIds` that are held in this projection (they have a parked event). */
export async function heldStreams(tx: SqlExecutor, projection: string, streamIds: readonly string[]): Promise<Set<string>> {
  if (streamIds.length === 0) return new Set();
  const { rows } = await tx.query<{ stream_id: string }>(
    'SELECT DISTINCT stream_id FROM projection_parked_events WHERE projection = $1 AND stream_id = ANY($2::text[])',
    [projection, [...new Set(streamIds)]],
  );
  return new Set(rows.map((row) => row.stream_id));
}

/** Writes down the events that failed as parked, and the ones that may not run because of them as held. */
export async function recordParked(
  tx: SqlExecutor,
  projection: string,
  failed: readonly FailedEvent[],
  held: readonly RecordedEvent[],
): Promise<void> {
  const row = (event: RecordedEvent, state: ParkedState, error?: ErrorDescription, attempts = 0) => ({
    projection,
    event_id: event.eventId,
    stream_id: event.streamId,
    stream_version: event.streamVersion,
    global_position: event.globalPosition.toString(),
    event_type: event.type,
    state,
    error_class: error?.errorClass ?? null,
    error_code: error?.code ?? null,
    attempts,
  });
  await insertRows(
    tx,
    'projection_parked_events',
    [...failed.map((f) => row(f.event, 'parked', f.error, f.attempts)), ...held.map((event) => row(event, 'held'))],
    PARKED_COLUMNS,
    // A retry writes its outcome again over the rows it read.
    `ON CONFLICT (projection, event_id) DO UPDATE SET state = EXCLUDED.state, error_class = EXCLUDED.error_class,
       error_code = EXCLUDED.error_code, attempts = projection_parked_events.attempts + EXCLUDED.attempts`,
  );
}

/** Every parked and held event of the given projections, oldest first within each household. */
export async function listParked(db: SqlExecutor, projections: readonly string[]): Promise<ParkedEvent[]> {
  const { rows } = await db.query<{
    projection: string;
    event_id: string;
    stream_id: string;
    stream_version: string;
    global_position: string;
    event_type: string;
    state: ParkedState;
    error_class: string | null;
    error_code: string | null;
    attempts: number;
    parked_at: Date | string;
  }>(
    `SELECT projection, event_id, stream_id, stream_version::text, global_position, event_type, state, error_class,
            error_code, attempts, parked_at
       FROM projection_parked_events WHERE projection = ANY($1::text[])
      ORDER BY projection, stream_id, stream_version`,
    [projections],
  );
  return rows.map((row) => ({
    projection: row.projection,
    eventId: row.event_id,
    streamId: row.stream_id,
    streamVersion: Number(row.stream_version),
    globalPosition: row.global_position,
    eventType: row.event_type,
    state: row.state,
    errorClass: row.error_class,
    errorCode: row.error_code,
    attempts: Number(row.attempts),
    parkedAt: new Date(row.parked_at).toISOString(),
  }));
}

export interface ParkedCount {
  projection: string;
  parked: number;
  held: number;
}

/** How many events each projection has parked and held (0 for a projection with none). */
export async function countParked(db: SqlExecutor, projections: readonly string[]): Promise<ParkedCount[]> {
  const { rows } = await db.query<{ projection: string; parked: string; held: string }>(
    `SELECT projection, count(*) FILTER (WHERE state = 'parked')::text AS parked, count(*) FILTER (WHERE state = 'held')::text AS held
       FROM projection_parked_events WHERE projection = ANY($1::text[]) GROUP BY projection`,
    [projections],
  );
  const counted = new Map(rows.map((row) => [row.projection, row]));
  return projections.map((projection) => ({
    projection,
    parked: Number(counted.get(projection)?.parked ?? 0),
    held: Number(counted.get(projection)?.held ?? 0),
  }));
}

/** The log line of a parked event: ids, type, attempts, and the error's class and code — nothing of its content. */
export function describeParked(projection: string, { event, error, attempts }: FailedEvent): string {
  return (
    `Projection ${projection} parked event ${event.eventId} (${event.type}, ${event.streamId} version ${event.streamVersion}) ` +
    `after ${attempts} attempts: ${error.errorClass}${error.code === undefined ? '' : ` ${error.code}`}; its household is held ` +
    `in this projection until the event is retried`
  );
}
