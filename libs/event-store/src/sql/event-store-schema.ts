import { Migration } from '@casusregie/sql';

/**
 * The advisory lock (two-key form, so it cannot clash with a stream's one-key lock) that every appending transaction
 * holds in shared mode from before it has a transaction id until it ends. pg_locks shows its holders, and read-all's
 * horizon is the oldest transaction id among them.
 */
export const APPENDER_LOCK = { classId: 7_402_114, objectId: 1 } as const;

/**
 * The event store's tables, shared by the PostgreSQL and PGlite adapters.
 *
 * `transaction_id` is the writing transaction's id (xid8). Readers of the global log order by
 * (transaction_id, global_position) and only read transactions older than every append still running, so an
 * event whose transaction commits late is never skipped (tech-notes §2.1, Emmett's approach).
 */
export const eventStoreMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'streams and events',
    sql: `
      CREATE TABLE streams (
        stream_id      text        PRIMARY KEY,
        stream_version bigint      NOT NULL CHECK (stream_version > 0),
        created_at     timestamptz NOT NULL DEFAULT now(),
        updated_at     timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE events (
        global_position bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        transaction_id  xid8        NOT NULL DEFAULT pg_current_xact_id(),
        stream_id       text        NOT NULL REFERENCES streams (stream_id),
        stream_version  bigint      NOT NULL,
        event_id        uuid        NOT NULL UNIQUE,
        event_type      text        NOT NULL,
        schema_version  integer     NOT NULL,
        data            jsonb       NOT NULL,
        metadata        jsonb       NOT NULL,
        recorded_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT events_stream_version_unique UNIQUE (stream_id, stream_version)
      );

      CREATE INDEX events_read_all_order ON events (transaction_id, global_position);
    `,
  },
  {
    version: 2,
    name: 'append in one statement',
    // One round trip per append instead of six (BEGIN, lock, version, streams, events, COMMIT): an append is most of
    // a command's database time (issue 7, B1). The stream's advisory lock is still taken before anything is written,
    // so the transaction id of a later append to a stream is always higher (see SqlEventStore). A broken expectation
    // raises SQLSTATE CRV01 with the stream's actual version as its detail.
    sql: `
      CREATE FUNCTION append_to_stream(
        p_stream_id text, p_expected text,
        p_event_ids uuid[], p_types text[], p_schema_versions integer[], p_data jsonb[], p_metadata jsonb[]
      ) RETURNS SETOF events LANGUAGE plpgsql AS $fn$
      DECLARE
        v_actual bigint;
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtextextended(p_stream_id, 0));
        SELECT stream_version INTO v_actual FROM streams WHERE stream_id = p_stream_id;
        IF NOT (p_expected = 'any'
                OR (p_expected = 'no-stream' AND v_actual IS NULL)
                OR (p_expected = 'stream-exists' AND v_actual IS NOT NULL)
                OR (p_expected ~ '^[0-9]+$' AND p_expected::bigint = coalesce(v_actual, 0))) THEN
          RAISE EXCEPTION 'wrong expected version' USING ERRCODE = 'CRV01', DETAIL = coalesce(v_actual, 0)::text;
        END IF;
        IF v_actual IS NULL THEN
          INSERT INTO streams (stream_id, stream_version) VALUES (p_stream_id, cardinality(p_event_ids));
        ELSE
          UPDATE streams SET stream_version = v_actual + cardinality(p_event_ids), updated_at = now()
           WHERE stream_id = p_stream_id;
        END IF;
        RETURN QUERY
          INSERT INTO events (stream_id, stream_version, event_id, event_type, schema_version, data, metadata)
          SELECT p_stream_id, coalesce(v_actual, 0) + e.ordinality, e.event_id, e.event_type, e.schema_version, e.data, e.metadata
            FROM unnest(p_event_ids, p_types, p_schema_versions, p_data, p_metadata)
                 WITH ORDINALITY AS e(event_id, event_type, schema_version, data, metadata, ordinality)
           ORDER BY e.ordinality
          RETURNING *;
      END
      $fn$;
    `,
  },
  {
    version: 3,
    name: 'appenders mark themselves for the horizon of read-all',
    // The horizon of read-all was pg_snapshot_xmin(pg_current_snapshot()): server-wide, so a transaction held open in
    // another database of a shared server, or a read-model batch, froze every projection (issue 13). Now an append
    // marks itself with a shared advisory lock (APPENDER_LOCK in sql-event-store.ts) taken after the stream's lock and
    // before the transaction has an id, and takes its id at once; the reader's horizon is the oldest id among the
    // holders of that lock. An append inside a transaction that already has an id could commit events below a
    // horizon already passed, so it is refused (SQLSTATE CRV02).
    sql: `
      CREATE OR REPLACE FUNCTION append_to_stream(
        p_stream_id text, p_expected text,
        p_event_ids uuid[], p_types text[], p_schema_versions integer[], p_data jsonb[], p_metadata jsonb[]
      ) RETURNS SETOF events LANGUAGE plpgsql AS $fn$
      DECLARE
        v_actual bigint;
      BEGIN
        IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
          RAISE EXCEPTION 'append_to_stream must be the first write of its transaction' USING ERRCODE = 'CRV02';
        END IF;
        PERFORM pg_advisory_xact_lock(hashtextextended(p_stream_id, 0));
        PERFORM pg_advisory_xact_lock_shared(${APPENDER_LOCK.classId}, ${APPENDER_LOCK.objectId});
        PERFORM pg_current_xact_id();
        SELECT stream_version INTO v_actual FROM streams WHERE stream_id = p_stream_id;
        IF NOT (p_expected = 'any'
                OR (p_expected = 'no-stream' AND v_actual IS NULL)
                OR (p_expected = 'stream-exists' AND v_actual IS NOT NULL)
                OR (p_expected ~ '^[0-9]+$' AND p_expected::bigint = coalesce(v_actual, 0))) THEN
          RAISE EXCEPTION 'wrong expected version' USING ERRCODE = 'CRV01', DETAIL = coalesce(v_actual, 0)::text;
        END IF;
        IF v_actual IS NULL THEN
          INSERT INTO streams (stream_id, stream_version) VALUES (p_stream_id, cardinality(p_event_ids));
        ELSE
          UPDATE streams SET stream_version = v_actual + cardinality(p_event_ids), updated_at = now()
           WHERE stream_id = p_stream_id;
        END IF;
        RETURN QUERY
          INSERT INTO events (stream_id, stream_version, event_id, event_type, schema_version, data, metadata)
          SELECT p_stream_id, coalesce(v_actual, 0) + e.ordinality, e.event_id, e.event_type, e.schema_version, e.data, e.metadata
            FROM unnest(p_event_ids, p_types, p_schema_versions, p_data, p_metadata)
                 WITH ORDINALITY AS e(event_id, event_type, schema_version, data, metadata, ordinality)
           ORDER BY e.ordinality
          RETURNING *;
      END
      $fn$;
    `,
  },
];
