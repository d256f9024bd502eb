import { consultantsLetIn, HouseholdState } from '@casusregie/domain';
import { SqlEventStore } from '@casusregie/event-store';
import { HouseholdRepository, PersonalDataVault } from '@casusregie/households';
import { householdReadModelsProjection as householdReadModelsOf, ProjectionRunner } from '@casusregie/projections';
import { generateHouseholds } from '@casusregie/seeds';
import { SqlDatabase } from '@casusregie/sql';
import { TEST_MASTER_KEY, ThrowAwayDatabases } from '@casusregie/test-support';

/**
 * rm_trajectories.let_in is who may open a trajectory as the domain's consultantsLetIn says (NULL: not restricted),
 * which a consultant's caseload and worklist hold them to in SQL. The projection writes it; migration 13 fills it for
 * the rows stored before the column existed, from the stored state. Both are held to consultantsLetIn here, on a
 * generated history (its GGZ trajectories are restricted by their casusregisseur) and on states whose casusregisseur
 * changed since (let in first) or went.
 */
describe('who may open a trajectory, in rm_trajectories (PostgreSQL, generated history)', () => {
  const databases = new ThrowAwayDatabases();
  afterAll(() => databases.dispose());

  /** Each trajectory row's let_in, and what consultantsLetIn makes of the stored state, by household and trajectory. */
  async function letIn(models: SqlDatabase) {
    const { rows: households } = await models.query<{ household_id: string; state: HouseholdState }>('SELECT household_id::text, state FROM rm_households');
    const states = new Map(households.map((row) => [row.household_id, row.state]));
    const { rows } = await models.query<{ household_id: string; trajectory_id: string; let_in: string[] | null }>(
      'SELECT household_id::text, trajectory_id::text, let_in FROM rm_trajectories ORDER BY household_id, trajectory_id',
    );
    return rows.map(({ household_id, trajectory_id, let_in }) => {
      const state = states.get(household_id) as HouseholdState;
      const trajectory = state.trajectories.find((t) => t.trajectoryId === trajectory_id);
      return { household_id, trajectory_id, stored: let_in, rule: trajectory === undefined ? 'missing' : (consultantsLetIn(state, trajectory) ?? null) };
    });
  }

  it('is written by the projection, and filled by migration 13 as the rule gives it', async () => {
    const events = await databases.open();
    const store = await SqlEventStore.open(events);
    const vault = await PersonalDataVault.open(events, TEST_MASTER_KEY);
    const repository = new HouseholdRepository(store, vault);
    await generateHouseholds(repository, { households: 80, seed: 19 });
    // The read models beside the events and keys, as in the product (the projection opens a few values with the keys).
    const models = events;
    const householdReadModelsProjection = householdReadModelsOf(vault);
    const runner = new ProjectionRunner(models, store);
    await runner.prepare([householdReadModelsProjection]);
    await runner.catchUp(householdReadModelsProjection);

    const written = await letIn(models);
    const restricted = written.filter((row) => row.rule !== null);
    expect(written.map(({ stored }) => stored)).toEqual(written.map(({ rule }) => rule));

    // Stored states whose casusregisseur changed since the restriction, and one that has none any more.
    const [handedOver, uncoordinated, ...others] = [...new Set(restricted.map((row) => row.household_id))];
    expect(others.length).toBeGreaterThan(0);
    await models.query(`UPDATE rm_households SET state = jsonb_set(state, '{coordinator,coordinatorId}', '"consultant-new"') WHERE household_id = $1`, [handedOver]);
    await models.query(`UPDATE rm_households SET state = state - 'coordinator' WHERE household_id = $1`, [uncoordinated]);
    // The tables as they were before migration 13.
    await models.query('ALTER TABLE rm_trajectories DROP COLUMN let_in; DROP INDEX rm_trajectories_team');
    await models.query(`DELETE FROM schema_migrations WHERE component = 'projection:household-read-models' AND version = 13`);

    await runner.prepare([householdReadModelsProjection]);
    const filled = await letIn(models);
    expect(filled.map(({ stored }) => stored)).toEqual(filled.map(({ rule }) => rule));
    expect(filled.find((row) => row.household_id === handedOver && row.rule !== null)?.stored?.[0]).toBe('consultant-new');
    expect(filled.filter((row) => row.stored !== null)).toHaveLength(restricted.length);
  });
});
