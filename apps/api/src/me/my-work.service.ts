import { Injectable } from '@nestjs/common';
import { Principal } from '@casusregie/auth';
import { addDays, BusinessDate, isBusinessDate, judgeItem, NormDefinition, NormJudgement, normsFor, SUPPORT_LEVELS, SupportLevel } from '@casusregie/domain';
import {
  CaseloadHouseholdPosition,
  CaseloadScope,
  ConsultantScope,
  ConsultantWork,
  ConsultantWorklistPosition,
  householdReadModelsProjection,
  SupervisedItem,
} from '@casusregie/projections';
import { Clock, InjectClock, ProjectionTriggerLifecycle } from '@casusregie/runtime';
import { ProcessingLogService } from '../processing-log/processing-log.service';
import { decodeCursor, DEFAULT_PAGE_SIZE, pageOf, UUID_PATTERN } from '../validation/page-query';
import { MyCaseloadQuery, MyWorklistQuery } from './my-work.queries';

/**
 * A consultant's own work: their caseload (the households they coordinate or of their team, each with its next
 * deadline) and their worklist (what is due soon or overdue). Read from the household read models, brought up to date
 * first so that a step just recorded shows; the items are judged with the domain's judgeItem, as the supervisors'
 * worklists are. What of a household a consultant may see is the households API's rule: their municipality, their
 * team or their casusregisseurschap, and no restricted trajectory they are not let into (left out entirely).
 */
@Injectable()
export class MyWorkService {
  constructor(
    private readonly work: ConsultantWork,
    private readonly projections: ProjectionTriggerLifecycle,
    private readonly processingLog: ProcessingLogService,
    @InjectClock() private readonly clock: Clock,
  ) {}

  async caseload(user: Principal, query: MyCaseloadQuery) {
    const asOf = this.clock.today();
    const norms = deadlineNorms(user.municipality);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = query.after === undefined ? undefined : decodeCursor(query.after, isCaseloadPosition);
    await this.catchUp();
    const rows = await this.work.caseload(consultantScope(user, query.scope), { asOf, normIds: [...norms.keys()], after, limit: limit + 1 });
    const { page, next } = pageOf(rows, limit, ({ next, householdId }): CaseloadHouseholdPosition => ({ nextDeadline: next?.deadline ?? null, householdId }));
    await this.processingLog.processed('consultant.caseload.read', page.map(({ householdId }) => `household:${householdId}`), user, 'consultant');
    return {
      asOf,
      scope: query.scope ?? null,
      households: page.map((household) => ({
        householdId: household.householdId,
        team: household.team,
        coordinatorId: household.coordinatorId,
        isCoordinator: household.coordinatorId === user.sub,
        level: highestLevel(household.trajectories.map((t) => t.level)),
        trajectories: household.trajectories,
        nextDeadline: household.next === null ? null : itemView(norms, household.next, asOf),
      })),
      next,
    };
  }

  async worklist(user: Principal, query: MyWorklistQuery) {
    const asOf = query.asOf ?? this.clock.today();
    const dueWithinDays = query.dueWithinDays ?? 7;
    const norms = deadlineNorms(user.municipality);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = query.after === undefined ? undefined : decodeCursor(query.after, isWorklistPosition);
    // daysLeft ≤ n exactly when the deadline comes before the (n + 1)-th day after asOf on the norm's calendar.
    const due = [...norms.values()].map((norm) => ({ normId: norm.id, before: addDays(asOf, dueWithinDays + 1, norm.calendar) }));
    await this.catchUp();
    const rows = await this.work.worklist(consultantScope(user, query.scope), { asOf, due, after, limit: limit + 1 });
    const { page, next } = pageOf(rows, limit, worklistPosition);
    await this.processingLog.processed('consultant.worklist.read', page.map(({ householdId }) => `household:${householdId}`), user, 'consultant');
    return { asOf, dueWithinDays, scope: query.scope ?? null, items: page.map((item) => itemView(norms, item, asOf)), next };
  }

  private async catchUp(): Promise<void> {
    // Read-your-writes, as the provider inbox: a step recorded a moment ago must show, whatever the projector's lag.
    await this.projections.runner.catchUp(householdReadModelsProjection);
  }
}

function consultantScope(user: Principal, scope: CaseloadScope | undefined): ConsultantScope {
  return { municipality: user.municipality, consultantId: user.sub, team: user.team, scope };
}

/** The municipality's norms with deadlines, by id: the only ones whose items are due. */
function deadlineNorms(municipality: string): Map<string, NormDefinition> {
  return new Map(normsFor(municipality).filter((norm) => norm.kind === 'deadline').map((norm) => [norm.id, norm]));
}

/** An item the query found running on asOf with a deadline: judgeItem calls it pending or late. */
function itemView(norms: Map<string, NormDefinition>, item: SupervisedItem, asOf: BusinessDate) {
  const judgement = judgeItem(norms.get(item.normId) as NormDefinition, item, asOf) as NormJudgement;
  return {
    householdId: item.householdId,
    trajectoryId: item.trajectoryId,
    normId: item.normId,
    itemKey: item.itemKey,
    referralId: item.referralId ?? null,
    startDate: item.startDate,
    deadline: item.deadline as string,
    status: judgement.status,
    daysLeft: judgement.daysLeft ?? null,
    daysOverdue: judgement.daysOverdue ?? null,
  };
}

/** A household's level: the highest (SUPPORT_LEVELS is ordinal) of its trajectories' levels. */
function highestLevel(levels: readonly (string | null)[]): SupportLevel | null {
  const ranks = levels.map((level) => SUPPORT_LEVELS.indexOf(level as SupportLevel)).filter((rank) => rank >= 0);
  return ranks.length === 0 ? null : SUPPORT_LEVELS[Math.max(...ranks)];
}

function worklistPosition({ deadline, startDate, householdId, normId, itemKey }: SupervisedItem): ConsultantWorklistPosition {
  return { deadline: deadline as string, startDate, householdId, normId, itemKey };
}

/** A cursor's dates and ids go into SQL as typed values, so anything else is a 400. */
function isWorklistPosition(value: Record<string, unknown>): value is Record<string, unknown> & ConsultantWorklistPosition {
  const { deadline, startDate, householdId, normId, itemKey } = value;
  return (
    isBusinessDate(deadline) &&
    isBusinessDate(startDate) &&
    typeof householdId === 'string' &&
    UUID_PATTERN.test(householdId) &&
    typeof normId === 'string' &&
    typeof itemKey === 'string'
  );
}

function isCaseloadPosition(value: Record<string, unknown>): value is Record<string, unknown> & CaseloadHouseholdPosition {
  const { nextDeadline, householdId } = value;
  return (nextDeadline === null || isBusinessDate(nextDeadline)) && typeof householdId === 'string' && UUID_PATTERN.test(householdId);
}
