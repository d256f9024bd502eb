import { Injectable } from '@nestjs/common';
import { compliance, countPerYear, daysBetween, judgeItem, NormDefinition, normsFor } from '@casusregie/domain';
import { invalidParam, ProblemHttpException } from '@casusregie/http';
import { Clock, InjectClock, InjectReadModels } from '@casusregie/runtime';
import { SqlDatabase } from '@casusregie/sql';
import { distribution, GroupBy, groupItems } from './grouping';
import { NormItemStore, SupervisedItem } from './norm-item-store';
import { ComplianceQuery, FiguresQuery, ItemsQuery, WaakvlamDueQuery, WaitingTimesQuery } from './supervision.queries';

/**
 * The figures supervisors query, for their own municipality only. Items come from the read models; their status is
 * judged here with the domain's own rules (judgeItem), so the API, the tests and the norm engine agree by construction.
 */
@Injectable()
export class SupervisionService {
  constructor(
    private readonly items: NormItemStore,
    @InjectReadModels() private readonly db: SqlDatabase,
    @InjectClock() private readonly clock: Clock,
  ) {}

  norms(municipality: string): NormDefinition[] {
    return normsFor(municipality);
  }

  norm(municipality: string, normId: string): NormDefinition {
    const norm = normsFor(municipality).find((candidate) => candidate.id === normId);
    if (norm === undefined) throw new ProblemHttpException(404, { code: 'norm-not-found', detail: `No norm ${normId} in ${municipality}` });
    return norm;
  }

  async compliance(municipality: string, normId: string, query: ComplianceQuery) {
    const norm = this.norm(municipality, normId);
    const period = this.period(query);
    const groupBy: GroupBy = query.groupBy ?? 'year';
    const figures = async (knownAt?: Date) => {
      const items = filterItems(await this.items.items(municipality, norm.id, knownAt), period, query);
      return groupItems(items, groupBy).map(([group, members]) => this.groupFigures(norm, group, members, period.asOf));
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

  private groupFigures(norm: NormDefinition, group: string, items: SupervisedItem[], asOf: string) {
    if (norm.kind === 'count') {
      const year = Number(items[0]?.startDate.slice(0, 4));
      const counted = countPerYear(norm, items, year, asOf);
      return { group, count: counted.count, distinctPersons: counted.distinctMembers, minimumCount: counted.minimumCount ?? null, met: counted.met ?? null, provisional: counted.provisional };
    }
    const targetApplies = norm.target?.percentage !== undefined && (norm.target.year === undefined || group.startsWith(String(norm.target.year)));
    const figures = compliance(
      items.map((item) => judgeItem(norm, item, asOf)),
      targetApplies ? norm.target?.percentage : undefined,
    );
    const hasDeadline = norm.duration !== undefined || norm.durationFromField !== undefined;
    return {
      group,
      onTime: figures.onTime,
      late: figures.late,
      pending: figures.pending,
      excluded: figures.excluded,
      percentage: hasDeadline && figures.percentage !== null ? Math.round(figures.percentage * 10) / 10 : null,
      target: figures.targetPercentage ?? null,
      provisional: figures.provisional,
      medianDays: figures.medianWaitingDays,
      p90Days: figures.p90WaitingDays,
    };
  }

  async worklist(municipality: string, normId: string, query: ItemsQuery) {
    const norm = this.norm(municipality, normId);
    const asOf = query.asOf ?? this.clock.today();
    const limit = query.limit ?? 100;
    const after = query.after === undefined ? undefined : decodeCursor(query.after);
    const rows = (await this.items.items(municipality, norm.id))
      .filter((item) => query.team === undefined || item.team === query.team)
      .sort(byDeadline)
      .filter((item) => after === undefined || byDeadline(item, after) > 0)
      .flatMap((item) => {
        const judgement = judgeItem(norm, item, asOf);
        if (judgement === undefined) return [];
        if (query.status !== undefined && judgement.status !== query.status) return [];
        if (query.dueWithinDays !== undefined && !(judgement.status === 'pending' && (judgement.daysLeft ?? Infinity) <= query.dueWithinDays)) {
          return [];
        }
        return [{ item, judgement }];
      });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      norm: { id: norm.id, title: norm.title },
      asOf,
      items: page.map(({ item, judgement }) => ({
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
      })),
      next: rows.length > limit && last !== undefined ? encodeCursor(last.item) : null,
    };
  }

  async waakvlamDue(municipality: string, query: WaakvlamDueQuery) {
    const page = await this.worklist(municipality, 'waakvlam-contact-due', { asOf: query.asOf, team: query.team, limit: 500 });
    const withinDays = query.withinDays ?? 7;
    return {
      asOf: page.asOf,
      withinDays,
      contacts: page.items
        .filter((item) => item.status === 'late' || (item.status === 'pending' && (item.daysLeft ?? Infinity) <= withinDays))
        .map(({ householdId, trajectoryId, team, coordinatorId, startDate, deadline, status, daysLeft, daysOverdue }) => ({
          householdId,
          trajectoryId,
          team,
          coordinatorId,
          lastContactOn: startDate,
          dueOn: deadline,
          overdue: status === 'late',
          daysLeft,
          daysOverdue,
        })),
    };
  }

  /** Open trajectories and households per casusregisseur, as the trajectory timelines stand now. */
  async caseload(municipality: string, team?: string) {
    const { rows } = await this.db.query<{ coordinator_id: string | null; team: string; households: string; trajectories: string; in_waakvlam: string }>(
      `SELECT coordinator_id, team, count(DISTINCT household_id)::text AS households, count(*)::text AS trajectories,
              count(*) FILTER (WHERE waakvlam_active)::text AS in_waakvlam
         FROM rm_trajectories
        WHERE municipality = $1 AND status = 'open' AND ($2::text IS NULL OR team = $2)
        GROUP BY coordinator_id, team
        ORDER BY team, coordinator_id NULLS LAST`,
      [municipality, team ?? null],
    );
    return {
      municipality,
      coordinators: rows.map((row) => ({
        coordinatorId: row.coordinator_id,
        team: row.team,
        households: Number(row.households),
        openTrajectories: Number(row.trajectories),
        inWaakvlam: Number(row.in_waakvlam),
      })),
    };
  }

  async waitingTimes(municipality: string, query: WaitingTimesQuery) {
    const period = this.period(query);
    const groupBy: GroupBy = query.groupBy ?? 'year';
    const spans = (await this.stageSpans(municipality, query.stage)).filter(
      (span) =>
        span.startDate >= period.from &&
        span.startDate <= period.to &&
        span.startDate <= period.asOf &&
        (query.team === undefined || span.team === query.team) &&
        (query.provider === undefined || span.provider === query.provider),
    );
    return {
      stage: query.stage,
      municipality,
      ...period,
      groupBy,
      groups: groupItems(spans, groupBy).map(([group, members]) => {
        const stopped = members.filter((span) => span.stopDate !== null && span.stopDate <= period.asOf);
        return {
          group,
          ...distribution(stopped.map((span) => daysBetween(span.startDate, span.stopDate as string))),
          open: members.length - stopped.length,
        };
      }),
    };
  }

  /** Start and stop dates of one waiting-time stage, per trajectory or referral. */
  private async stageSpans(municipality: string, stage: WaitingTimesQuery['stage']) {
    const perTrajectory: Record<string, [string, string]> = {
      'melding-intake': ['opened_on', 'intake_on'],
      'melding-triage': ['opened_on', 'triage_on'],
      'melding-first-support': ['opened_on', 'least(first_acceptance_on, first_care_start_on)'],
    };
    const perReferral: Record<string, [string, string]> = {
      'referral-acceptance': ['made_on', 'accepted_on'],
      'acceptance-care-start': ['accepted_on', 'care_started_on'],
    };
    const [start, stop] = perTrajectory[stage] ?? perReferral[stage];
    const sql =
      stage in perTrajectory
        ? `SELECT team, NULL AS provider, to_char(${start}, 'YYYY-MM-DD') AS start_date, to_char(${stop}, 'YYYY-MM-DD') AS stop_date
             FROM rm_trajectories WHERE municipality = $1`
        : `SELECT team, coalesce(provider_agb, provider_name) AS provider, to_char(${start}, 'YYYY-MM-DD') AS start_date,
                  to_char(${stop}, 'YYYY-MM-DD') AS stop_date
             FROM rm_referrals WHERE municipality = $1 AND ${start} IS NOT NULL`;
    const { rows } = await this.db.query<{ team: string; provider: string | null; start_date: string; stop_date: string | null }>(sql, [municipality]);
    return rows.map((row) => ({ team: row.team, provider: row.provider, startDate: row.start_date, stopDate: row.stop_date }));
  }

  private period(query: FiguresQuery) {
    const asOf = query.asOf ?? this.clock.today();
    const year = asOf.slice(0, 4);
    const from = query.from ?? `${year}-01-01`;
    const to = query.to ?? `${year}-12-31`;
    if (from > to) {
      throw invalidParam('to', 'must not be before from');
    }
    return { from, to, asOf };
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

interface CursorPosition {
  deadline?: string;
  startDate: string;
  householdId: string;
  itemKey: string;
}

/** Worklist order: soonest deadline first (items without one last), then start date and ids for a stable order. */
function byDeadline(a: CursorPosition, b: CursorPosition): number {
  const key = (x: CursorPosition) => [x.deadline ?? '9999-12-31', x.startDate, x.householdId, x.itemKey].join('|');
  return key(a).localeCompare(key(b));
}

function encodeCursor(item: CursorPosition): string {
  const { deadline, startDate, householdId, itemKey } = item;
  return Buffer.from(JSON.stringify({ deadline, startDate, householdId, itemKey })).toString('base64url');
}

function decodeCursor(cursor: string): CursorPosition {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CursorPosition;
    if (typeof parsed.startDate === 'string' && typeof parsed.householdId === 'string' && typeof parsed.itemKey === 'string') return parsed;
  } catch {
    // Falls through to the 400 below.
  }
  throw invalidParam('after', 'must be the cursor of a previous page');
}
