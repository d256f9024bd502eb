import { Injectable } from '@nestjs/common';
import { Principal } from '@casusregie/auth';
import { HOUSEHOLD_DIRECTORY, nameKey } from '@casusregie/projections';
import { InjectReadModels, projectionNamed, ProjectionTriggerLifecycle } from '@casusregie/runtime';
import { SqlDatabase } from '@casusregie/sql';

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
  given_name: string;
  family_name: string;
  birth_date: string;
}

/** Most matches a search returns: a search is for finding one family, not for listing a municipality. */
const MAX_MATCHES = 50;

/**
 * Finds households by a member's BSN or name, within the caller's municipality. The directory projection is brought
 * up to date before each search, so a household registered a moment ago is found.
 */
@Injectable()
export class HouseholdSearchService {
  constructor(
    @InjectReadModels() private readonly db: SqlDatabase,
    private readonly projections: ProjectionTriggerLifecycle,
  ) {}

  async search(criteria: SearchCriteria, principal: Principal) {
    // Read-your-writes: a household registered a moment ago must be found, whatever the projector's lag.
    await this.projections.runner.catchUp(projectionNamed(this.projections.projections, HOUSEHOLD_DIRECTORY)!);
    // Only households the consultant may open: of their team, or where they are the casusregisseur.
    const conditions = ['municipality = $1', "status = 'active'", '(team = $2 OR coordinator_id = $3)'];
    const params: unknown[] = [principal.municipality, principal.team ?? null, principal.sub];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      conditions.push(sql.replace('?', `$${params.length}`));
    };
    if (criteria.bsn !== undefined) add('bsn = ?', criteria.bsn);
    if (criteria.familyName !== undefined) add('family_name_key = ?', nameKey(criteria.familyName));
    if (criteria.givenName !== undefined) add('given_name_key = ?', nameKey(criteria.givenName));
    if (criteria.birthDate !== undefined) add('birth_date = ?::date', criteria.birthDate);

    const { rows } = await this.db.query<DirectoryRow>(
      `SELECT household_id::text, team, member_id::text, given_name, family_name, to_char(birth_date, 'YYYY-MM-DD') AS birth_date
         FROM household_directory
        WHERE ${conditions.join(' AND ')}
        ORDER BY family_name_key, given_name_key, household_id
        LIMIT ${MAX_MATCHES}`,
      params,
    );
    const households = new Map<string, { householdId: string; team: string; members: object[] }>();
    for (const row of rows) {
      const match = households.get(row.household_id) ?? { householdId: row.household_id, team: row.team, members: [] };
      match.members.push({ memberId: row.member_id, givenName: row.given_name, familyName: row.family_name, birthDate: row.birth_date });
      households.set(row.household_id, match);
    }
    return { results: [...households.values()] };
  }
}
