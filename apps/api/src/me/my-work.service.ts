import { Injectable } from '@nestjs/common';
import { Principal } from '@casusregie/auth';
import { addDays, BusinessDate, isBusinessDate, judgeItem, MunicipalityNorms, NormDefinition, NormJudgement, SUPPORT_LEVELS, SupportLevel } from '@casusregie/domain';
import {
  NormSettingsChanges,
  CaseloadHouseholdPosition,
  CaseloadScope,
  ConsultantScope,
  ConsultantWork,
  ConsultantWorklistPosition,
  householdReadModelsProjection,
  SupervisedItem,
} from '@casusregie/projections';
import { Clock, InjectClock, InjectStorage, ProjectionTriggerLifecycle } from '@casusregie/runtime';
import { Storage } from '@casusregie/storage';
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
    private readonly settings: NormSettingsChanges,
    private readonly projections: ProjectionTriggerLifecycle,
    private readonly processingLog: ProcessingLogService,
    @InjectClock() private readonly clock: Clock,
    @InjectStorage() private readonly storage: Storage,
  ) {}

  async caseload(user: Principal, query: MyCaseloadQuery) {
    const asOf = this.clock.today();
    const norms = deadlineNorms(await this.settings.municipalityNorms(user.municipality));
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
    const norms = deadlineNorms(await this.settings.municipalityNorms(user.municipality));
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = query.after === undefined ? undefined : decodeCursor(query.after, isWorklistPosition);
    // daysLeft ≤ n exactly when the deadline comes before the (n + 1)-th day after asOf on the norm's calendar.
    // The calendar of the version in force on asOf (a version that changes the calendar is rare; its items follow it).
    const due = [...norms].map(([normId, versionOn]) => ({ normId, before: addDays(asOf, dueWithinDays + 1, versionOn(asOf).calendar) }));
    await this.catchUp();
    const rows = await this.work.worklist(consultantScope(user, query.scope), { asOf, due, after, limit: limit + 1 });
    const { page, next } = pageOf(rows, limit, worklistPosition);
    await this.processingLog.processed('consultant.worklist.read', page.map(({ householdId }) => `household:${householdId}`), user, 'consultant');
    return { asOf, dueWithinDays, scope: query.scope ?? null, items: page.map((item) => itemView(norms, item, asOf)), next };
  }

  private async catchUp(): Promise<void> {
    // Read-your-writes, as the provider inbox: a step recorded a moment ago must show, whatever the projector's lag.
    await this.projections.runner.catchUp(householdReadModelsProjection(this.storage.personalData));
  }
}

function consultantScope(user: Principal, scope: CaseloadScope | undefined): ConsultantScope {
  return { municipality: user.municipality, consultantId: user.sub, team: user.team, scope };
}

/**
 * The municipality's deadline norms that have items (in use in some version, with its changes), each as a function
 * of an item's start date: the version it is judged by.
 */
function deadlineNorms(versions: MunicipalityNorms): Map<string, (startDate: BusinessDate) => NormDefinition> {
  const norms = new Map<string, (startDate: BusinessDate) => NormDefinition>();
  for (const { id, kind } of versions.shippedNorms()) {
    const used = versions.versions(id).flatMap(({ norm }) => (norm === null ? [] : [norm]));
    if (kind !== 'deadline' || used.length === 0) continue;
    norms.set(id, (startDate) => versions.normOn(id, startDate) ?? (used.at(-1) as NormDefinition));
  }
  return norms;
}

/** An item the query found running on asOf with a deadline: judgeItem calls it pending or late. */
function itemView(norms: Map<string, (startDate: BusinessDate) => NormDefinition>, item: SupervisedItem, asOf: BusinessDate) {
  const versionOf = norms.get(item.normId) as (startDate: BusinessDate) => NormDefinition;
  const judgement = judgeItem(versionOf(item.startDate), item, asOf) as NormJudgement;
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
