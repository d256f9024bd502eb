import { cmd, COORDINATOR, ev, OTHER_COORDINATOR, recorded, REGISTERED_ON, T_YUSUF_GGZ, T_YUSUF_INBURGERING, YUSUF, RANIA } from '../testing/household-fixtures';
import { givenHousehold } from '../testing/decider-specification';
import { DomainError } from './domain-error';
import { foldHousehold } from './evolve';
import { PlanGoal, RecordedHouseholdEvent, TrajectoryRestricted } from './household-events';
import { commandWithinAccess, consultantsLetIn, householdAccess } from './trajectory-access';

const COLLEAGUE = 'u-colleague';
const LET_IN = 'u-schuldhulp';

const restricted = (trajectoryId: string, on: string, reason: 'ggz' | 'debt' = 'ggz'): TrajectoryRestricted => ({
  type: 'TrajectoryRestricted',
  occurredOn: on,
  data: { trajectoryId, reason, grantedTo: [COORDINATOR.coordinatorId] },
});

const GGZ_GOAL: PlanGoal = { memberId: YUSUF.memberId, lifeDomain: 'geestelijke-gezondheid', description: 'Behandeling afmaken', trajectoryId: T_YUSUF_GGZ };
const DEBT_GOAL: PlanGoal = { memberId: YUSUF.memberId, lifeDomain: 'schulden', description: 'Schulden saneren', restrictionCategory: 'debt' };
const OPEN_GOAL: PlanGoal = { memberId: RANIA.memberId, lifeDomain: 'taal', description: 'B1 halen' };

/** Yusuf's GGZ trajectory is restricted; a colleague in the team is not let in; the plan mixes open and restricted goals. */
const history: RecordedHouseholdEvent[] = recorded(
  ['e-reg', ev.householdRegistered()],
  ['e-coord', ev.coordinatorAssigned(REGISTERED_ON)],
  ['e-open-ggz', ev.trajectoryOpened(T_YUSUF_GGZ, '2026-04-15')],
  ['e-open-inb', ev.trajectoryOpened(T_YUSUF_INBURGERING, '2026-04-15')],
  ['e-restrict', restricted(T_YUSUF_GGZ, '2026-04-15')],
  ['e-intake-ggz', ev.intakeHeld(T_YUSUF_GGZ, '2026-04-20')],
  ['e-intake-inb', ev.intakeHeld(T_YUSUF_INBURGERING, '2026-04-20')],
  ['e-plan', ev.planAgreed('2026-05-01', [OPEN_GOAL, GGZ_GOAL, DEBT_GOAL])],
  ['e-correct-ggz', ev.eventCorrected('e-intake-ggz', 'IntakeHeld', '2026-04-21', '2026-05-02', 'Intake was een dag later')],
);
const state = foldHousehold(history);

describe('householdAccess: one rule for everything that belongs to a restricted trajectory', () => {
  it('lets the casusregisseur open everything', () => {
    const access = householdAccess(state, COORDINATOR.coordinatorId);
    expect(state.trajectories.every(access.mayOpenTrajectory)).toBe(true);
    expect(state.plan!.goals.every(access.mayOpenGoal)).toBe(true);
    expect(state.corrections.every(access.mayOpenCorrection)).toBe(true);
    expect(history.some(access.hidesEvent)).toBe(false);
  });

  it('keeps the restricted trajectory, its steps, their corrections and its goals from a colleague', () => {
    const access = householdAccess(state, COLLEAGUE);
    expect(state.trajectories.filter(access.mayOpenTrajectory).map((t) => t.trajectoryId)).toEqual([T_YUSUF_INBURGERING]);
    expect(state.plan!.goals.filter(access.mayOpenGoal)).toEqual([OPEN_GOAL]);
    expect(state.corrections.filter(access.mayOpenCorrection)).toEqual([]);
    expect(history.filter(access.hidesEvent).map((e) => e.eventId)).toEqual(['e-open-ggz', 'e-restrict', 'e-intake-ggz', 'e-correct-ggz']);
  });

  it('opens a category goal only to those let into a restricted trajectory of that member for that reason', () => {
    const debt = 'traj-yusuf-debt';
    const withDebt = foldHousehold([
      ...history,
      ...recorded(
        ['e-open-debt', ev.trajectoryOpened(debt, '2026-05-03', { memberId: YUSUF.memberId })],
        ['e-restrict-debt', restricted(debt, '2026-05-03', 'debt')],
        ['e-grant', { type: 'TrajectoryAccessGranted', occurredOn: '2026-05-03', data: { trajectoryId: debt, consultantId: LET_IN } }],
      ),
    ]);
    const access = householdAccess(withDebt, LET_IN);
    expect(access.mayOpenGoal(DEBT_GOAL)).toBe(true);
    expect(access.mayOpenGoal(GGZ_GOAL)).toBe(false);
    expect(householdAccess(withDebt, COLLEAGUE).mayOpenGoal(DEBT_GOAL)).toBe(false);
  });

  it('names who may open a restricted trajectory: the casusregisseur of now and those let in; nobody in particular for an open one', () => {
    const ggz = (household: typeof state) => household.trajectories.find((t) => t.trajectoryId === T_YUSUF_GGZ)!;
    const inburgering = state.trajectories.find((t) => t.trajectoryId === T_YUSUF_INBURGERING)!;
    expect(consultantsLetIn(state, inburgering)).toBeUndefined();
    expect(consultantsLetIn(state, ggz(state))).toEqual([COORDINATOR.coordinatorId]);
    // A new casusregisseur is let in first; the one who restricted it stays let in.
    const handedOver = foldHousehold([...history, ...recorded(['e-coord-2', ev.coordinatorAssigned('2026-05-03', OTHER_COORDINATOR)])]);
    expect(consultantsLetIn(handedOver, ggz(handedOver))).toEqual([OTHER_COORDINATOR.coordinatorId, COORDINATOR.coordinatorId]);
    expect(householdAccess(handedOver, OTHER_COORDINATOR.coordinatorId).mayOpenTrajectory(ggz(handedOver))).toBe(true);
    expect(householdAccess(handedOver, COLLEAGUE).mayOpenTrajectory(ggz(handedOver))).toBe(false);
  });

  it('follows the restriction as it is now: a correction made before the restriction is hidden once it applies', () => {
    const before = recorded(
      ['e-reg', ev.householdRegistered()],
      ['e-coord', ev.coordinatorAssigned(REGISTERED_ON)],
      ['e-open-ggz', ev.trajectoryOpened(T_YUSUF_GGZ, '2026-04-15')],
      ['e-intake-ggz', ev.intakeHeld(T_YUSUF_GGZ, '2026-04-20')],
      ['e-correct', ev.eventCorrected('e-intake-ggz', 'IntakeHeld', '2026-04-21', '2026-05-02')],
    );
    expect(householdAccess(foldHousehold(before), COLLEAGUE).mayOpenCorrection(foldHousehold(before).corrections[0])).toBe(true);
    const after = foldHousehold([...before, ...recorded(['e-restrict', restricted(T_YUSUF_GGZ, '2026-05-03')])]);
    expect(householdAccess(after, COLLEAGUE).mayOpenCorrection(after.corrections[0])).toBe(false);
  });
});

describe('commandWithinAccess', () => {
  const refused = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      return (error as DomainError).code;
    }
    return undefined;
  };

  it('does not find a restricted trajectory, nor an event of it, for a colleague', () => {
    expect(refused(() => commandWithinAccess(state, cmd.recordIntake(T_YUSUF_GGZ, '2026-05-03'), COLLEAGUE))).toBe('trajectory-not-found');
    expect(refused(() => commandWithinAccess(state, cmd.withdrawEvent('e-intake-ggz'), COLLEAGUE))).toBe('event-not-found');
    expect(refused(() => commandWithinAccess(state, cmd.correctEventDate('e-open-ggz', '2026-04-16'), COLLEAGUE))).toBe('event-not-found');
    expect(refused(() => commandWithinAccess(state, cmd.withdrawEvent('e-restrict'), COLLEAGUE))).toBe('event-not-found');
    expect(refused(() => commandWithinAccess(state, cmd.withdrawEvent('e-intake-inb'), COLLEAGUE))).toBeUndefined();
    expect(refused(() => commandWithinAccess(state, cmd.withdrawEvent('e-intake-ggz'), COORDINATOR.coordinatorId))).toBeUndefined();
  });

  it('refuses a colleague a correction of a plan that holds goals kept from them', () => {
    expect(refused(() => commandWithinAccess(state, cmd.withdrawEvent('e-plan'), COLLEAGUE))).toBe('plan-has-restricted-goals');
  });

  it('keeps the goals a colleague cannot see when they revise the plan, and refuses a goal on a trajectory they cannot open', () => {
    const revision = cmd.setPlan('2026-06-01', [{ ...OPEN_GOAL, description: 'B1 gehaald; nu B2' }]);
    const permitted = commandWithinAccess(state, revision, COLLEAGUE);
    expect(permitted).toEqual({ ...revision, goals: [{ ...OPEN_GOAL, description: 'B1 gehaald; nu B2' }, GGZ_GOAL, DEBT_GOAL] });
    expect(commandWithinAccess(state, revision, COORDINATOR.coordinatorId)).toBe(revision);
    expect(refused(() => commandWithinAccess(state, cmd.setPlan('2026-06-01', [GGZ_GOAL]), COLLEAGUE))).toBe('trajectory-not-found');
  });
});

describe('plan goals tied to a trajectory', () => {
  const given = givenHousehold(history.slice(0, 7));
  it('must name a trajectory of the same member, and not also a category', () => {
    given.when(cmd.setPlan('2026-05-01', [{ ...GGZ_GOAL, memberId: RANIA.memberId }])).thenRejects('plan-goal-unknown-trajectory');
    given.when(cmd.setPlan('2026-05-01', [{ ...GGZ_GOAL, trajectoryId: 'traj-unknown' }])).thenRejects('plan-goal-unknown-trajectory');
    given.when(cmd.setPlan('2026-05-01', [{ ...GGZ_GOAL, restrictionCategory: 'ggz' }])).thenRejects('plan-goal-in-two-compartments');
    given.when(cmd.setPlan('2026-05-01', [GGZ_GOAL, DEBT_GOAL])).then([ev.planAgreed('2026-05-01', [GGZ_GOAL, DEBT_GOAL])]);
  });
});
