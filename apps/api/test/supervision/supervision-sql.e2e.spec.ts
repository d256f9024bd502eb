import { isDeepStrictEqual } from 'node:util';
import { midpointOfNormItemHistory, normItemTeamsAndProviders } from '@casusregie/test-support';
import { Principal } from '@casusregie/auth';
import { BusinessDate, foldHousehold, HouseholdState, judgeItem, NormDefinition, NormItem, NormJudgement, normItems, normsFor } from '@casusregie/domain';
import { EventStore, RecordedEvent } from '@casusregie/event-store';
import { householdEventOf, householdIdOf, HouseholdRepository } from '@casusregie/households';
import { GROUP_BY, ProjectionRunner } from '@casusregie/projections';
import { allProjections } from '@casusregie/runtime';
import { GENERATOR_TODAY, generateHouseholds } from '@casusregie/seeds';
import { HouseholdWriter } from '@casusregie/seeds/household-writer';
import { ITEM_STATUSES } from '../../src/supervision/supervision.queries';
import { SupervisionService } from '../../src/supervision/supervision.service';
import { HOUSEHOLD_READ_MODEL_MAINTENANCE } from '../../../../libs/projections/src/household-read-models/read-model-schema';
import { ApiHarness, startApi, STORE_KINDS } from '../support/api-harness';

const MUNICIPALITY = 'GM0299';
const supervisor: Principal = { sub: 'gm0299-teamleider', roles: ['supervisor'], municipality: MUNICIPALITY };
const deadlineNorms = normsFor(MUNICIPALITY).filter((norm) => norm.kind === 'deadline');
/** Before, inside and after the generated histories (which end on GENERATOR_TODAY), and a Friday before Pentecost. */
const AS_OF_DATES = ['2025-06-06', '2026-03-02', GENERATOR_TODAY, '2027-06-30'];

/**
 * The worklist and compliance figures are filtered, ordered and counted in SQL. These tests hold them to a reference
 * written here from SPEC §3 and domain-research §3.0 (groups, the target year, the percentage to one decimal, median
 * and P90, restated), over items found from the event store itself: every household's events folded by the domain
 * and its items found by normItems, each judged by judgeItem (both tested on their own in libs/domain), so that
 * neither the read model's tables nor its queries, nor the service's own figures, feed the expected answer. Over
 * generated households on both stores: every deadline norm (calendar and working days), every grouping, several
 * as-of dates, team and provider filters, knownAt, and the worklist page by page; and a small fixed history whose
 * figures are worked out by hand below.
 */
describe.each(STORE_KINDS)('supervision figures counted in SQL match the domain judgement on %s', (kind) => {
  let api: ApiHarness;
  let service: SupervisionService;
  let histories: Map<string, RecordedEvent[]>;
  let fixture: Awaited<ReturnType<typeof recordFixture>>;

  beforeAll(async () => {
    api = await startApi(kind, GENERATOR_TODAY);
    const { storage } = api;
    const repository = new HouseholdRepository(storage.eventStore, storage.personalData);
    fixture = await recordFixture(repository);
    await generateHouseholds(repository, { households: 120, seed: 5, municipality: MUNICIPALITY });
    // Recorded well after the rest of the fixture (120 households lie in between): a backdated fact, known later.
    await fixture.recordLateFact();
    const runner = new ProjectionRunner(storage.readModels, storage.eventStore);
    for (const projection of allProjections(storage)) await runner.catchUp(projection);
    // What a rebuild should end with (statistics, visibility map); also shows the statement runs on both stores.
    await storage.readModels.query(HOUSEHOLD_READ_MODEL_MAINTENANCE);
    service = api.app.get(SupervisionService);
    histories = await householdHistories(storage.eventStore);
  });
  afterAll(async () => {
    // Closed first: a failed expectation must not leave the app running.
    await api.close();
    expect(api.serverErrors).toEqual([]);
  });

  it('has data that exercises every status, working-day waits and several teams and providers', async () => {
    const judged = deadlineNorms.map((norm) => currentItems(norm).map((item) => judgeItem(norm, item, GENERATOR_TODAY)));
    const statuses = new Set(judged.flat().map((judgement) => judgement?.status));
    expect([...statuses].sort()).toEqual(['excluded', 'late', 'on-time', 'pending']);
    const workingDays = deadlineNorms.filter((norm) => norm.calendar === 'working-days');
    const stoppedOnWorkingDays = judged.filter((_, index) => workingDays.includes(deadlineNorms[index])).flat().filter((judgement) => judgement?.stopped);
    expect(stoppedOnWorkingDays.length).toBeGreaterThan(5);
    const { teams, providers } = await filters();
    expect(teams.length).toBeGreaterThan(1);
    expect(providers.length).toBeGreaterThan(1);
  });

  it('gives the compliance figures of the reference for every norm, grouping, as-of date and filter', async () => {
    const { teams, providers } = await filters();
    const compared: ReturnType<typeof referenceGroups> = [];
    for (const norm of deadlineNorms) {
      for (const asOf of AS_OF_DATES) {
        const queries = [
          ...GROUP_BY.map((groupBy) => ({ groupBy })),
          { groupBy: 'quarter' as const, team: teams[0] },
          { groupBy: 'year' as const, provider: providers[0] },
        ].map((variant) => ({ from: '2024-01-01', to: '2026-12-31', asOf, ...variant }));
        for (const query of queries) {
          const actual = await service.compliance(MUNICIPALITY, norm.id, query);
          const expected = referenceGroups(norm, currentItems(norm), query);
          expect({ norm: norm.id, query, groups: actual.groups }).toEqual({ norm: norm.id, query, groups: expected });
          compared.push(...expected);
        }
      }
    }
    // Compared were groups with a target and without one, percentages to round, and norms without a term.
    expect(compared.filter((group) => group.target !== null).length).toBeGreaterThan(10);
    expect(compared.filter((group) => group.percentage !== null && !Number.isInteger(group.percentage)).length).toBeGreaterThan(10);
    expect(compared.filter((group) => group.percentage === null && group.onTime > 0).length).toBeGreaterThan(10);
  });

  it('gives the figures as known at an instant, and flags them restated, as the reference does', async () => {
    const knownAt = await midpointOfNormItemHistory(api.storage.readModels);
    let restated = 0;
    for (const norm of deadlineNorms) {
      const knownThen = itemsOf(norm, knownAt);
      for (const groupBy of ['month', 'provider'] as const) {
        const query = { from: '2024-01-01', to: '2026-12-31', asOf: GENERATOR_TODAY, groupBy };
        const actual = await service.compliance(MUNICIPALITY, norm.id, { ...query, knownAt: knownAt.toISOString() });
        const then = referenceGroups(norm, knownThen, query);
        const now = referenceGroups(norm, currentItems(norm), query);
        // SPEC §3 rule 4: a report as known then is restated when any of its figures changed since (or a group came or went).
        expect({ norm: norm.id, groupBy, groups: actual.groups, restated: actual.restated }).toEqual({ norm: norm.id, groupBy, groups: then, restated: !isDeepStrictEqual(then, now) });
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
          const expected = referenceWorklist(norm, currentItems(norm), query);
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

  it('lists the worklist as known at an instant, page by page, as the reference over the facts then known (issue 19)', async () => {
    const knownAt = await midpointOfNormItemHistory(api.storage.readModels);
    let differs = 0;
    for (const norm of deadlineNorms) {
      const knownThen = itemsOf(norm, knownAt);
      for (const variant of [{}, { status: 'pending' as const }]) {
        const query = { asOf: GENERATOR_TODAY, ...variant };
        const listed: unknown[] = [];
        let after: string | undefined;
        do {
          const page = await service.worklist(MUNICIPALITY, norm.id, { ...query, knownAt: knownAt.toISOString(), limit: 40, after });
          listed.push(...page.items.map(comparable));
          after = page.next ?? undefined;
        } while (after !== undefined);
        const expected = referenceWorklist(norm, knownThen, query);
        expect({ norm: norm.id, query, listed }).toEqual({ norm: norm.id, query, listed: expected });
        if (!isDeepStrictEqual(expected, referenceWorklist(norm, currentItems(norm), query))) differs++;
      }
    }
    // The facts recorded since changed some of those worklists.
    expect(differs).toBeGreaterThan(0);
  });

  it('counts as open in waiting times the items neither stopped nor excluded on asOf, whatever their deadline (issue 19)', async () => {
    let endedLate = 0;
    for (const norm of deadlineNorms) {
      for (const asOf of AS_OF_DATES) {
        const query = { stage: norm.id, from: '2024-01-01', to: '2026-12-31', asOf };
        const actual = await service.waitingTimes(MUNICIPALITY, query);
        const counted = new Map<string, { count: number; open: number }>();
        for (const item of currentItems(norm)) {
          if (item.startDate < query.from || item.startDate > query.to || item.startDate > asOf) continue;
          const group = counted.get(item.startDate.slice(0, 4)) ?? { count: 0, open: 0 };
          const stopped = item.stopDate !== undefined && item.stopDate <= asOf;
          const excluded = item.excludedOn !== undefined && item.excludedOn <= asOf;
          if (stopped) group.count++;
          else if (!excluded) group.open++;
          if (!stopped && excluded && item.deadline !== undefined && item.excludedOn !== undefined && item.excludedOn > item.deadline) endedLate++;
          counted.set(item.startDate.slice(0, 4), group);
        }
        const expected = [...counted].sort(([a], [b]) => a.localeCompare(b)).map(([group, figures]) => ({ group, ...figures }));
        expect({ norm: norm.id, asOf, groups: actual.groups.map(({ group, count, open }) => ({ group, count, open })) }).toEqual({ norm: norm.id, asOf, groups: expected });
      }
    }
    // Among them items ended by an exclusion after their deadline: late for compliance, but not open.
    expect(endedLate).toBeGreaterThan(10);
  });

  it('gives the hand-worked figures of a small fixed history (pip-leerroute-2m: 95 % in 2026, cohort by PIP date)', async () => {
    const compliance = (query: { from: string; to: string; groupBy: (typeof GROUP_BY)[number]; knownAt?: string }) =>
      service.compliance(FIXTURE_MUNICIPALITY, 'pip-leerroute-2m', { asOf: '2026-06-15', ...query });
    const whole = { from: '2025-01-01', to: '2026-12-31' };
    // Waiting days of the stopped items: F 51 (2025), A 41, B 59, C 64 (late), E 40 (the fact recorded late); D excluded.
    expect((await compliance({ ...whole, groupBy: 'quarter' })).groups).toEqual([
      { group: '2025-Q4', onTime: 1, late: 0, pending: 0, excluded: 0, percentage: 100, target: null, provisional: false, medianDays: 51, p90Days: 51 },
      // 2 of 3 on time: 66.666… to one decimal. The 2026 target applies to a 2026 cohort only.
      { group: '2026-Q1', onTime: 2, late: 1, pending: 0, excluded: 1, percentage: 66.7, target: 95, provisional: false, medianDays: 59, p90Days: 64 },
      { group: '2026-Q2', onTime: 1, late: 0, pending: 0, excluded: 0, percentage: 100, target: 95, provisional: false, medianDays: 40, p90Days: 40 },
    ]);
    expect((await compliance({ ...whole, groupBy: 'month' })).groups.map((group) => group.group)).toEqual(['2025-12', '2026-01', '2026-02', '2026-03', '2026-05']);
    // Four waits [40, 41, 59, 64]: the median is the mean of 41 and 59; P90 the ⌈0.9 × 4⌉ = 4th smallest.
    const year2026 = { group: '2026', onTime: 3, late: 1, pending: 0, excluded: 1, percentage: 75, target: 95, provisional: false, medianDays: 50, p90Days: 64 };
    expect((await compliance({ ...whole, groupBy: 'year' })).groups).toEqual([
      { group: '2025', onTime: 1, late: 0, pending: 0, excluded: 0, percentage: 100, target: null, provisional: false, medianDays: 51, p90Days: 51 },
      year2026,
    ]);
    // A team's cohort is the whole period: the 2026 target applies when the period lies in 2026, not when it spans 2025.
    expect((await compliance({ from: '2026-01-01', to: '2026-12-31', groupBy: 'team' })).groups).toEqual([{ ...year2026, group: FIXTURE_TEAM }]);
    // Five waits [40, 41, 51, 59, 64]: median 51, P90 the ⌈4.5⌉ = 5th smallest. No referral, so no provider: "unknown".
    const whole2025And2026 = { onTime: 4, late: 1, pending: 0, excluded: 1, percentage: 80, target: null, provisional: false, medianDays: 51, p90Days: 64 };
    expect((await compliance({ ...whole, groupBy: 'team' })).groups).toEqual([{ group: FIXTURE_TEAM, ...whole2025And2026 }]);
    expect((await compliance({ ...whole, groupBy: 'provider' })).groups).toEqual([{ group: 'unknown', ...whole2025And2026 }]);

    // As known before E's learning route was recorded: E is pending on 2026-06-15 (deadline 2026-07-01), so the 2026
    // cohort is provisional at 2 of 3; the figure has changed since, so it is restated.
    const recorded = histories.get(fixture.householdId) ?? [];
    const [knownAt, lateFact] = [recorded[recorded.length - 2].recordedAt, recorded[recorded.length - 1]];
    expect({ type: lateFact.type, recordedLater: lateFact.recordedAt > knownAt }).toEqual({ type: 'LearningRouteStarted', recordedLater: true });
    const asProduced = await compliance({ ...whole, groupBy: 'year', knownAt: knownAt.toISOString() });
    expect({ restated: asProduced.restated, groups: asProduced.groups }).toEqual({
      restated: true,
      groups: [
        { group: '2025', onTime: 1, late: 0, pending: 0, excluded: 0, percentage: 100, target: null, provisional: false, medianDays: 51, p90Days: 51 },
        { group: '2026', onTime: 2, late: 1, pending: 1, excluded: 1, percentage: 66.7, target: 95, provisional: true, medianDays: 59, p90Days: 64 },
      ],
    });
    // Only the 2025 cohort is asked: it did not change, so it is not restated.
    expect((await compliance({ from: '2025-01-01', to: '2025-12-31', groupBy: 'year', knownAt: knownAt.toISOString() })).restated).toBe(false);
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

  /** Every item of a norm as the recorded facts stand now: found once, as nothing changes them after beforeAll. */
  const current = new Map<string, ReferenceItem[]>();
  function currentItems(norm: NormDefinition): ReferenceItem[] {
    if (!current.has(norm.id)) current.set(norm.id, itemsOf(norm));
    return current.get(norm.id) as ReferenceItem[];
  }

  /** The items of a norm in the municipality's households as their events recorded up to knownAt (or all) give them. */
  function itemsOf(norm: NormDefinition, knownAt?: Date): ReferenceItem[] {
    return [...households(knownAt)].flatMap(([householdId, household]) =>
      normItems(norm, household.effectiveEvents).map((item) => ({ ...item, householdId, team: household.team })),
    );
  }

  /** The municipality's households folded by the domain from their events recorded up to knownAt (or all); once each. */
  const folded = new Map<string, Map<string, HouseholdState>>();
  function households(knownAt?: Date): Map<string, HouseholdState> {
    const key = knownAt?.toISOString() ?? 'now';
    if (!folded.has(key)) {
      const states = new Map<string, HouseholdState>();
      for (const [householdId, events] of histories) {
        const household = foldHousehold((knownAt === undefined ? events : events.filter((event) => event.recordedAt <= knownAt)).map(householdEventOf));
        if (household.registered && household.municipality === MUNICIPALITY) states.set(householdId, household);
      }
      folded.set(key, states);
    }
    return folded.get(key) as Map<string, HouseholdState>;
  }

  function filters() {
    return normItemTeamsAndProviders(api.storage.readModels, MUNICIPALITY);
  }
});

/** A norm item with the household it belongs to and that household's team, as supervisors filter and group them. */
interface ReferenceItem extends NormItem {
  householdId: string;
  team: string;
}

/** Every household's events from the event store, in stream order. */
async function householdHistories(eventStore: EventStore): Promise<Map<string, RecordedEvent[]>> {
  const histories = new Map<string, RecordedEvent[]>();
  let after: string | undefined;
  for (;;) {
    const batch = await eventStore.readAll({ after });
    for (const event of batch.events) {
      const householdId = householdIdOf(event.streamId);
      if (householdId === undefined) continue;
      if (!histories.has(householdId)) histories.set(householdId, []);
      histories.get(householdId)?.push(event);
    }
    after = batch.checkpoint;
    if (batch.isEnd) break;
  }
  for (const events of histories.values()) events.sort((a, b) => a.streamVersion - b.streamVersion);
  return histories;
}

interface ReferenceQuery {
  from: BusinessDate;
  to: BusinessDate;
  asOf: BusinessDate;
  groupBy: (typeof GROUP_BY)[number];
  team?: string;
  provider?: string;
}

/**
 * The compliance groups of a deadline norm, from SPEC §3 rule 3 and domain-research §3.0: the items whose start date
 * lies in the period (and team, provider), grouped by the month, quarter or year of their start, or by team or provider
 * ("unknown" without one), in the locale order of the group names. A group is listed even when its items all start
 * after asOf (then everything in it is 0). Each item is judged with judgeItem as of asOf.
 */
function referenceGroups(norm: NormDefinition, items: readonly ReferenceItem[], query: ReferenceQuery) {
  const groups = new Map<string, (NormJudgement | undefined)[]>();
  for (const item of items) {
    if (item.startDate < query.from || item.startDate > query.to) continue;
    if ((query.team !== undefined && item.team !== query.team) || (query.provider !== undefined && item.provider !== query.provider)) continue;
    const group = groupName(item, query.groupBy);
    if (!groups.has(group)) groups.set(group, []);
    groups.get(group)?.push(judged(norm, item, query.asOf));
  }
  return [...groups]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([group, judgements]) => groupFigures(norm, group, judgements.filter((judgement) => judgement !== undefined), targetOf(norm, group, query)));
}

/** judgeItem, once per item and as-of date: the queries ask about the same items many times. */
const judgements = new WeakMap<ReferenceItem, Map<string, NormJudgement | undefined>>();
function judged(norm: NormDefinition, item: ReferenceItem, asOf: BusinessDate): NormJudgement | undefined {
  if (!judgements.has(item)) judgements.set(item, new Map());
  const byDate = judgements.get(item) as Map<string, NormJudgement | undefined>;
  const key = `${norm.id}|${asOf}`;
  if (!byDate.has(key)) byDate.set(key, judgeItem(norm, item, asOf));
  return byDate.get(key);
}

function groupName(item: ReferenceItem, groupBy: ReferenceQuery['groupBy']): string {
  const [year, month] = item.startDate.split('-');
  if (groupBy === 'month') return `${year}-${month}`;
  if (groupBy === 'quarter') return `${year}-Q${Math.ceil(Number(month) / 3)}`;
  if (groupBy === 'year') return year;
  return groupBy === 'team' ? item.team : (item.provider ?? 'unknown');
}

/**
 * The target of a group: the norm's percentage, when it names no year or every start date the group's cohort can hold
 * lies in that year (pip-leerroute-2m: 95 % in 2026, domain-research §3.1 K1): a month, quarter or year of it, or for a
 * team or provider the whole period.
 */
function targetOf(norm: NormDefinition, group: string, query: ReferenceQuery): number | null {
  const target = norm.target;
  if (target?.percentage === undefined) return null;
  if (target.year === undefined) return target.percentage;
  const years = query.groupBy === 'team' || query.groupBy === 'provider' ? [query.from, query.to] : [group];
  return years.every((date) => Number(date.slice(0, 4)) === target.year) ? target.percentage : null;
}

/**
 * One group's figures: counts per status; percentage = on-time / (on-time + late) to one decimal, halves up (none
 * without any decided item, nor for a norm without a term: it measures a distribution only); provisional while any
 * item is pending; median and P90 (nearest rank) of the waiting days of the items stopped by asOf.
 */
function groupFigures(norm: NormDefinition, group: string, judgements: readonly NormJudgement[], target: number | null) {
  const count = (status: NormJudgement['status']) => judgements.filter((judgement) => judgement.status === status).length;
  const [onTime, late, pending, excluded] = [count('on-time'), count('late'), count('pending'), count('excluded')];
  const hasTerm = norm.duration !== undefined || norm.durationFromField !== undefined;
  const waits = judgements.flatMap((judgement) => (judgement.stopped ? [judgement.waitingDays as number] : [])).sort((a, b) => a - b);
  const middle = waits.length / 2;
  return {
    group,
    onTime,
    late,
    pending,
    excluded,
    // In integers: tenths of a percent, rounded half up.
    percentage: !hasTerm || onTime + late === 0 ? null : Math.floor((2000 * onTime + (onTime + late)) / (2 * (onTime + late))) / 10,
    target,
    provisional: pending > 0,
    medianDays: waits.length === 0 ? null : waits.length % 2 === 1 ? waits[Math.floor(middle)] : (waits[middle - 1] + waits[middle]) / 2,
    p90Days: waits.length === 0 ? null : waits[Math.ceil((9 * waits.length) / 10) - 1],
  };
}

/** The whole worklist: every item sorted by its joined text key, judged and filtered. */
function referenceWorklist(norm: NormDefinition, items: readonly ReferenceItem[], query: { asOf: BusinessDate; status?: string; dueWithinDays?: number; team?: string }) {
  const key = (item: ReferenceItem) => [item.deadline ?? '9999-12-31', item.startDate, item.householdId, item.itemKey].join('|');
  return items
    .filter((item) => query.team === undefined || item.team === query.team)
    .sort((a, b) => key(a).localeCompare(key(b)))
    .flatMap((item) => {
      const judgement = judged(norm, item, query.asOf);
      if (judgement === undefined || (query.status !== undefined && judgement.status !== query.status)) return [];
      if (query.dueWithinDays !== undefined && !(judgement.status === 'pending' && (judgement.daysLeft ?? Infinity) <= query.dueWithinDays)) return [];
      return [comparable({ ...item, ...judgement })];
    });
}

/** What identifies a worklist row and what the judgement put in it. */
function comparable(row: { householdId: string; itemKey: string; status: string; daysLeft?: number | null; daysOverdue?: number | null; waitingDays?: number | null }) {
  return { householdId: row.householdId, itemKey: row.itemKey, status: row.status, daysLeft: row.daysLeft ?? null, daysOverdue: row.daysOverdue ?? null, waitingDays: row.waitingDays ?? null };
}

/** The small fixed history lives in another municipality, so that the generated one's figures stay as they are. */
const FIXTURE_MUNICIPALITY = 'GM0226';
const FIXTURE_TEAM = 'wijkteam-vast';

/**
 * One household of Duiven with six inburgering trajectories, each with a PIP (pip-leerroute-2m: deadline = PIP + 2
 * months, clamped to the month's end):
 * - F: PIP 2025-12-31, deadline 2026-02-28; route started 2026-02-20: on time, 51 days (2025 cohort).
 * - A: PIP 2026-01-10, deadline 2026-03-10; started 2026-02-20: on time, 41 days.
 * - B: PIP 2026-01-31, deadline 2026-03-31; started 2026-03-31, on the deadline: on time, 59 days.
 * - C: PIP 2026-02-15, deadline 2026-04-15; started 2026-04-20: late, 64 days.
 * - D: PIP 2026-03-01; trajectory closed 2026-03-20, before its deadline: excluded.
 * - E: PIP 2026-05-01, deadline 2026-07-01; started 2026-06-10, but recorded later (recordLateFact): 40 days.
 */
async function recordFixture(repository: HouseholdRepository) {
  const householdId = '5a0b7c1e-26f0-4c3d-9e8a-0f1a2b3c4d5e';
  const memberId = 'b7e4c2a0-1d3f-4a5b-8c6d-7e8f9a0b1c2d';
  const residenceId = 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f';
  const writer = new HouseholdWriter(repository, householdId, { municipality: FIXTURE_MUNICIPALITY, consultantId: 'dvn-consulent', today: GENERATOR_TODAY });
  const run = async (command: Parameters<HouseholdWriter['run']>[0]) => {
    if (!(await writer.run(command))) throw new Error(`The fixture's ${command.type} of ${command.occurredOn} was refused`);
  };
  await run({
    type: 'RegisterHousehold',
    occurredOn: '2025-11-01',
    householdId,
    municipality: FIXTURE_MUNICIPALITY,
    team: FIXTURE_TEAM,
    residences: [{ residenceId, label: 'woning' }],
    members: [{ memberId, givenName: 'Fixture', familyName: 'Vast', birthDate: '1990-04-01', role: 'parent', residenceIds: [residenceId] }],
  });
  const trajectory = (letter: string) => `0000000${'ABCDEF'.indexOf(letter) + 1}-aaaa-4aaa-8aaa-00000000000${'ABCDEF'.indexOf(letter) + 1}`;
  const pips: [string, string, string | undefined][] = [
    ['F', '2025-12-31', '2026-02-20'],
    ['A', '2026-01-10', '2026-02-20'],
    ['B', '2026-01-31', '2026-03-31'],
    ['C', '2026-02-15', '2026-04-20'],
    ['D', '2026-03-01', undefined],
    ['E', '2026-05-01', undefined],
  ];
  for (const [letter, pipOn, startedOn] of pips) {
    const trajectoryId = trajectory(letter);
    await run({
      type: 'OpenTrajectory',
      occurredOn: '2025-12-01',
      trajectoryId,
      memberId,
      legalBasis: 'wet-inburgering-2021',
      source: 'other',
      channel: 'warm-handover',
      question: 'Inburgeringsplichtig: PIP en leerroute',
      lifeDomains: ['taal', 'participatie'],
    });
    await run({ type: 'EstablishPip', trajectoryId, occurredOn: pipOn, route: 'B1' });
    if (startedOn !== undefined) await run({ type: 'StartLearningRoute', trajectoryId, occurredOn: startedOn, languageStartDate: startedOn, participationStartDate: startedOn });
  }
  await run({ type: 'CloseTrajectory', trajectoryId: trajectory('D'), occurredOn: '2026-03-20', reason: 'moved-away' });
  await writer.flush();
  return {
    householdId,
    /** E's learning route, dated 2026-06-10, recorded now: the household's last event. */
    async recordLateFact() {
      await run({ type: 'StartLearningRoute', trajectoryId: trajectory('E'), occurredOn: '2026-06-10', languageStartDate: '2026-06-10', participationStartDate: '2026-06-10' });
      await writer.flush();
    },
  };
}
