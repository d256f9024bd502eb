/**
 * rm_norm_item_tallies: norm items counted per what a compliance report reads of them once their status can no longer
 * change, so that a report on the facts as they stand now adds up a few thousand counts instead of judging every item
 * (NormItemStore.tallies; issue 17, B4).
 *
 * An item's status as of a date (statusAsOf in norm-item-store.ts) changes only on its start, the day after its
 * deadline, its exclusion and its stop: from the latest of those, its SETTLED_ON date, it is the status it has for
 * good, and its waiting days (stop − start, on the calendar) are fixed. So the items whose SETTLED_ON lies before the
 * month of asOf are, for that asOf, fully described by their start month, team, provider, final status and waiting
 * days: the key of this table, together with the month they settled in. A report takes those items from here, for the
 * whole months of its period, and judges every other item one by one (those of a period's partial first and last
 * month, and those still unsettled in the month of asOf: recent ones, and late ones stopped lately), found through the
 * index on SETTLED_ON. Working-day waits need the dates themselves, so working-day norms are judged item by item.
 *
 * The counts follow rm_norm_items by triggers on it (statement-level, over the rows each statement inserted or
 * deleted), whatever the projection writes and in whatever batches, in a rebuild's shadow schema as in the live one.
 * The trigger function lives in a schema of its own: made in a rebuild's shadow schema, it would be dropped with it
 * (and the triggers with it) after the swap. Its statements name the tables without a schema, so they reach the
 * summary beside the items the statement changed: the shadow one in a rebuild (its search path), the live one else.
 * test/projections/norm-item-tallies.int.spec.ts holds the table to a count of rm_norm_items and the report to the
 * item-by-item count.
 */

/**
 * The first day on which an item's status is final (GREATEST skips the dates an item has not got). An exclusion after
 * the deadline changes nothing, but counting it too keeps the expression simple and is only later, never too early.
 * Migration 7 indexes and counts by exactly this text: it must not change.
 */
export const SETTLED_ON = 'greatest(start_date, deadline + 1, excluded_on, stop_date)';

/**
 * The status an item keeps once settled: statusAsOf (norm-item-store.ts) as of a date after every one of its dates.
 * Migration 7 counts by exactly this text: it must not change.
 */
const FINAL_STATUS = `CASE
    WHEN stop_date IS NOT NULL THEN CASE WHEN deadline IS NULL OR stop_date <= deadline THEN 'on-time' ELSE 'late' END
    WHEN excluded_on IS NOT NULL AND (deadline IS NULL OR excluded_on <= deadline) THEN 'excluded'
    WHEN deadline IS NOT NULL THEN 'late'
    ELSE 'pending' END`;

/** The summary's key over rows of rm_norm_items (here the trigger's transition tables), in the table's column order. */
const TALLY_KEY = `municipality, norm_id, date_trunc('month', start_date::timestamp)::date, team, provider,
    date_trunc('month', (${SETTLED_ON})::timestamp)::date, ${FINAL_STATUS}, stop_date - start_date`;

/** `sign` 1 counts the items of a transition table in, −1 out. */
function countIn(items: string, sign: 1 | -1): string {
  return `INSERT INTO rm_norm_item_tallies AS tally
      SELECT ${TALLY_KEY}, ${sign} * count(*)::integer FROM ${items} GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
      ON CONFLICT ON CONSTRAINT rm_norm_item_tallies_key DO UPDATE SET n = tally.n + excluded.n`;
}

/** The class of the advisory lock that serialises the counting (besides the event store's 7_402_114). */
const TALLIES_LOCK_CLASS = 7_402_115;

/** The trigger function; in a schema of its own, so that a rebuild's shadow schema does not take it along. */
const COUNT_FUNCTION_SQL = `
  CREATE SCHEMA IF NOT EXISTS read_model_triggers;
  CREATE OR REPLACE FUNCTION read_model_triggers.count_norm_item_tallies() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    emptied tid[];
  BEGIN
    -- Partitions of the projection (two projector processes, or two rebuild processes) write disjoint items but
    -- shared counts, each statement a set of them in its own order: two transactions would deadlock. One at a time
    -- per summary table (the live one, or a rebuild's: the lock is keyed by the table the search path finds).
    PERFORM pg_advisory_xact_lock(${TALLIES_LOCK_CLASS}, 'rm_norm_item_tallies'::regclass::oid::integer);
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
      -- Counted out; a count that reaches 0 is removed (by the row versions the upsert returned), as its group would
      -- otherwise still be listed.
      WITH counted AS (${countIn('old_items', -1)} RETURNING ctid, n)
      SELECT array_agg(ctid) FILTER (WHERE n = 0) INTO emptied FROM counted;
      IF emptied IS NOT NULL THEN
        DELETE FROM rm_norm_item_tallies WHERE ctid = ANY (emptied);
      END IF;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
      ${countIn('new_items', 1)};
    END IF;
    RETURN NULL;
  END $$;
`;

/** Migration 8: the function again, now counting one transaction at a time per summary table (see inside). */
export const NORM_ITEM_TALLIES_ONE_AT_A_TIME_SQL = COUNT_FUNCTION_SQL;

/** Migration 7 (read-model-schema.ts): the table, its triggers, and the counts of the items already there. */
export const NORM_ITEM_TALLIES_SQL = `
  CREATE TABLE rm_norm_item_tallies (
    municipality  text    NOT NULL,
    norm_id       text    NOT NULL,
    start_month   date    NOT NULL,
    team          text    NOT NULL,
    provider      text,
    settled_month date    NOT NULL,
    status        text    NOT NULL,
    waiting_days  integer,
    n             integer NOT NULL,
    -- Also what a report reads, in its order (n included, so it reads the index only).
    CONSTRAINT rm_norm_item_tallies_key
      UNIQUE NULLS NOT DISTINCT (municipality, norm_id, start_month, settled_month, team, provider, status, waiting_days) INCLUDE (n)
  );
  -- The items a report judges one by one although their month is whole: those settled since the month of asOf began.
  -- With the columns it reads, as rm_norm_items_query, for an index-only scan.
  CREATE INDEX rm_norm_items_settled ON rm_norm_items (municipality, norm_id, (${SETTLED_ON}))
    INCLUDE (start_date, deadline, stop_date, excluded_on, team, provider);

${COUNT_FUNCTION_SQL}  CREATE TRIGGER rm_norm_item_tallies_insert AFTER INSERT ON rm_norm_items REFERENCING NEW TABLE AS new_items
    FOR EACH STATEMENT EXECUTE FUNCTION read_model_triggers.count_norm_item_tallies();
  CREATE TRIGGER rm_norm_item_tallies_update AFTER UPDATE ON rm_norm_items REFERENCING OLD TABLE AS old_items NEW TABLE AS new_items
    FOR EACH STATEMENT EXECUTE FUNCTION read_model_triggers.count_norm_item_tallies();
  CREATE TRIGGER rm_norm_item_tallies_delete AFTER DELETE ON rm_norm_items REFERENCING OLD TABLE AS old_items
    FOR EACH STATEMENT EXECUTE FUNCTION read_model_triggers.count_norm_item_tallies();

  INSERT INTO rm_norm_item_tallies SELECT ${TALLY_KEY}, count(*)::integer FROM rm_norm_items GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
`;
