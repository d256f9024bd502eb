import { randomBytes } from 'node:crypto';
import { DomainError, HouseholdState, RecordedHouseholdEvent } from '@casusregie/domain';
import { cmd, HOUSEHOLD_ID, MUNICIPALITY, R_GGNET, T_YUSUF_GGZ, TODAY } from '@casusregie/domain/testing/household-fixtures';
import { SqlEventStore } from '@casusregie/event-store';
import { PostgresDatabase } from '@casusregie/sql';
import { createTestDatabase, TestDatabase } from '@casusregie/test-support';
import { HouseholdCommandHandler, StaleVersionError } from './household-command-handler';
import { HouseholdRepository } from './household-repository';
import { PersonalDataVault } from './personal-data';

const CONTRACTED = '98765432';
const options = { actor: { id: 'u-ivanka', role: 'consultant' }, correlationId: 'c-1' };

/** `recordedOn` comes from the store's clock: a reload has it for the new events, the handler cannot know it before. */
const withoutRecordedOn = (state: HouseholdState): HouseholdState => ({
  ...state,
  effectiveEvents: state.effectiveEvents.map(({ recordedOn: _recordedOn, ...event }) => event as RecordedHouseholdEvent),
});

// The handler above the stores: PostgreSQL, since a PGlite start costs seconds.
describe('HouseholdCommandHandler (PostgreSQL)', () => {
  let testDb: TestDatabase;
  let db: PostgresDatabase;
  let repository: HouseholdRepository;
  let handler: HouseholdCommandHandler;
  let notified = 0;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = new PostgresDatabase({ connectionString: testDb.url });
    repository = new HouseholdRepository(await SqlEventStore.open(db), await PersonalDataVault.open(db, randomBytes(32).toString('base64')));
    handler = new HouseholdCommandHandler({
      repository,
      context: () => ({ today: TODAY }),
      contracts: async (agbCode, municipality) => (agbCode === CONTRACTED && municipality === MUNICIPALITY ? { name: 'Zorg in de wijk', productCategories: ['maatwerk'] } : undefined),
      notify: () => notified++,
    });
  });
  afterAll(async () => {
    await db.close();
    await testDb.drop();
  });

  it('hands back the household its stream folds to, without folding it again, and tells the projections', async () => {
    await handler.handle(HOUSEHOLD_ID, cmd.registerHousehold(), options);
    await handler.handle(HOUSEHOLD_ID, cmd.openTrajectory(T_YUSUF_GGZ, '2026-04-15'), options);
    const referral = await handler.handle(HOUSEHOLD_ID, cmd.makeReferral(T_YUSUF_GGZ, R_GGNET, '2026-05-15'), options);
    const withdrawal = await handler.handle(HOUSEHOLD_ID, cmd.withdrawEvent(referral.events[0].eventId), options);

    const reloaded = await repository.load(HOUSEHOLD_ID);
    expect(withdrawal.version).toBe(reloaded.version);
    expect(withoutRecordedOn(withdrawal.state)).toEqual(withoutRecordedOn(reloaded.state));
    expect(notified).toBe(4);
  });

  it('records a referral to maatwerk under the name in the municipality’s contract, and refuses one without a contract', async () => {
    const maatwerk = (referralId: string, agbCode: string) =>
      cmd.makeReferral(T_YUSUF_GGZ, referralId, '2026-06-01', { category: 'maatwerk', organisation: { agbCode, name: 'Zoals de consulent het typte' } });
    const contracted = await handler.handle(HOUSEHOLD_ID, maatwerk('ref-maatwerk', CONTRACTED), options);
    expect(contracted.events[0].data).toMatchObject({ organisation: { agbCode: CONTRACTED, name: 'Zorg in de wijk' } });
    await expect(handler.handle(HOUSEHOLD_ID, maatwerk('ref-other', '11112222'), options)).rejects.toEqual(
      new DomainError('provider-not-contracted', `AGB 11112222 is not a registered provider contracted by ${MUNICIPALITY} for maatwerk`),
    );
  });

  it('refuses an unknown household, a hidden one, and a stale version, before deciding', async () => {
    const refusal = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);
    const unknown = await refusal(handler.handle('0f9b4c1e-0000-4000-8000-000000000000', cmd.recordMemberLeft('m-1', TODAY), options));
    expect(unknown).toEqual(new DomainError('household-not-found', 'No household 0f9b4c1e-0000-4000-8000-000000000000'));
    const hidden = await refusal(handler.handle(HOUSEHOLD_ID, cmd.recordIntake(T_YUSUF_GGZ, TODAY), { ...options, access: { mayAct: () => false } }));
    expect(hidden).toBeInstanceOf(DomainError);
    const stale = await refusal(handler.handle(HOUSEHOLD_ID, cmd.recordIntake(T_YUSUF_GGZ, TODAY), { ...options, expectedVersion: 1 }));
    expect(stale).toEqual(new StaleVersionError((await repository.load(HOUSEHOLD_ID)).version));
  });
});
