import { Injectable } from '@nestjs/common';
import {
  addDays,
  Cohort,
  cohortCompliance,
  Compliance,
  countPerYear,
  isBusinessDate,
  judgeItem,
  NormDefinition,
  NormJudgement,
  normIdOfStage,
  normsFor,
  StatusTally,
  waitingTimesOfTally,
} from '@casusregie/domain';
import { ProblemHttpException } from '@casusregie/http';
import { CaseloadPosition, Caseloads, cohortOfGroup, GroupBy, groupItems, NormItemStore, SupervisedItem, WorklistPosition } from '@casusregie/projections';
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
    @InjectClock() private readonly clock: Clock,
  ) {}

  norms(municipality: string): NormDefinition[] {
    return normsFor(municipality);
  }

  norm(municipality: string, normId: string): NormDefinition {
    const norm = normsFor(municipality).find((candidate) => candidate.id === normId);
    if (norm === undefined) throw new ProblemHttpException(404, { code: 'norm-not-found', detail: `No norm by that id in ${municipality}; GET /norms lists them` });
    return norm;
  }

  async compliance(municipality: string, normId: string, query: ComplianceQuery) {
    const norm = this.norm(municipality, normId);
    const period = this.period(query);
    const groupBy: GroupBy = query.groupBy ?? 'year';
    const figures = async (knownAt?: Date) => {
      if (norm.kind === 'count') {
        const items = filterItems(await this.items.items(municipality, norm.id, knownAt), period, query);
        return groupItems(items, groupBy).map(([group, members]) => countFigures(norm, group, members, period.asOf));
      }
      const tallies = await this.items.tallies(municipality, norm, { ...period, team: query.team, provider: query.provider, groupBy, knownAt });
      return deadlineGroups(norm, tallies, groupBy, period);
    };
    const knownAt = query.knownAt === undefined ? undefined : new Date(query.knownAt);
    const groups = await figures(knownAt);
    const restated = knownAt === undefined ? undefined : JSON.stringify(groups) !== JSON.stringify(await figures());
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
   * One page of a norm's worklist. The filters, the order and the page are worked out in SQL (see NormItemStore.page);
   * only the page's items are judged here.
   */
  async worklist(municipality: string, normId: string, query: ItemsQuery) {
    const norm = this.norm(municipality, normId);
    const asOf = query.asOf ?? this.clock.today();
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.items.page(municipality, norm.id, {
      asOf,
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
      items: page.map((item) => {
        // The SQL kept only items that exist on asOf, so every one has a judgement.
        const judgement = judgeItem(norm, item, asOf) as NormJudgement;
        return {
          householdId: item.householdId,
          trajectoryId: item.trajectoryId,
          referralId: item.referralId ?? null,
          itemKey: item.itemKey,
          team: item.team,
          coordinatorId: item.coordinatorId,
          provider: item.provider ?? null,
          startDate: item.startDate,
          deadline: item.deadline ?? null,
          stopDate: item.stopDate !== undefined && item.stopDate <= asOf ? item.stopDate : null,
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
   * deadline first, so the overdue ones lead), one page at a time.
   */
  async waakvlamDue(municipality: string, query: WaakvlamDueQuery) {
    const norm = this.norm(municipality, 'waakvlam-contact-due');
    const asOf = query.asOf ?? this.clock.today();
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
        .map((item) => ({ ...item, judgement: judgeItem(norm, item, asOf) as NormJudgement }))
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
    const norm = this.norm(municipality, normIdOfStage(query.stage));
    const period = this.period(query);
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

function countFigures(norm: NormDefinition, group: string, items: SupervisedItem[], asOf: string) {
  const year = Number(items[0]?.startDate.slice(0, 4));
  const counted = countPerYear(norm, items, year, asOf);
  return { group, count: counted.count, distinctPersons: counted.distinctMembers, minimumCount: counted.minimumCount ?? null, met: counted.met ?? null, provisional: counted.provisional };
}

/** The groups of a deadline norm's compliance report, from its items counted per group: each judged as a cohort. */
export function deadlineGroups(norm: NormDefinition, tallies: readonly [string, StatusTally][], groupBy: GroupBy, period: Cohort) {
  return tallies.map(([group, tally]) => complianceFigures(group, cohortCompliance(norm, tally, cohortOfGroup(group, groupBy, period))));
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
