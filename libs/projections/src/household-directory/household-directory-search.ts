import { ERASED } from '@casusregie/domain';
import { isSealed, openPerson, PersonalDataVault, subjectOf } from '@casusregie/households';
import { SqlDatabase } from '@casusregie/sql';
import { nameKey } from './household-directory.projection';

/** Whose households a search may find: those of the team, or where the searcher is the casusregisseur. */
export interface SearchScope {
  municipality: string;
  team?: string;
  coordinatorId: string;
}

export interface SearchCriteria {
  bsn?: string;
  familyName?: string;
  givenName?: string;
  birthDate?: string;
}

interface DirectoryRow {
  household_id: string;
  team: string;
  member_id: string;
  /** Sealed, as in the member's event. */
  given_name: string;
  family_name: string;
  birth_date: string;
}

/** Most matches a search returns: a search is for finding one family, not for listing a municipality. */
const MAX_MATCHES = 50;

/**
 * Finds households by a member's BSN or name, within a municipality. The directory holds keyed hashes to match on and
 * sealed names: the criteria are hashed the same way, and the names found are opened for this answer.
 */
export class HouseholdDirectorySearch {
  constructor(
    private readonly db: SqlDatabase,
    private readonly personalData: PersonalDataVault,
  ) {}

  async search(criteria: SearchCriteria, scope: SearchScope) {
    // Only households the consultant may open: of their team, or where they are the casusregisseur.
    const conditions = ['municipality = $1', "status = 'active'", '(team = $2 OR coordinator_id = $3)'];
    const params: unknown[] = [scope.municipality, scope.team ?? null, scope.coordinatorId];
    const searchKey = this.personalData.searchKey.bind(this.personalData);
    const add = (sql: string, value: unknown) => {
      params.push(value);
      conditions.push(sql.replace('?', `$${params.length}`));
    };
    if (criteria.bsn !== undefined) add('bsn_key = ?', searchKey('bsn', criteria.bsn));
    if (criteria.familyName !== undefined) add('family_name_key = ?', searchKey('familyName', nameKey(criteria.familyName)));
    if (criteria.givenName !== undefined) add('given_name_key = ?', searchKey('givenName', nameKey(criteria.givenName)));
    if (criteria.birthDate !== undefined) add('birth_date_key = ?', searchKey('birthDate', criteria.birthDate));

    const { rows } = await this.db.query<DirectoryRow>(
      `SELECT household_id::text, team, member_id::text, given_name, family_name, birth_date
         FROM household_directory
        WHERE ${conditions.join(' AND ')}
        ORDER BY household_id, member_id
        LIMIT ${MAX_MATCHES}`,
      params,
    );
    const members = await this.opened(rows);
    const households = new Map<string, { householdId: string; team: string; members: object[] }>();
    for (const member of members.sort(byName)) {
      const match = households.get(member.householdId) ?? { householdId: member.householdId, team: member.team, members: [] };
      match.members.push({ memberId: member.memberId, givenName: member.givenName, familyName: member.familyName, birthDate: member.birthDate });
      households.set(member.householdId, match);
    }
    return { results: [...households.values()] };
  }

  /** The rows' names and birth dates opened; a member erased since the directory was brought up to date is left out. */
  private async opened(rows: readonly DirectoryRow[]) {
    if (rows.length === 0) return [];
    const sealed = rows.flatMap((row) => [row.given_name, row.family_name, row.birth_date]).filter(isSealed);
    const keyring = await this.personalData.keyringToRead(sealed.map(subjectOf));
    return rows
      .map((row) => ({
        householdId: row.household_id,
        team: row.team,
        memberId: row.member_id,
        ...openPerson({ givenName: row.given_name, familyName: row.family_name, birthDate: row.birth_date }, (sealed, field) => keyring.open(sealed, field)),
      }))
      .filter((member) => member.birthDate !== ERASED);
  }
}

/** As a family would be listed: by family name, then given name, without regard to case or accents. */
function byName(a: Match, b: Match): number {
  return compare(nameKey(a.familyName), nameKey(b.familyName)) || compare(nameKey(a.givenName), nameKey(b.givenName)) || compare(a.householdId, b.householdId);
}

type Match = { householdId: string; givenName: string; familyName: string };

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
