import { Migration } from '@casusregie/sql';

/**
 * The event store's tables, shared by the PostgreSQL and PGlite adapters.
 *
 * `transaction_id` is the writing transaction's id (xid8). Readers of the global log order by
 * (transaction_id, global_position) and only read transactions older than every transaction still running, so an
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
];
