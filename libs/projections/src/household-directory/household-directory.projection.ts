import { RecordedEvent } from '@casusregie/event-store';
import { ERASED, HouseholdRegistered, MemberAdded, MemberDetails } from '@casusregie/domain';
import { householdIdOf, openWith, PersonalDataVault, sealedSubjectsOf } from '@casusregie/households';
import { SqlExecutor } from '@casusregie/sql';
import { Columns, insertRows } from '../insert-rows';
import { Projection } from '../projection';

export const HOUSEHOLD_DIRECTORY = 'household-directory';

/** The events whose personal values the directory needs opened. */
const MEMBER_EVENTS = new Set(['HouseholdRegistered', 'MemberAdded']);

/**
 * Who is in which household, for finding a household by BSN or by name (POST /households/_search). One row per
 * member; a withdrawn MemberAdded or MemberLeft is undone through the event id kept on the row, and an erased
 * member's row goes.
 *
 * It holds no name, BSN or birth date in the clear: what a member is found by is kept as a keyed hash (the vault's
 * searchKey, under a key the database does not hold), and what a search shows (names, birth date) sealed, as in the
 * member's events, to be opened per answer. To make the hashes it opens the member's values with the vault.
 */
export const householdDirectoryProjection = (personalData: PersonalDataVault): Projection => ({
  name: HOUSEHOLD_DIRECTORY,
  tables: ['household_directory'],
  // The search keys depend on the master key besides the log (the vault refuses to start with another one).
  // Another derivation of the search keys makes the stored ones unfindable: the fingerprint says a rebuild is needed.
  settings: 'search keys: HMAC-SHA256 v2 (MasterKey digester)',
  afterRebuild: 'VACUUM (ANALYZE) household_directory',
  migrations: [
    {
      version: 1,
      name: 'household directory',
      sql: `
        CREATE TABLE household_directory (
          household_id    uuid NOT NULL,
          member_id       uuid NOT NULL,
          municipality    text NOT NULL,
          team            text NOT NULL,
          given_name      text NOT NULL,
          family_name     text NOT NULL,
          given_name_key  text NOT NULL,
          family_name_key text NOT NULL,
          birth_date      date NOT NULL,
          bsn             text,
          status          text NOT NULL,
          added_by_event  uuid NOT NULL,
          left_by_event   uuid,
          PRIMARY KEY (household_id, member_id)
        );
        CREATE INDEX household_directory_bsn ON household_directory (municipality, bsn) WHERE bsn IS NOT NULL;
        CREATE INDEX household_directory_name ON household_directory (municipality, family_name_key);
      `,
    },
    {
      version: 2,
      name: 'casusregisseur in the directory',
      // A consultant finds the households of their team and those they coordinate. Earlier rows get it with
      // `npm run projections:rebuild -- --projection household-directory`.
      sql: `ALTER TABLE household_directory ADD COLUMN coordinator_id text;`,
    },
    {
      version: 3,
      name: 'no names, BSNs or birth dates in the clear',
      // The rows of the clear-text directory go at once. A live directory built before is then marked as built with
      // other settings, so health says degraded (rebuildNeeded) until
      // `npm run projections:rebuild -- --projection household-directory` has filled the table again.
      sql: `
        DROP TABLE household_directory;
        CREATE TABLE household_directory (
          household_id    uuid NOT NULL,
          member_id       uuid NOT NULL,
          municipality    text NOT NULL,
          team            text NOT NULL,
          coordinator_id  text,
          given_name      text NOT NULL,
          family_name     text NOT NULL,
          birth_date      text NOT NULL,
          given_name_key  text NOT NULL,
          family_name_key text NOT NULL,
          birth_date_key  text NOT NULL,
          bsn_key         text,
          status          text NOT NULL,
          added_by_event  uuid NOT NULL,
          left_by_event   uuid,
          PRIMARY KEY (household_id, member_id)
        );
        CREATE INDEX household_directory_bsn ON household_directory (municipality, bsn_key) WHERE bsn_key IS NOT NULL;
        CREATE INDEX household_directory_name ON household_directory (municipality, family_name_key);
        UPDATE projection_checkpoints SET settings = 'names and BSNs in the clear'
         WHERE projection = '${HOUSEHOLD_DIRECTORY}' AND settings IS NULL;
      `,
    },
  ],

  async apply(tx, events) {
    const memberEvents = events.filter((event) => MEMBER_EVENTS.has(event.type) && householdIdOf(event.streamId) !== undefined);
    const subjects = new Set<string>();
    for (const event of memberEvents) sealedSubjectsOf(householdIdOf(event.streamId) as string, [event], subjects);
    // Keys are read in the batch's transaction: in embedded mode it holds PGlite's only connection.
    const keyring = subjects.size === 0 ? undefined : await personalData.keyringToRead(subjects, tx);
    const relevant = events.filter((event) => householdIdOf(event.streamId) !== undefined && changesDirectory(event));
    if (relevant.length === 0) return;

    // The rows of the households concerned are loaded, changed in memory event by event, and written back at once.
    const households = await loadRows(tx, [...new Set(relevant.map((event) => uuidKey(householdIdOf(event.streamId) as string)))]);
    const searchKeys: SearchKeys = (kind, value) => personalData.searchKey(kind, value);
    for (const event of relevant) {
      const householdId = householdIdOf(event.streamId) as string;
      const opened = keyring !== undefined && MEMBER_EVENTS.has(event.type) ? openWith(householdId, keyring, event) : event;
      applyEvent(households.get(uuidKey(householdId)) as Map<string, DirectoryRow>, householdId, { sealed: event, opened }, searchKeys);
    }
    await tx.query('DELETE FROM household_directory WHERE household_id = ANY($1::uuid[])', [[...households.keys()]]);
    await insertRows(tx, 'household_directory', [...households.values()].flatMap((rows) => [...rows.values()]), DIRECTORY_COLUMNS);
  },
});

interface DirectoryRow {
  household_id: string;
  member_id: string;
  municipality: string;
  team: string;
  coordinator_id: string | null;
  /** Sealed, as in the member's event. */
  given_name: string;
  family_name: string;
  birth_date: string;
  /** Search keys: keyed hashes of the name as {@link nameKey} writes it, of the birth date and of the BSN. */
  given_name_key: string;
  family_name_key: string;
  birth_date_key: string;
  bsn_key: string | null;
  status: 'active' | 'left';
  added_by_event: string;
  left_by_event: string | null;
}

const DIRECTORY_COLUMNS: Columns = {
  household_id: 'uuid',
  member_id: 'uuid',
  municipality: 'text',
  team: 'text',
  coordinator_id: 'text',
  given_name: 'text',
  family_name: 'text',
  birth_date: 'text',
  given_name_key: 'text',
  family_name_key: 'text',
  birth_date_key: 'text',
  bsn_key: 'text',
  status: 'text',
  added_by_event: 'uuid',
  left_by_event: 'uuid',
};

const DIRECTORY_TYPES = new Set(['HouseholdRegistered', 'MemberAdded', 'CoordinatorAssigned', 'PersonalDataErased', 'MemberLeft']);

function changesDirectory(event: RecordedEvent): boolean {
  if (event.type === 'EventWithdrawn') return WITHDRAWABLE.has((event.data as { withdrawnType: string }).withdrawnType);
  return DIRECTORY_TYPES.has(event.type);
}

const WITHDRAWABLE = new Set(['MemberAdded', 'MemberLeft']);

/** Each household's rows by member id, in the order they were added. */
async function loadRows(tx: SqlExecutor, householdIds: string[]): Promise<Map<string, Map<string, DirectoryRow>>> {
  const { rows } = await tx.query<DirectoryRow>(
    `SELECT household_id::text, member_id::text, municipality, team, coordinator_id, given_name, family_name, birth_date,
            given_name_key, family_name_key, birth_date_key, bsn_key, status, added_by_event::text, left_by_event::text
       FROM household_directory WHERE household_id = ANY($1::uuid[])`,
    [householdIds],
  );
  const households = new Map(householdIds.map((id) => [id, new Map<string, DirectoryRow>()]));
  for (const row of rows) households.get(row.household_id)?.set(row.member_id, row);
  return households;
}

/** Ids as PostgreSQL writes a uuid: the maps in memory must find what SQL's uuid comparison would. */
function uuidKey(id: string): string {
  return id.toLowerCase();
}

type SearchKeys = (kind: 'bsn' | 'givenName' | 'familyName' | 'birthDate', value: string) => string;

/**
 * One event's change to the household's rows; as one SQL statement per event would do it (a row once there stays).
 * `sealed`: the event as stored; `opened`: with its personal values opened (member events only).
 */
function applyEvent(rows: Map<string, DirectoryRow>, householdId: string, { sealed, opened: event }: { sealed: RecordedEvent; opened: RecordedEvent }, searchKey: SearchKeys): void {
  const add = (member: MemberDetails, stored: MemberDetails | undefined, household: Pick<DirectoryRow, 'municipality' | 'team' | 'coordinator_id'>) => {
    if (isErased(member) || stored === undefined || rows.has(uuidKey(member.memberId))) return;
    rows.set(uuidKey(member.memberId), {
      household_id: householdId,
      member_id: member.memberId,
      municipality: household.municipality,
      team: household.team,
      coordinator_id: household.coordinator_id,
      given_name: stored.givenName,
      family_name: stored.familyName,
      birth_date: stored.birthDate,
      given_name_key: searchKey('givenName', nameKey(member.givenName)),
      family_name_key: searchKey('familyName', nameKey(member.familyName)),
      birth_date_key: searchKey('birthDate', member.birthDate),
      bsn_key: member.bsn === undefined ? null : searchKey('bsn', member.bsn),
      status: 'active',
      added_by_event: event.eventId,
      left_by_event: null,
    });
  };
  switch (event.type) {
    case 'HouseholdRegistered': {
      const { municipality, team, members } = event.data as HouseholdRegistered['data'];
      const stored = (sealed.data as HouseholdRegistered['data']).members;
      for (const member of members) add(member, stored.find((m) => m.memberId === member.memberId), { municipality, team, coordinator_id: null });
      return;
    }
    case 'MemberAdded': {
      // Municipality, team and casusregisseur come from another row of the same household; without one, no row.
      const other = rows.values().next();
      if (!other.done) add((event.data as MemberAdded['data']).member, (sealed.data as MemberAdded['data']).member, other.value);
      return;
    }
    case 'CoordinatorAssigned':
      for (const row of rows.values()) row.coordinator_id = (event.data as { coordinatorId: string }).coordinatorId;
      return;
    case 'PersonalDataErased':
      rows.delete(uuidKey((event.data as { memberId: string }).memberId));
      return;
    case 'MemberLeft': {
      const row = rows.get(uuidKey((event.data as { memberId: string }).memberId));
      if (row !== undefined) Object.assign(row, { status: 'left', left_by_event: event.eventId });
      return;
    }
    case 'EventWithdrawn': {
      const { withdrawnEventId, withdrawnType } = event.data as { withdrawnEventId: string; withdrawnType: string };
      const withdrawn = uuidKey(withdrawnEventId);
      for (const [memberId, row] of rows) {
        if (withdrawnType === 'MemberAdded' && uuidKey(row.added_by_event) === withdrawn) rows.delete(memberId);
        if (withdrawnType === 'MemberLeft' && row.left_by_event !== null && uuidKey(row.left_by_event) === withdrawn) {
          Object.assign(row, { status: 'active', left_by_event: null });
        }
      }
      return;
    }
    default:
      return;
  }
}

/** A member whose key is gone (replayed in a rebuild): there is nothing to find them by, and no row to keep. */
function isErased(member: MemberDetails): boolean {
  return member.birthDate === ERASED;
}

/** Names are matched without regard to case, accents or surrounding space: "Özdemir" finds "ozdemir". */
export function nameKey(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}
