import { HouseholdState, normItems, normsFor, Trajectory } from '@casusregie/domain';

/** One rm_norm_items row, keyed by (normId, itemKey) within its household. */
export interface NormItemRow {
  normId: string;
  itemKey: string;
  municipality: string;
  team: string;
  coordinatorId: string | null;
  provider: string | null;
  trajectoryId: string;
  referralId: string | null;
  memberId: string | null;
  startDate: string;
  deadline: string | null;
  stopDate: string | null;
  excludedOn: string | null;
}

/** The norm items of a household as its facts stand now: pure, so rebuild and incremental runs agree. */
export function normItemRows(state: HouseholdState): NormItemRow[] {
  if (!state.registered) return [];
  const rows: NormItemRow[] = [];
  for (const norm of normsFor(state.municipality)) {
    for (const item of normItems(norm, state.effectiveEvents)) {
      rows.push({
        normId: norm.id,
        itemKey: item.itemKey,
        municipality: state.municipality,
        team: state.team,
        coordinatorId: state.coordinator?.coordinatorId ?? null,
        provider: item.provider ?? null,
        trajectoryId: item.trajectoryId,
        referralId: item.referralId ?? null,
        memberId: item.memberId ?? null,
        startDate: item.startDate,
        deadline: item.deadline ?? null,
        stopDate: item.stopDate ?? null,
        excludedOn: item.excludedOn ?? null,
      });
    }
  }
  return rows;
}

export function trajectoryRows(state: HouseholdState) {
  return state.trajectories.map((t) => ({
    trajectory_id: t.trajectoryId,
    municipality: state.municipality,
    team: state.team,
    coordinator_id: state.coordinator?.coordinatorId ?? null,
    member_id: t.memberId,
    legal_basis: t.legalBasis,
    source: t.source,
    status: t.status,
    level: t.level ?? null,
    opened_on: t.openedOn,
    intake_on: t.intakeOn ?? null,
    triage_on: t.triage?.completedOn ?? null,
    exploratory_requested_on: t.exploratoryConversation?.requestedOn ?? null,
    exploratory_held_on: t.exploratoryConversation?.heldOn ?? null,
    first_referral_on: earliest(t.referrals.map((r) => r.madeOn)),
    first_acceptance_on: earliest(t.referrals.map((r) => r.acceptedOn)),
    first_care_start_on: earliest(t.referrals.map((r) => r.careStartedOn)),
    pip_on: t.pip?.establishedOn ?? null,
    learning_route_on: t.learningRoute?.startedOn ?? null,
    closed_on: t.closedOn ?? null,
    closure_reason: t.closureReason ?? null,
    waakvlam_active: waakvlamActive(t),
  }));
}

export function referralRows(state: HouseholdState) {
  return state.trajectories.flatMap((t) =>
    t.referrals.map((r) => ({
      trajectory_id: t.trajectoryId,
      referral_id: r.referralId,
      municipality: state.municipality,
      team: state.team,
      provider_agb: r.organisation.agbCode ?? null,
      provider_name: r.organisation.name,
      category: r.category,
      product_code: r.productCode ?? null,
      referrer_role: r.referrerRole,
      status: r.status,
      made_on: r.madeOn,
      accepted_on: r.acceptedOn ?? null,
      declined_on: r.declinedOn ?? null,
      withdrawn_on: r.withdrawnOn ?? null,
      care_started_on: r.careStartedOn ?? null,
      care_ended_on: r.careEndedOn ?? null,
      care_end_reason: r.careEndReason ?? null,
    })),
  );
}

function waakvlamActive(t: Trajectory): boolean {
  const last = t.waakvlamPeriods[t.waakvlamPeriods.length - 1];
  return last !== undefined && last.endedOn === undefined;
}

function earliest(dates: (string | undefined)[]): string | null {
  const present = dates.filter((d): d is string => d !== undefined).sort();
  return present[0] ?? null;
}
