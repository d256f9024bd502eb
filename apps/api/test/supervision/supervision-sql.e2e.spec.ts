import { midpointOfNormItemHistory, normItemTeamsAndProviders } from '@casusregie/test-support';
import { Principal } from '@casusregie/auth';
import { BusinessDate, judgeCohort, judgeItem, NormDefinition, normsFor } from '@casusregie/domain';
import { HouseholdRepository } from '@casusregie/households';
import { cohortOfGroup, GROUP_BY, groupItems, NormItemStore, ProjectionRunner, SupervisedItem } from '@casusregie/projections';
import { allProjections } from '@casusregie/runtime';
import { GENERATOR_TODAY, generateHouseholds } from '@casusregie/seeds';
import { ITEM_STATUSES } from '../../src/supervision/supervision.queries';
import { complianceFigures, SupervisionService } from '../../src/supervision/supervision.service';
import { HOUSEHOLD_READ_MODEL_MAINTENANCE } from '../../../../libs/projections/src/household-read-models/read-model-schema';
import { ApiHarness, startApi, STORE_KINDS } from '../support/api-harness';

const MUNICIPALITY = 'GM0299';
const supervisor: Principal = { sub: 'gm0299-teamleider', roles: ['supervisor'], municipality: MUNICIPALITY };
const deadlineNorms = normsFor(MUNICIPALITY).filter((norm) => norm.kind === 'deadline');
/** Before, inside and after the generated histories (which end on GENERATOR_TODAY), and a Friday before Pentecost. */
const AS_OF_DATES = ['2025-06-06', '2026-03-02', GENERATOR_TODAY, '2027-06-30'];

/**
 * The worklist and compliance figures are filtered, ordered and counted in SQL; these tests hold them to what the
 * domain's own judgement gives when every item is loaded and judged in JavaScript (the code before issue 7, kept
 * here as the reference), over generated households on both stores: every deadline norm (calendar and working days),
 * every grouping, several as-of dates, team and provider filters, knownAt, and the worklist page by page.
 */
describe.each(STORE_KINDS)('supervision figures counted in SQL match the domain judgement on %s', (kind) => {
  let api: ApiHarness;
  let service: SupervisionService;
  let store: NormItemStore;

  beforeAll(async () => {
    api = await startApi(kind, GENERATOR_TODAY);
    const { storage } = api;
    await generateHouseholds(new HouseholdRepository(storage.eventStore, storage.personalData), { households: 120, seed: 5, municipality: MUNICIPALITY });
    const runner = new ProjectionRunner(storage.readModels, storage.eventStore);
    for (const projection of allProjections(storage)) await runner.catchUp(projection);
    // What a rebuild should end with (statistics, visibility map); also shows the statement runs on both stores.
    await storage.readModels.query(HOUSEHOLD_READ_MODEL_MAINTENANCE);
    service = api.app.get(SupervisionService);
    store = api.app.get(NormItemStore);
  });
  afterAll(async () => {
    expect(api.serverErrors).toEqual([]);
    await api.close();
  });

  it('has data that exercises every status, working-day waits and several teams and providers', async () => {
    const judged = await Promise.all(deadlineNorms.map(async (norm) => (await currentItems(norm)).map((item) => judgeItem(norm, item, GENERATOR_TODAY))));
    const statuses = new Set(judged.flat().map((judgement) => judgement?.status));
    expect([...statuses].sort()).toEqual(['excluded', 'late', 'on-time', 'pending']);
    const workingDays = deadlineNorms.filter((norm) => norm.calendar === 'working-days');
    const stoppedOnWorkingDays = judged.filter((_, index) => workingDays.includes(deadlineNorms[index])).flat().filter((judgement) => judgement?.stopped);
    expect(stoppedOnWorkingDays.length).toBeGreaterThan(5);
    const { teams, providers } = await filters();
    expect(teams.length).toBeGreaterThan(1);
    expect(providers.length).toBeGreaterThan(1);
  });

  it('gives the compliance figures of judgeItem and compliance for every norm, grouping, as-of date and filter', async () => {
    const { teams, providers } = await filters();
    for (const norm of deadlineNorms) {
      for (const asOf of AS_OF_DATES) {
        const queries = [
          ...GROUP_BY.map((groupBy) => ({ groupBy })),
          { groupBy: 'quarter' as const, team: teams[0] },
          { groupBy: 'year' as const, provider: providers[0] },
        ].map((variant) => ({ from: '2024-01-01', to: '2026-12-31', asOf, ...variant }));
        for (const query of queries) {
          const actual = await service.compliance(MUNICIPALITY, norm.id, query);
          const expected = referenceGroups(norm, await currentItems(norm), query);
          expect({ norm: norm.id, query, groups: actual.groups }).toEqual({ norm: norm.id, query, groups: expected });
        }
      }
    }
  });

  it('gives the figures as known at an instant, and flags them restated, as the reference does', async () => {
    const knownAt = await midpointOfNormItemHistory(api.storage.readModels);
    let restated = 0;
    for (const norm of deadlineNorms) {
      for (const groupBy of ['month', 'provider'] as const) {
        const query = { from: '2024-01-01', to: '2026-12-31', asOf: GENERATOR_TODAY, groupBy };
        const actual = await service.compliance(MUNICIPALITY, norm.id, { ...query, knownAt: knownAt.toISOString() });
        const then = referenceGroups(norm, await store.items(MUNICIPALITY, norm.id, knownAt), query);
        const now = referenceGroups(norm, await currentItems(norm), query);
        expect({ norm: norm.id, groupBy, groups: actual.groups, restated: actual.restated }).toEqual({
          norm: norm.id,
          groupBy,
          groups: then,
          restated: JSON.stringify(then) !== JSON.stringify(now),
        });
        if (actual.restated) restated++;
      }
    }
    expect(restated).toBeGreaterThan(0);
  });

  it('lists the worklist of the reference page by page, for every status, dueWithinDays and team', async () => {
    const { teams } = await filters();
    for (const norm of deadlineNorms) {
      for (const asOf of AS_OF_DATES) {
        const variants = [{}, ...ITEM_STATUSES.map((status) => ({ status })), { dueWithinDays: 0 }, { dueWithinDays: 9 }, { status: 'pending' as const, dueWithinDays: 30, team: teams[1] }];
        for (const variant of variants) {
          const query = { asOf, ...variant };
          const expected = referenceWorklist(norm, await currentItems(norm), query);
          const listed: unknown[] = [];
          let after: string | undefined;
          do {
            const page = await service.worklist(MUNICIPALITY, norm.id, { ...query, limit: 40, after });
            expect(page.items.length).toBeLessThanOrEqual(40);
            listed.push(...page.items.map(comparable));
            after = page.next ?? undefined;
          } while (after !== undefined);
          expect({ norm: norm.id, query, listed }).toEqual({ norm: norm.id, query, listed: expected });
        }
      }
    }
  });

  it('refuses a cursor whose position is not a date, uuid and key with a 400 problem, never a 500', async () => {
    const cursor = (position: object) => Buffer.from(JSON.stringify(position)).toString('base64url');
    const bad = [
      cursor({ startDate: 'yesterday', householdId: '00000000-0000-4000-8000-000000000000', itemKey: 'k' }),
      cursor({ deadline: '2026-02-30', startDate: '2026-01-01', householdId: '00000000-0000-4000-8000-000000000000', itemKey: 'k' }),
      cursor({ startDate: '2026-01-01', householdId: 'not-a-uuid', itemKey: 'k' }),
      cursor({ startDate: '2026-01-01', householdId: '00000000-0000-4000-8000-000000000000', itemKey: 7 }),
      'bm90LWpzb24',
    ];
    for (const after of bad) {
      const response = await api.http().get(`/api/v1/norms/melding-intake/items?after=${after}`).set('Authorization', api.bearer(supervisor));
      expect({ after, status: response.status, type: response.headers['content-type'] }).toEqual({ after, status: 400, type: expect.stringMatching(/^application\/problem\+json/) });
    }
  });

  /** Every item of a norm as it stands now: loaded once, as nothing changes them after beforeAll. */
  const loaded = new Map<string, Promise<SupervisedItem[]>>();
  function currentItems(norm: NormDefinition): Promise<SupervisedItem[]> {
    if (!loaded.has(norm.id)) loaded.set(norm.id, store.items(MUNICIPALITY, norm.id));
    return loaded.get(norm.id) as Promise<SupervisedItem[]>;
  }

  function filters() {
    return normItemTeamsAndProviders(api.storage.readModels, MUNICIPALITY);
  }
});

interface ReferenceQuery {
  from: BusinessDate;
  to: BusinessDate;
  asOf: BusinessDate;
  groupBy: (typeof GROUP_BY)[number];
  team?: string;
  provider?: string;
}

/**
 * The compliance groups of a deadline norm as computed before issue 7: every item judged with judgeItem, each group's
 * cohort by the domain's judgeCohort itself (its target and percentage rules are the ones production must follow).
 */
function referenceGroups(norm: NormDefinition, items: SupervisedItem[], query: ReferenceQuery) {
  const counted = items.filter(
    (item) =>
      item.startDate >= query.from &&
      item.startDate <= query.to &&
      (query.team === undefined || item.team === query.team) &&
      (query.provider === undefined || item.provider === query.provider),
  );
  return groupItems(counted, query.groupBy).map(([group, members]) => {
    return complianceFigures(group, judgeCohort(norm, members, query.asOf, cohortOfGroup(group, query.groupBy, query)).compliance);
  });
}

/** The whole worklist as computed before issue 7: every item sorted by its joined text key, judged and filtered. */
function referenceWorklist(norm: NormDefinition, items: SupervisedItem[], query: { asOf: BusinessDate; status?: string; dueWithinDays?: number; team?: string }) {
  const key = (item: SupervisedItem) => [item.deadline ?? '9999-12-31', item.startDate, item.householdId, item.itemKey].join('|');
  return items
    .filter((item) => query.team === undefined || item.team === query.team)
    .sort((a, b) => key(a).localeCompare(key(b)))
    .flatMap((item) => {
      const judgement = judgeItem(norm, item, query.asOf);
      if (judgement === undefined || (query.status !== undefined && judgement.status !== query.status)) return [];
      if (query.dueWithinDays !== undefined && !(judgement.status === 'pending' && (judgement.daysLeft ?? Infinity) <= query.dueWithinDays)) return [];
      return [comparable({ ...item, ...judgement })];
    });
}

/** What identifies a worklist row and what the judgement put in it. */
function comparable(row: { householdId: string; itemKey: string; status: string; daysLeft?: number | null; daysOverdue?: number | null; waitingDays?: number | null }) {
  return { householdId: row.householdId, itemKey: row.itemKey, status: row.status, daysLeft: row.daysLeft ?? null, daysOverdue: row.daysOverdue ?? null, waitingDays: row.waitingDays ?? null };
}
