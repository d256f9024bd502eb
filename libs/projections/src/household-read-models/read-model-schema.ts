import { Migration } from '@casusregie/sql';
import { NORM_ITEM_TALLIES_ONE_AT_A_TIME_SQL, NORM_ITEM_TALLIES_SQL } from './norm-item-tallies';
import { NORM_SETTINGS_MIGRATION_SQL } from './norm-settings-changes';

/**
 * rm_trajectories.let_in of the restricted trajectories, from each household's stored state: what consultantsLetIn
 * (trajectory-access.ts in the domain) gives, in its order (the casusregisseur first unless already let in). For the
 * rows stored before the column existed (migration 13); the projection writes it for every row since.
 */
export const FILL_LET_IN_SQL = `
  UPDATE rm_trajectories t
     SET let_in = CASE
           WHEN h.state->'coordinator'->>'coordinatorId' IS NULL OR tr->'restriction'->'grantedTo' ? (h.state->'coordinator'->>'coordinatorId') THEN granted.ids
           ELSE (h.state->'coordinator'->>'coordinatorId') || granted.ids
         END
    FROM rm_households h
   CROSS JOIN LATERAL jsonb_array_elements(h.state->'trajectories') AS tr
   CROSS JOIN LATERAL (SELECT ARRAY(SELECT id FROM jsonb_array_elements_text(tr->'restriction'->'grantedTo') WITH ORDINALITY AS g(id, n) ORDER BY n) AS ids) AS granted
   WHERE h.household_id = t.household_id AND tr->>'trajectoryId' = t.trajectory_id::text AND jsonb_typeof(tr->'restriction') = 'object'`;

/**
 * The supervisors' read models, all kept by one projection from each household's folded state:
 * rm_households (the state itself, and who coordinates), rm_trajectories (the timeline of each trajectory),
 * rm_referrals (referrals per provider with their dates), rm_norm_items (one row per item per norm, as the facts
 * stand now) and rm_norm_item_history (every version of every item, with the instant it became known, for knownAt).
 */
export const householdReadModelMigrations: Migration[] = [
  {
    version: 1,
    name: 'household read models',
    sql: `
      CREATE TABLE rm_households (
        household_id   uuid    PRIMARY KEY,
        municipality   text    NOT NULL,
        team           text    NOT NULL,
        coordinator_id text,
        version        integer NOT NULL,
        state          jsonb   NOT NULL
      );

      CREATE TABLE rm_trajectories (
        household_id             uuid NOT NULL,
        trajectory_id            uuid NOT NULL,
        municipality             text NOT NULL,
        team                     text NOT NULL,
        coordinator_id           text,
        member_id                uuid NOT NULL,
        legal_basis              text NOT NULL,
        source                   text NOT NULL,
        status                   text NOT NULL,
        level                    text,
        opened_on                date NOT NULL,
        intake_on                date,
        triage_on                date,
        exploratory_requested_on date,
        exploratory_held_on      date,
        first_referral_on        date,
        first_acceptance_on      date,
        first_care_start_on      date,
        pip_on                   date,
        learning_route_on        date,
        closed_on                date,
        closure_reason           text,
        waakvlam_active          boolean NOT NULL,
        PRIMARY KEY (household_id, trajectory_id)
      );
      CREATE INDEX rm_trajectories_municipality ON rm_trajectories (municipality, opened_on);
      CREATE INDEX rm_trajectories_coordinator ON rm_trajectories (municipality, coordinator_id) WHERE status = 'open';

      CREATE TABLE rm_referrals (
        household_id    uuid NOT NULL,
        trajectory_id   uuid NOT NULL,
        referral_id     uuid NOT NULL,
        municipality    text NOT NULL,
        team            text NOT NULL,
        provider_agb    text,
        provider_name   text NOT NULL,
        category        text NOT NULL,
        referrer_role   text NOT NULL,
        status          text NOT NULL,
        made_on         date NOT NULL,
        accepted_on     date,
        declined_on     date,
        withdrawn_on    date,
        care_started_on date,
        care_ended_on   date,
        care_end_reason text,
        PRIMARY KEY (household_id, referral_id)
      );
      CREATE INDEX rm_referrals_municipality ON rm_referrals (municipality, made_on);
      CREATE INDEX rm_referrals_provider ON rm_referrals (provider_agb, status);

      CREATE TABLE rm_norm_items (
        norm_id        text NOT NULL,
        household_id   uuid NOT NULL,
        item_key       text NOT NULL,
        municipality   text NOT NULL,
        team           text NOT NULL,
        coordinator_id text,
        provider       text,
        trajectory_id  uuid NOT NULL,
        referral_id    uuid,
        member_id      uuid,
        start_date     date NOT NULL,
        deadline       date,
        stop_date      date,
        excluded_on    date,
        PRIMARY KEY (norm_id, household_id, item_key)
      );
      CREATE INDEX rm_norm_items_query ON rm_norm_items (municipality, norm_id, start_date);

      CREATE TABLE rm_norm_item_history (
        norm_id      text        NOT NULL,
        household_id uuid        NOT NULL,
        item_key     text        NOT NULL,
        municipality text        NOT NULL,
        -- The global position of the event that made this version: orders versions that share an instant.
        position     bigint      NOT NULL,
        valid_from   timestamptz NOT NULL,
        deleted      boolean     NOT NULL,
        item         jsonb,
        PRIMARY KEY (norm_id, household_id, item_key, position)
      );
      CREATE INDEX rm_norm_item_history_query ON rm_norm_item_history (municipality, norm_id, valid_from);
    `,
  },
  {
    version: 2,
    name: 'product code of referrals',
    // Filled for earlier referrals by `npm run projections:rebuild -- --projection household-read-models`.
    sql: `ALTER TABLE rm_referrals ADD COLUMN product_code text;`,
  },
  {
    version: 3,
    name: 'worklist order of norm items',
    // The supervisors' worklist order (norm-item-store.ts, WORKLIST_ORDER): a page is the
    // first rows of this index after the cursor, instead of a sort of every item of the norm.
    sql: `CREATE INDEX rm_norm_items_worklist ON rm_norm_items
            (municipality, norm_id, (coalesce(deadline, DATE '9999-12-31')), start_date, household_id, item_key COLLATE "C");`,
  },
  {
    version: 4,
    name: 'compliance counts from the index',
    // Compliance counts every item of a cohort (norm-item-store.ts, tallies): with the
    // columns it reads in the index, an index-only scan reads them without visiting the table (on pages that VACUUM
    // has marked all-visible; see HOUSEHOLD_READ_MODEL_MAINTENANCE).
    sql: `DROP INDEX rm_norm_items_query;
          CREATE INDEX rm_norm_items_query ON rm_norm_items (municipality, norm_id, start_date)
            INCLUDE (deadline, stop_date, excluded_on, team, provider);`,
  },
  {
    version: 5,
    name: 'norm items by household',
    // The projection replaces a household's items on every batch that touches it (DELETE … WHERE household_id): no
    // other index leads with household_id, so each batch read the whole table (quadratic in a rebuild: B2 at 1M events).
    sql: `CREATE INDEX rm_norm_items_household ON rm_norm_items (household_id);`,
  },
  {
    version: 7,
    name: 'compliance counts from a summary of settled items',
    sql: NORM_ITEM_TALLIES_SQL,
  },
  {
    version: 8,
    name: 'compliance counts kept one transaction at a time',
    // Two partitions applied at once deadlocked on shared counts (B2, two rebuild processes, at 1M events).
    sql: NORM_ITEM_TALLIES_ONE_AT_A_TIME_SQL,
  },
  {
    version: 9,
    name: 'suspended days of norm items',
    // Items recorded before suspensions existed had none. A suspension moves the deadline, which the tallies'
    // triggers already read: the summary follows without a change.
    sql: `ALTER TABLE rm_norm_items ADD COLUMN suspended_days integer NOT NULL DEFAULT 0;`,
  },
  {
    version: 10,
    name: 'norm settings of each municipality, versioned',
    sql: NORM_SETTINGS_MIGRATION_SQL,
  },
  {
    version: 11,
    name: 'figure items: what figures are broken down by',
    // The management figures' items (figure-rows.ts) are kept as norm items under `figure:<item set>`; these columns
    // are theirs (a norm's row leaves them NULL). Filled by `npm run projections:rebuild -- --projection
    // household-read-models`, which the changed settings fingerprint asks for.
    sql: `ALTER TABLE rm_norm_items
            ADD COLUMN legal_basis text,
            ADD COLUMN level       text,
            ADD COLUMN category    text,
            ADD COLUMN age_band    text,
            ADD COLUMN wijk        text;`,
  },
  {
    version: 12,
    name: 'norm items ended by an exclusion after their deadline',
    // The summary of settled items (migration 7) counts these as late; waiting times count them as no longer open
    // (norm-item-store.ts, tallies). Few items, so a report finds them among its settled months without a scan.
    sql: `CREATE INDEX rm_norm_items_excluded_late ON rm_norm_items (municipality, norm_id, start_date)
            INCLUDE (deadline, stop_date, excluded_on, team, provider) WHERE stop_date IS NULL AND excluded_on > deadline;`,
  },
  {
    version: 13,
    name: 'who may open a trajectory, and open trajectories by team',
    // A consultant's caseload and worklist (consultant-work.ts) hold the consultant to the access rule in SQL, by
    // let_in, and read a team's open trajectories through the index. The rows already there are filled from the
    // stored state, as consultantsLetIn would: until then every restricted trajectory would read as open to the team.
    sql: `ALTER TABLE rm_trajectories ADD COLUMN let_in text[];
          ${FILL_LET_IN_SQL};
          CREATE INDEX rm_trajectories_team ON rm_trajectories (municipality, team) WHERE status = 'open';`,
  },
];

/**
 * To run after a rebuild or any bulk load of these tables (outside a transaction: VACUUM refuses one): statistics for
 * the planner, which otherwise guesses a handful of rows, and the visibility map that index-only scans need. Where
 * autovacuum runs it does this in time; PGlite has none, and a rebuild should not wait for it.
 */
export const HOUSEHOLD_READ_MODEL_MAINTENANCE = 'VACUUM (ANALYZE) rm_households, rm_trajectories, rm_referrals, rm_norm_items, rm_norm_item_history, rm_norm_item_tallies, rm_norm_settings, rm_norm_settings_applied';
