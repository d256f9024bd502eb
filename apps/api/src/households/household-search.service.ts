import { Injectable } from '@nestjs/common';
import { Principal } from '@casusregie/auth';
import { HOUSEHOLD_DIRECTORY, HouseholdDirectorySearch, SearchCriteria } from '@casusregie/projections';
import { InjectReadModels, InjectStorage, projectionNamed, ProjectionTriggerLifecycle } from '@casusregie/runtime';
import { SqlDatabase } from '@casusregie/sql';
import { Storage } from '@casusregie/storage';

/**
 * Finds households by a member's BSN or name for a consultant (the directory's search, HouseholdDirectorySearch). The
 * directory projection is brought up to date before each search, so a household registered a moment ago is found.
 */
@Injectable()
export class HouseholdSearchService {
  private readonly directory: HouseholdDirectorySearch;

  constructor(
    @InjectReadModels() db: SqlDatabase,
    @InjectStorage() storage: Storage,
    private readonly projections: ProjectionTriggerLifecycle,
  ) {
    this.directory = new HouseholdDirectorySearch(db, storage.personalData);
  }

  async search(criteria: SearchCriteria, principal: Principal) {
    // Read-your-writes: a household registered a moment ago must be found, whatever the projector's lag.
    await this.projections.runner.catchUp(projectionNamed(this.projections.projections, HOUSEHOLD_DIRECTORY)!);
    // Only households the consultant may open: of their team, or where they are the casusregisseur.
    return this.directory.search(criteria, { municipality: principal.municipality, team: principal.team, coordinatorId: principal.sub });
  }
}
