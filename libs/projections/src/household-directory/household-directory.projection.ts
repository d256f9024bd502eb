import { RecordedEvent } from '@casusregie/event-store';
import { ERASED, HouseholdRegistered, MemberAdded, MemberDetails } from '@casusregie/domain';
import { householdIdOf, openWith, PersonalDataVault, sealedSubjectsOf } from '@casusregie/households';
import { SqlExecutor } from '@casusregie/sql';
import { Projection } from '../projection';

export const HOUSEHOLD_DIRECTORY = 'household-directory';

/** The events whose personal values the directory needs opened. */
const MEMBER_EVENTS = new Set(['HouseholdRegistered', 'MemberAdded']);

/**
 * Who is in which household, for finding a household by BSN or by name (POST /households/_search). One row per
 * member; a withdrawn MemberAdded or MemberLeft is undone through the event id kept on the row. It is the one read
 * model that holds names and BSNs in the clear, so it opens them with the vault, and an erased member's row goes.
 */
export const householdDirectoryProjection = (personalData: PersonalDataVault): Projection => ({
  name: HOUSEHOLD_DIRECTORY,
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
  ],

  async apply(tx, events) {
    const memberEvents = events.filter((event) => MEMBER_EVENTS.has(event.type) && householdIdOf(event.streamId) !== undefined);
    const subjects = new Set<string>();
    for (const event of memberEvents) sealedSubjectsOf(householdIdOf(event.streamId) as string, [event], subjects);
    // Keys are read in the batch's transaction: in embedded mode it holds PGlite's only connection.
    const keyring = subjects.size === 0 ? undefined : await personalData.keyringToRead(subjects, tx);
    for (const event of events) {
      const householdId = householdIdOf(event.streamId);
      if (householdId === undefined) continue;
      await applyEvent(tx, householdId, keyring !== undefined && MEMBER_EVENTS.has(event.type) ? openWith(householdId, keyring, event) : event);
    }
  },

  async reset(tx) {
    await tx.query('DELETE FROM household_directory');
  },
});

async function applyEvent(tx: SqlExecutor, householdId: string, event: RecordedEvent): Promise<void> {
  switch (event.type) {
    case 'HouseholdRegistered': {
      const data = event.data as HouseholdRegistered['data'];
      for (const member of data.members) await insertMember(tx, householdId, data.municipality, data.team, member, event.eventId);
      return;
    }
    case 'MemberAdded': {
      const { member } = event.data as MemberAdded['data'];
      if (isErased(member)) return;
      // Municipality, team and casusregisseur come from another row of the same household.
      await tx.query(
        `INSERT INTO household_directory
           (household_id, member_id, municipality, team, coordinator_id, given_name, family_name, given_name_key,
            family_name_key, birth_date, bsn, status, added_by_event)
         SELECT $1, $2, municipality, team, coordinator_id, $3, $4, $5, $6, $7, $8, 'active', $9
           FROM household_directory WHERE household_id = $1 LIMIT 1
         ON CONFLICT DO NOTHING`,
        [
          householdId,
          member.memberId,
          member.givenName,
          member.familyName,
          nameKey(member.givenName),
          nameKey(member.familyName),
          member.birthDate,
          member.bsn ?? null,
          event.eventId,
        ],
      );
      return;
    }
    case 'CoordinatorAssigned':
      await tx.query('UPDATE household_directory SET coordinator_id = $2 WHERE household_id = $1', [
        householdId,
        (event.data as { coordinatorId: string }).coordinatorId,
      ]);
      return;
    case 'PersonalDataErased':
      await tx.query('DELETE FROM household_directory WHERE household_id = $1 AND member_id = $2', [
        householdId,
        (event.data as { memberId: string }).memberId,
      ]);
      return;
    case 'MemberLeft':
      await tx.query(`UPDATE household_directory SET status = 'left', left_by_event = $3 WHERE household_id = $1 AND member_id = $2`, [
        householdId,
        (event.data as { memberId: string }).memberId,
        event.eventId,
      ]);
      return;
    case 'EventWithdrawn': {
      const { withdrawnEventId, withdrawnType } = event.data as { withdrawnEventId: string; withdrawnType: string };
      if (withdrawnType === 'MemberAdded') {
        await tx.query('DELETE FROM household_directory WHERE household_id = $1 AND added_by_event = $2', [householdId, withdrawnEventId]);
      } else if (withdrawnType === 'MemberLeft') {
        await tx.query(
          `UPDATE household_directory SET status = 'active', left_by_event = NULL WHERE household_id = $1 AND left_by_event = $2`,
          [householdId, withdrawnEventId],
        );
      }
      return;
    }
    default:
      return;
  }
}

async function insertMember(
  tx: SqlExecutor,
  householdId: string,
  municipality: string,
  team: string,
  member: MemberDetails,
  eventId: string,
): Promise<void> {
  if (isErased(member)) return;
  await tx.query(
    `INSERT INTO household_directory
       (household_id, member_id, municipality, team, given_name, family_name, given_name_key, family_name_key,
        birth_date, bsn, status, added_by_event)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'active', $11)
     ON CONFLICT DO NOTHING`,
    [
      householdId,
      member.memberId,
      municipality,
      team,
      member.givenName,
      member.familyName,
      nameKey(member.givenName),
      nameKey(member.familyName),
      member.birthDate,
      member.bsn ?? null,
      eventId,
    ],
  );
}

/** A member whose key is gone (replayed in a rebuild): there is nothing to find them by, and no row to keep. */
function isErased(member: MemberDetails): boolean {
  return member.birthDate === ERASED;
}

/** Names are matched without regard to case, accents or surrounding space: "Özdemir" finds "ozdemir". */
export function nameKey(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}
