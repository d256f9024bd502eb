import { Injectable } from '@nestjs/common';
import {
  addDays,
  Cohort,
  cohortCompliance,
  Compliance,
  countOfCohort,
  isBusinessDate,
  judgeItem,
  MunicipalityNorms,
  NormDefinition,
  NormJudgement,
  normIdOfStage,
  providerAsOf,
  StatusTally,
  waitingTimesOfTally,
} from '@casusregie/domain';
import { invalidParam, ProblemHttpException } from '@casusregie/http';
import {
  CaseloadPosition,
  Caseloads,
  cohortOfGroup,
  GroupBy,
  groupItems,
  NormItemStore,
  NormSettingsChanges,
  SupervisedItem,
  WorklistPosition,
} from '@casusregie/projections';
import { Clock, InjectClock } from '@casusregie/runtime';
import { decodeCursor, DEFAULT_PAGE_SIZE, pageOf, UUID_PATTERN } from '../validation/page-query';
import { reportPeriod } from './report-period';
import { CaseloadQuery, ComplianceQuery, FiguresQuery, ItemsQuery, WaakvlamDueQuery, WaitingTimesQuery } from './supervision.queries';

/**
 * The figures supervisors query, for their own municipality only. Items come from the read models; their status is
 * judged with the domain's own rules: a worklist page by judgeItem, compliance by complianceOfTally over the statuses
 * and waiting days that the read model's SQL counts as judgeItem would (held to judgeItem by supervision-sql.e2e.spec).
 */
@Injectable()
export class SupervisionService {
  constructor(
    private readonly items: NormItemStore,
    private readonly caseloads: Caseloads,
    private readonly settings: NormSettingsChanges,
    @InjectClock() private readonly clock: Clock,
  ) {}

  /** The norms the municipality uses on a date (default today), each as the version then in force. */
  async norms(municipality: string, on: string = this.clock.today()): Promise<NormDefinition[]> {
    return (await this.settings.municipalityNorms(municipality)).normsOn(on);
  }

  /**
   * A norm for a report on `asOf`: its version in force then, or, for a norm switched off by then, its last version in
   * use (its items still stand). Not found: a norm the municipality has never used.
   */
  async norm(municipality: string, normId: string, asOf: string = this.clock.today(), knownAt?: Date): Promise<{ norm: NormDefinition; versions: MunicipalityNorms }> {
    const versions = await this.settings.municipalityNorms(municipality, knownAt);
    const norm = versions.normOn(normId, asOf) ?? versions.versions(normId).filter((version) => version.norm !== null).at(-1)?.norm ?? null;
    if (norm === null) throw new ProblemHttpException(404, { code: 'norm-not-found', detail: `No norm by that id in ${municipality}; GET /norms lists them` });
    return { norm, versions };
  }

  async compliance(municipality: string, normId: string, query: ComplianceQuery) {
    const period = this.period(query);
    const groupBy: GroupBy = query.groupBy ?? 'year';
    const knownAt = knownAtOf(query);
    // Known at an instant, the norm is also the version then known: its target and term as the report then gave them.
    const figures = async (at?: Date) => {
      const { norm, versions } = await this.norm(municipality, normId, period.asOf, at);
      const versionOn = (date: string) => versions.normOn(norm.id, date) ?? norm;
      if (norm.kind === 'count') {
        const items = filterItems(await this.items.items(municipality, norm.id, at), period, query);
        return { norm, groups: countGroups(norm, items, groupBy, period, query, versionOn) };
      }
      const tallies = await this.items.tallies(municipality, norm, { ...period, team: query.team, provider: query.provider, groupBy, knownAt: at });
      return { norm, groups: deadlineGroups(norm, tallies, groupBy, period, versionOn) };
    };
    const { norm, groups } = await figures(knownAt);
    const restated = knownAt === undefined ? undefined : JSON.stringify(groups) !== JSON.stringify((await figures()).groups);
    return {
      norm: { id: norm.id, title: norm.title, kind: norm.kind, duration: norm.duration ?? null, target: norm.target ?? null },
      municipality,
      ...period,
      knownAt: query.knownAt ?? null,
      groupBy,
      ...(restated === undefined ? {} : { restated }),
      groups,
    };
  }

  /**
   * One page of a norm's worklist, as the facts stand now or as they were known at an instant (knownAt). The filters,
   * the order and the page are worked out in SQL (see NormItemStore.page); only the page's items are judged here.
   */
  async worklist(municipality: string, normId: string, query: ItemsQuery) {
    const asOf = query.asOf ?? this.clock.today();
    const { norm, versions } = await this.norm(municipality, normId, asOf);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.items.page(municipality, norm.id, {
      asOf,
      knownAt: knownAtOf(query),
      team: query.team,
      status: query.status,
      // daysLeft ≤ n exactly when the deadline comes before the (n + 1)-th day after asOf on the norm's calendar.
      pendingDeadlineBefore: query.dueWithinDays === undefined ? undefined : addDays(asOf, query.dueWithinDays + 1, norm.calendar),
      after: query.after === undefined ? undefined : decodeCursor(query.after, isWorklistPosition),
      limit: limit + 1,
    });
    const { page, next } = pageOf(rows, limit, worklistPosition);
    return {
      norm: { id: norm.id, title: norm.title },
      asOf,
      knownAt: query.knownAt ?? null,
      items: page.map((item) => {
        // The SQL kept only items that exist on asOf, so every one has a judgement: by the version of its start date.
        const judgement = judgeItem(versions.normOn(norm.id, item.startDate) ?? norm, item, asOf) as NormJudgement;
        return {
          householdId: item.householdId,
          trajectoryId: item.trajectoryId,
          referralId: item.referralId ?? null,
          itemKey: item.itemKey,
          team: item.team,
          coordinatorId: item.coordinatorId,
          provider: providerAsOf(item, asOf) ?? null,
          startDate: item.startDate,
          deadline: item.deadline ?? null,
          suspendedDays: item.suspendedDays,
          stopDate: item.stopDate !== undefined && item.stopDate <= asOf ? item.stopDate : null,
          excludedOn: item.excludedOn !== undefined && item.excludedOn <= asOf ? item.excludedOn : null,
          status: judgement.status,
          daysLeft: judgement.daysLeft ?? null,
          daysOverdue: judgement.daysOverdue ?? null,
          waitingDays: judgement.waitingDays ?? null,
        };
      }),
      next,
    };
  }

  /**
   * The waakvlam contacts that are due: overdue ones, and those due within `withinDays`, in worklist order (soonest
   * deadline first, so the overdue ones lead), one page at a time. A contact made, even late, is no longer due, nor
   * one whose waakvlam (or trajectory) ended: only open items are listed (NormItemStore.page, dueBefore).
   */
  async waakvlamDue(municipality: string, query: WaakvlamDueQuery) {
    const asOf = query.asOf ?? this.clock.today();
    const { norm, versions } = await this.norm(municipality, 'waakvlam-contact-due', asOf);
    const withinDays = query.withinDays ?? 7;
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.items.page(municipality, norm.id, {
      asOf,
      team: query.team,
      // daysLeft ≤ withinDays exactly when the deadline comes before the (withinDays + 1)-th day after asOf.
      dueBefore: addDays(asOf, withinDays + 1, norm.calendar),
      after: query.after === undefined ? undefined : decodeCursor(query.after, isWorklistPosition),
      limit: limit + 1,
    });
    const { page, next } = pageOf(rows, limit, worklistPosition);
    return {
      asOf,
      withinDays,
      contacts: page
        .map((item) => ({ ...item, judgement: judgeItem(versions.normOn(norm.id, item.startDate) ?? norm, item, asOf) as NormJudgement }))
        .map(({ householdId, trajectoryId, team, coordinatorId, startDate, deadline, judgement }) => ({
          householdId,
          trajectoryId,
          team,
          coordinatorId,
          lastContactOn: startDate,
          dueOn: deadline ?? null,
          overdue: judgement.status === 'late',
          daysLeft: judgement.daysLeft ?? null,
          daysOverdue: judgement.daysOverdue ?? null,
        })),
      next,
    };
  }

  /** Open trajectories and households per casusregisseur, as the trajectory timelines stand now; one page of them. */
  async caseload(municipality: string, query: CaseloadQuery) {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = query.after === undefined ? undefined : decodeCursor(query.after, isCaseloadPosition);
    const rows = await this.caseloads.perCoordinator(municipality, query.team, { after, limit: limit + 1 });
    const { page, next } = pageOf(rows, limit, ({ team, coordinatorId }): CaseloadPosition => ({ team, coordinatorId }));
    return { municipality, coordinators: page, next };
  }

  /**
   * The waiting times of a stage: the norm of that id (or old name) over its items, counted in one query as its
   * compliance report counts them (NormItemStore.tallies), so both give the same counts for the same span. Only items
   * that started on or before asOf are counted, and groups without any are left out.
   */
  async waitingTimes(municipality: string, query: WaitingTimesQuery) {
    const period = this.period(query);
    const { norm } = await this.norm(municipality, normIdOfStage(query.stage), period.asOf);
    const groupBy: GroupBy = query.groupBy ?? 'year';
    const started = { ...period, to: period.to < period.asOf ? period.to : period.asOf };
    const tallies = await this.items.tallies(municipality, norm, { ...started, team: query.team, provider: query.provider, groupBy });
    return {
      stage: query.stage,
      norm: { id: norm.id, title: norm.title, calendar: norm.calendar },
      municipality,
      ...period,
      groupBy,
      groups: tallies.map(([group, tally]) => ({ group, ...waitingTimesOfTally(tally) })),
    };
  }

  private period(query: FiguresQuery) {
    return reportPeriod(query, this.clock.today());
  }
}

function filterItems(items: SupervisedItem[], period: { from: string; to: string }, query: FiguresQuery): SupervisedItem[] {
  return items.filter(
    (item) =>
      item.startDate >= period.from &&
      item.startDate <= period.to &&
      (query.team === undefined || item.team === query.team) &&
      (query.provider === undefined || item.provider === query.provider),
  );
}

/**
 * The groups of a count norm's compliance report: each group's count over its cohort (countOfCohort). The minimum is
 * the municipality's a year, so only a year group is held to it, and only without a team or provider filter (a team's
 * or provider's share of the count is no municipality's count); the run-rate forecast is a year group's too.
 */
export function countGroups(
  norm: NormDefinition,
  items: readonly SupervisedItem[],
  groupBy: GroupBy,
  period: Cohort & { asOf: string },
  query: FiguresQuery,
  versionOn: (date: string) => NormDefinition = () => norm,
) {
  const wholeCount = query.team === undefined && query.provider === undefined;
  return groupItems(items, groupBy).map(([group, members]) => {
    const cohort = cohortOfGroup(group, groupBy, period);
    // The minimum of the norm's version in force at the cohort's start (a municipality may set one a year).
    const counted = countOfCohort(versionOn(cohort.from), members, cohort, period.asOf);
    const heldToMinimum = groupBy === 'year' && wholeCount;
    return {
      group,
      count: counted.count,
      distinctPersons: counted.distinctMembers,
      minimumCount: heldToMinimum ? (counted.minimumCount ?? null) : null,
      met: heldToMinimum ? (counted.met ?? null) : null,
      forecast: groupBy === 'year' ? (counted.forecast ?? null) : null,
      provisional: counted.provisional,
    };
  });
}

/**
 * The instant of a knownAt parameter. One in the future is refused: facts may still be recorded before it, so the
 * answer could not be reproduced, which is what knownAt is for.
 */
function knownAtOf(query: { knownAt?: string }): Date | undefined {
  if (query.knownAt === undefined) return undefined;
  const knownAt = new Date(query.knownAt);
  if (knownAt.getTime() > Date.now()) throw invalidParam('knownAt', 'must not lie in the future: a report as known then could still change');
  return knownAt;
}

/**
 * The groups of a deadline norm's compliance report, from its items counted per group: each judged as a cohort, with
 * the target of the norm's version in force on the cohort's first day (`versionOn`; the report's norm without it).
 */
export function deadlineGroups(
  norm: NormDefinition,
  tallies: readonly [string, StatusTally][],
  groupBy: GroupBy,
  period: Cohort,
  versionOn: (date: string) => NormDefinition = () => norm,
) {
  return tallies.map(([group, tally]) => {
    const cohort = cohortOfGroup(group, groupBy, period);
    return complianceFigures(group, cohortCompliance(versionOn(cohort.from), tally, cohort));
  });
}

/**
 * One group of a deadline norm's compliance report as supervisors get it (JSON and CSV), from the domain's figures of
 * the group's cohort (cohortCompliance: target, and no percentage without a deadline); the percentage to 1 decimal.
 */
export function complianceFigures(group: string, figures: Compliance) {
  return {
    group,
    onTime: figures.onTime,
    late: figures.late,
    pending: figures.pending,
    excluded: figures.excluded,
    percentage: figures.percentage === null ? null : Math.round(figures.percentage * 10) / 10,
    target: figures.targetPercentage ?? null,
    provisional: figures.provisional,
    medianDays: figures.medianWaitingDays,
    p90Days: figures.p90WaitingDays,
  };
}

function worklistPosition({ deadline, startDate, householdId, itemKey }: WorklistPosition): WorklistPosition {
  return { deadline, startDate, householdId, itemKey };
}

/** A worklist cursor's dates and household id go into SQL as typed values, so anything else is a 400. */
function isWorklistPosition(value: Record<string, unknown>): value is Record<string, unknown> & WorklistPosition {
  const { deadline, startDate, householdId, itemKey } = value;
  return (
    (deadline === undefined || isBusinessDate(deadline)) &&
    isBusinessDate(startDate) &&
    typeof householdId === 'string' &&
    UUID_PATTERN.test(householdId) &&
    typeof itemKey === 'string'
  );
}

function isCaseloadPosition(value: Record<string, unknown>): value is Record<string, unknown> & CaseloadPosition {
  return typeof value.team === 'string' && (value.coordinatorId === null || typeof value.coordinatorId === 'string');
}
