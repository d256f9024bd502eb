import { givenHousehold } from '../testing/decider-specification';
import {
  cmd,
  COORDINATOR,
  ev,
  GOALS,
  OMAR,
  OTHER_COORDINATOR,
  R_CALEIDOZ,
  R_GGNET,
  recorded,
  REGISTERED_ON,
  SAMIRA,
  T_RANIA_INBURGERING,
  T_YUSUF_GGZ,
  TODAY,
  TOMORROW,
} from '../testing/household-fixtures';
import { RecordedHouseholdEvent } from './household-events';
import { HouseholdState, Trajectory } from './household-state';

/** Yusuf's GGZ trajectory up to the two referrals of 05-15 and GGNet's acceptance, with ids to correct. */
const history = (): RecordedHouseholdEvent[] =>
  recorded(
    ['e-registered', ev.householdRegistered()],
    ['e-coordinator', ev.coordinatorAssigned(REGISTERED_ON)],
    ['e-melding', ev.trajectoryOpened(T_YUSUF_GGZ, '2026-04-15')],
    ['e-triage', ev.triageCompleted(T_YUSUF_GGZ, '2026-04-20', 'L1')],
    ['e-requested', ev.exploratoryConversationRequested(T_YUSUF_GGZ, '2026-04-24', '2026-04-22')],
    ['e-held', ev.exploratoryConversationHeld(T_YUSUF_GGZ, '2026-05-06')],
    ['e-ggnet', ev.referralMade(T_YUSUF_GGZ, R_GGNET, '2026-05-15')],
    ['e-caleidoz', ev.referralMade(T_YUSUF_GGZ, R_CALEIDOZ, '2026-05-15')],
    ['e-ggnet-accepted', ev.referralAccepted(T_YUSUF_GGZ, R_GGNET, '2026-05-20')],
  );

const ggz = (state: HouseholdState): Trajectory => {
  const t = state.trajectories.find((x) => x.trajectoryId === T_YUSUF_GGZ);
  if (t === undefined) throw new Error('no GGZ trajectory in the state');
  return t;
};

describe('decide: corrections (EventCorrected, EventWithdrawn)', () => {
  describe('CorrectEventDate', () => {
    it('corrects the date of the verkennend gesprek, naming the event and its type', () => {
      givenHousehold(history())
        .when(cmd.correctEventDate('e-held', '2026-05-07', '2026-11-20', 'Gesprek was op donderdag'))
        .then([
          {
            type: 'EventCorrected',
            occurredOn: '2026-11-20',
            data: {
              correctedEventId: 'e-held',
              correctedType: 'ExploratoryConversationHeld',
              occurredOn: '2026-05-07',
              reason: 'Gesprek was op donderdag',
            },
          },
        ]);
    });

    it('shows the corrected date in the state and records the correction', () => {
      const state = givenHousehold(history())
        .when(cmd.correctEventDate('e-held', '2026-05-07', '2026-11-20', 'Gesprek was op donderdag'))
        .thenState();
      expect(ggz(state).exploratoryConversation).toEqual({
        requestedOn: '2026-04-24',
        ggzWaitlistSince: '2026-04-22',
        heldOn: '2026-05-07',
        outcome: 'referral-follows',
      });
      expect(state.corrections).toEqual([
        {
          eventId: 'new-1',
          kind: 'corrected',
          targetEventId: 'e-held',
          targetType: 'ExploratoryConversationHeld',
          recordedOn: '2026-11-20',
          reason: 'Gesprek was op donderdag',
          correctedOccurredOn: '2026-05-07',
          compartments: [{ trajectoryId: T_YUSUF_GGZ }],
        },
      ]);
      expect(state.effectiveEvents.map((e) => [e.eventId, e.occurredOn])).toEqual([
        ['e-registered', '2026-01-14'],
        ['e-coordinator', '2026-01-14'],
        ['e-melding', '2026-04-15'],
        ['e-triage', '2026-04-20'],
        ['e-requested', '2026-04-24'],
        ['e-held', '2026-05-07'],
        ['e-ggnet', '2026-05-15'],
        ['e-caleidoz', '2026-05-15'],
        ['e-ggnet-accepted', '2026-05-20'],
      ]);
    });

    it('moves the melding date, and with it the start of every waiting-time clock', () => {
      const state = givenHousehold(history()).when(cmd.correctEventDate('e-melding', '2026-04-13')).thenState();
      expect(ggz(state).openedOn).toBe('2026-04-13');
    });

    it('corrects the vaststellingsdatum of a PIP that was later amended, keeping the amendment', () => {
      const given = recorded(
        ['e-registered', ev.householdRegistered()],
        ['e-melding', ev.trajectoryOpened(T_RANIA_INBURGERING, REGISTERED_ON)],
        ['e-pip', ev.pipEstablished(T_RANIA_INBURGERING, '2026-02-16', 'B1')],
        ['e-pip-amended', ev.pipAmended(T_RANIA_INBURGERING, '2026-03-10', 'Z')],
      );
      const state = givenHousehold(given).when(cmd.correctEventDate('e-pip', '2026-02-12')).thenState();
      expect(state.trajectories[0].pip).toEqual({ establishedOn: '2026-02-12', route: 'Z', amendedOn: '2026-03-10' });
    });

    it('corrects an event a second time, counting from its corrected date', () => {
      const given = [...history(), { ...ev.eventCorrected('e-held', 'ExploratoryConversationHeld', '2026-05-07', '2026-11-20'), eventId: 'e-fix-1' }];
      givenHousehold(given)
        .when(cmd.correctEventDate('e-held', '2026-05-08'))
        .then([ev.eventCorrected('e-held', 'ExploratoryConversationHeld', '2026-05-08', TODAY)]);
      const state = givenHousehold(given).when(cmd.correctEventDate('e-held', '2026-05-08')).thenState();
      expect(ggz(state).exploratoryConversation?.heldOn).toBe('2026-05-08');
      expect(state.corrections.map((c) => [c.eventId, c.targetEventId, c.correctedOccurredOn])).toEqual([
        ['e-fix-1', 'e-held', '2026-05-07'],
        ['new-1', 'e-held', '2026-05-08'],
      ]);
    });

    it('accepts putting a corrected event back on its original date', () => {
      const given = [...history(), { ...ev.eventCorrected('e-held', 'ExploratoryConversationHeld', '2026-05-07', '2026-11-20'), eventId: 'e-fix-1' }];
      givenHousehold(given)
        .when(cmd.correctEventDate('e-held', '2026-05-06'))
        .then([ev.eventCorrected('e-held', 'ExploratoryConversationHeld', '2026-05-06', TODAY)]);
    });

    it('rejects a correction to the date the event already has', () => {
      givenHousehold(history()).when(cmd.correctEventDate('e-held', '2026-05-06')).thenRejects('correction-unchanged');
    });

    it('rejects a correction to the date an earlier correction already gave', () => {
      const given = [...history(), { ...ev.eventCorrected('e-held', 'ExploratoryConversationHeld', '2026-05-07', '2026-11-20'), eventId: 'e-fix-1' }];
      givenHousehold(given).when(cmd.correctEventDate('e-held', '2026-05-07')).thenRejects('correction-unchanged');
    });

    it('rejects a corrected date after today', () => {
      const error = givenHousehold(history()).when(cmd.correctEventDate('e-ggnet-accepted', TOMORROW)).thenRejects('correction-conflicts-with-history');
      expect(error.message).toContain('date-in-future');
    });

    it('rejects moving the referral after its acceptance', () => {
      const error = givenHousehold(history()).when(cmd.correctEventDate('e-ggnet', '2026-05-21')).thenRejects('correction-conflicts-with-history');
      expect(error.message).toContain('e-ggnet-accepted');
      expect(error.message).toContain('date-out-of-order');
    });

    it('rejects moving the melding after the triage', () => {
      const error = givenHousehold(history()).when(cmd.correctEventDate('e-melding', '2026-04-21')).thenRejects('correction-conflicts-with-history');
      expect(error.message).toContain('e-triage');
      expect(error.message).toContain('date-before-melding');
    });

    it('rejects moving the triage after a level change that followed it', () => {
      const given = [...history(), { ...ev.supportScaledUp(T_YUSUF_GGZ, '2026-06-01', 'L1', 'L3'), eventId: 'e-up' }];
      givenHousehold(given).when(cmd.correctEventDate('e-triage', '2026-06-02')).thenRejects('correction-conflicts-with-history');
    });

    it('rejects a correction dated after today', () => {
      givenHousehold(history()).when(cmd.correctEventDate('e-held', '2026-05-07', TOMORROW)).thenRejects('date-in-future');
    });

    it('rejects moving the PIP after its amendment', () => {
      const given = recorded(
        ['e-registered', ev.householdRegistered()],
        ['e-melding', ev.trajectoryOpened(T_RANIA_INBURGERING, REGISTERED_ON)],
        ['e-pip', ev.pipEstablished(T_RANIA_INBURGERING, '2026-02-16', 'B1')],
        ['e-pip-amended', ev.pipAmended(T_RANIA_INBURGERING, '2026-03-10', 'Z')],
      );
      givenHousehold(given).when(cmd.correctEventDate('e-pip', '2026-03-10')).then([ev.eventCorrected('e-pip', 'PipEstablished', '2026-03-10', TODAY)]);
      const error = givenHousehold(given).when(cmd.correctEventDate('e-pip', '2026-03-11')).thenRejects('correction-conflicts-with-history');
      expect(error.message).toContain('e-pip-amended');
      expect(error.message).toContain('date-out-of-order');
    });

    it('rejects moving a waakvlam contact after the end of its period', () => {
      const given = [
        ...history(),
        ...recorded(
          ['e-waakvlam', ev.waakvlamStarted(T_YUSUF_GGZ, '2026-09-01')],
          ['e-contact', ev.waakvlamContactRecorded(T_YUSUF_GGZ, '2026-09-29')],
          ['e-waakvlam-ended', ev.waakvlamEnded(T_YUSUF_GGZ, '2026-10-15')],
        ),
      ];
      const error = givenHousehold(given).when(cmd.correctEventDate('e-contact', '2026-10-16')).thenRejects('correction-conflicts-with-history');
      expect(error.message).toContain('e-waakvlam-ended');
      expect(error.message).toContain('date-out-of-order');
    });

    it('rejects moving the arrival of a member after a melding about her', () => {
      const given = recorded(
        ['e-registered', ev.householdRegistered()],
        ['e-samira', ev.memberAdded(SAMIRA, '2026-09-01')],
        ['e-melding', ev.trajectoryOpened('traj-samira', '2026-09-10', { memberId: SAMIRA.memberId })],
      );
      const error = givenHousehold(given).when(cmd.correctEventDate('e-samira', '2026-09-11')).thenRejects('correction-conflicts-with-history');
      expect(error.message).toContain('e-melding');
      expect(error.message).toContain('date-out-of-order');
    });
  });

  describe('WithdrawEvent', () => {
    it('withdraws the Caleidoz referral entered in error, naming the event and its type', () => {
      givenHousehold(history())
        .when(cmd.withdrawEvent('e-caleidoz', '2026-11-20', 'Verkeerde inwoner'))
        .then([
          {
            type: 'EventWithdrawn',
            occurredOn: '2026-11-20',
            data: { withdrawnEventId: 'e-caleidoz', withdrawnType: 'ReferralMade', reason: 'Verkeerde inwoner' },
          },
        ]);
    });

    it('drops the withdrawn referral from the trajectory and records the withdrawal (B10)', () => {
      expect(ggz(givenHousehold(history()).state).referrals.map((r) => r.referralId)).toEqual(['ref-ggnet', 'ref-caleidoz']);
      const state = givenHousehold(history()).when(cmd.withdrawEvent('e-caleidoz', '2026-11-20', 'Verkeerde inwoner')).thenState();
      expect(ggz(state).referrals.map((r) => r.referralId)).toEqual(['ref-ggnet']);
      expect(ggz(state).referrals[0].status).toBe('accepted');
      expect(state.corrections).toEqual([
        {
          eventId: 'new-1',
          kind: 'withdrawn',
          targetEventId: 'e-caleidoz',
          targetType: 'ReferralMade',
          recordedOn: '2026-11-20',
          reason: 'Verkeerde inwoner',
          compartments: [{ trajectoryId: T_YUSUF_GGZ }],
        },
      ]);
      expect(state.effectiveEvents.map((e) => e.eventId)).not.toContain('e-caleidoz');
      expect(state.effectiveEvents).toHaveLength(8);
    });

    it('frees the id of a withdrawn referral for a new referral', () => {
      const given = [...history(), { ...ev.eventWithdrawn('e-caleidoz', 'ReferralMade', '2026-11-20'), eventId: 'e-undo' }];
      givenHousehold(given)
        .when(cmd.makeReferral(T_YUSUF_GGZ, R_CALEIDOZ, '2026-11-20'))
        .then([ev.referralMade(T_YUSUF_GGZ, R_CALEIDOZ, '2026-11-20')]);
    });

    it('withdraws an opschaling: the level falls back to what the triage set', () => {
      const given = [...history(), { ...ev.supportScaledUp(T_YUSUF_GGZ, '2026-06-01', 'L1', 'L3'), eventId: 'e-up' }];
      const t = ggz(givenHousehold(given).when(cmd.withdrawEvent('e-up')).thenState());
      expect(t.level).toBe('L1');
      expect(t.levelChanges).toEqual([]);
    });

    it('withdraws a departure entered in error: the member is active again', () => {
      const given = recorded(['e-registered', ev.householdRegistered()], ['e-left', ev.memberLeft(OMAR.memberId, '2026-08-31')]);
      const state = givenHousehold(given).when(cmd.withdrawEvent('e-left')).thenState();
      const omar = state.members.find((m) => m.memberId === OMAR.memberId);
      expect(omar?.status).toBe('active');
      expect(omar?.leftOn).toBeUndefined();
    });

    it('withdraws the latest handover of casusregie: the earlier casusregisseur is back', () => {
      const given = recorded(
        ['e-registered', ev.householdRegistered()],
        ['e-c1', ev.coordinatorAssigned(REGISTERED_ON, COORDINATOR)],
        ['e-c2', ev.coordinatorAssigned('2026-06-01', OTHER_COORDINATOR)],
      );
      expect(givenHousehold(given).when(cmd.withdrawEvent('e-c2')).thenState().coordinator).toEqual({ ...COORDINATOR, since: REGISTERED_ON });
    });

    it('rejects withdrawing the melding of a trajectory that has later steps', () => {
      const error = givenHousehold(history()).when(cmd.withdrawEvent('e-melding')).thenRejects('correction-conflicts-with-history');
      expect(error.message).toContain('trajectory-not-found');
    });

    it('rejects withdrawing the acceptance of a referral whose care has started', () => {
      const given = [...history(), { ...ev.careStarted(T_YUSUF_GGZ, R_GGNET, '2026-06-01'), eventId: 'e-care' }];
      givenHousehold(given).when(cmd.withdrawEvent('e-ggnet-accepted')).thenRejects('correction-conflicts-with-history');
    });

    it('rejects withdrawing the triage when the level has changed since', () => {
      const given = [...history(), { ...ev.supportScaledUp(T_YUSUF_GGZ, '2026-06-01', 'L1', 'L3'), eventId: 'e-up' }];
      const error = givenHousehold(given).when(cmd.withdrawEvent('e-triage')).thenRejects('correction-conflicts-with-history');
      expect(error.message).toContain('triage-required');
    });

    it('rejects withdrawing the PIP once it has been amended', () => {
      const given = recorded(
        ['e-registered', ev.householdRegistered()],
        ['e-melding', ev.trajectoryOpened(T_RANIA_INBURGERING, REGISTERED_ON)],
        ['e-pip', ev.pipEstablished(T_RANIA_INBURGERING, '2026-02-16', 'B1')],
        ['e-pip-amended', ev.pipAmended(T_RANIA_INBURGERING, '2026-03-10', 'Z')],
      );
      const error = givenHousehold(given).when(cmd.withdrawEvent('e-pip')).thenRejects('correction-conflicts-with-history');
      expect(error.message).toContain('pip-not-established');
    });

    it('rejects withdrawing a PIP amendment when the next amendment would then change nothing', () => {
      const given = recorded(
        ['e-registered', ev.householdRegistered()],
        ['e-melding', ev.trajectoryOpened(T_RANIA_INBURGERING, REGISTERED_ON)],
        ['e-pip', ev.pipEstablished(T_RANIA_INBURGERING, '2026-02-16', 'B1')],
        ['e-to-z', ev.pipAmended(T_RANIA_INBURGERING, '2026-03-10', 'Z')],
        ['e-back-to-b1', ev.pipAmended(T_RANIA_INBURGERING, '2026-03-20', 'B1')],
      );
      const error = givenHousehold(given).when(cmd.withdrawEvent('e-to-z')).thenRejects('correction-conflicts-with-history');
      expect(error.message).toContain('pip-unchanged');
    });

    it('rejects withdrawing the middle handover of casusregie when the same consultant would follow herself', () => {
      const given = recorded(
        ['e-registered', ev.householdRegistered()],
        ['e-c1', ev.coordinatorAssigned(REGISTERED_ON, COORDINATOR)],
        ['e-c2', ev.coordinatorAssigned('2026-06-01', OTHER_COORDINATOR)],
        ['e-c3', ev.coordinatorAssigned('2026-09-01', COORDINATOR)],
      );
      givenHousehold(given).when(cmd.withdrawEvent('e-c2')).thenRejects('correction-conflicts-with-history');
    });

    it('withdraws a plan agreed in error when it was never revised: the household has no plan', () => {
      const given = recorded(['e-registered', ev.householdRegistered()], ['e-plan', ev.planAgreed('2026-02-20')]);
      expect(givenHousehold(given).when(cmd.withdrawEvent('e-plan')).thenState().plan).toBeUndefined();
    });

    it('rejects withdrawing the agreement of a plan that was revised since, which would silently remove the plan', () => {
      const given = recorded(
        ['e-registered', ev.householdRegistered()],
        ['e-plan', ev.planAgreed('2026-02-20')],
        ['e-plan-revised', ev.planRevised(2, '2026-06-01')],
      );
      const error = givenHousehold(given).when(cmd.withdrawEvent('e-plan')).thenRejects('correction-conflicts-with-history');
      expect(error.message).toContain('e-plan-revised');
      expect(error.message).toContain('plan-not-agreed');
    });

    it('withdraws a revision of the plan: the agreed plan is back', () => {
      const given = recorded(
        ['e-registered', ev.householdRegistered()],
        ['e-plan', ev.planAgreed('2026-02-20')],
        ['e-plan-revised', ev.planRevised(2, '2026-06-01')],
      );
      expect(givenHousehold(given).when(cmd.withdrawEvent('e-plan-revised')).thenState().plan).toEqual({
        version: 1,
        agreedOn: '2026-02-20',
        goals: GOALS,
      });
    });

    it('rejects a withdrawal dated after today', () => {
      givenHousehold(history()).when(cmd.withdrawEvent('e-caleidoz', TOMORROW)).thenRejects('date-in-future');
    });
  });

  describe('what cannot be corrected', () => {
    const withdrawnCaleidoz = () => [...history(), { ...ev.eventWithdrawn('e-caleidoz', 'ReferralMade', '2026-11-20'), eventId: 'e-undo' }];

    it('rejects correcting or withdrawing an event the household does not have', () => {
      givenHousehold(history()).when(cmd.correctEventDate('e-onbekend', '2026-05-01')).thenRejects('event-not-found');
      givenHousehold(history()).when(cmd.withdrawEvent('e-onbekend')).thenRejects('event-not-found');
    });

    it('rejects correcting or withdrawing the registration of the household', () => {
      givenHousehold(history()).when(cmd.correctEventDate('e-registered', '2026-01-13')).thenRejects('event-not-correctable');
      givenHousehold(history()).when(cmd.withdrawEvent('e-registered')).thenRejects('event-not-correctable');
    });

    it('rejects correcting or withdrawing a correction itself', () => {
      givenHousehold(withdrawnCaleidoz()).when(cmd.withdrawEvent('e-undo')).thenRejects('event-not-correctable');
      givenHousehold(withdrawnCaleidoz()).when(cmd.correctEventDate('e-undo', '2026-11-19')).thenRejects('event-not-correctable');
    });

    it('rejects correcting the date of a learning route start, whose date follows from its two start dates, but lets it be withdrawn', () => {
      const given = recorded(
        ['e-registered', ev.householdRegistered()],
        ['e-melding', ev.trajectoryOpened(T_RANIA_INBURGERING, REGISTERED_ON)],
        ['e-pip', ev.pipEstablished(T_RANIA_INBURGERING, '2026-02-16', 'B1')],
        ['e-route', ev.learningRouteStarted(T_RANIA_INBURGERING, '2026-04-13', '2026-04-20')],
      );
      givenHousehold(given).when(cmd.correctEventDate('e-route', '2026-04-14')).thenRejects('event-not-correctable');
      const state = givenHousehold(given).when(cmd.withdrawEvent('e-route')).thenState();
      expect(state.trajectories[0].learningRoute).toBeUndefined();
      expect(state.trajectories[0].pip).toEqual({ establishedOn: '2026-02-16', route: 'B1' });
    });

    it('rejects withdrawing or correcting an event that was already withdrawn', () => {
      givenHousehold(withdrawnCaleidoz()).when(cmd.withdrawEvent('e-caleidoz')).thenRejects('event-already-withdrawn');
      givenHousehold(withdrawnCaleidoz()).when(cmd.correctEventDate('e-caleidoz', '2026-05-16')).thenRejects('event-already-withdrawn');
    });

    it('rejects corrections in a household that is not registered', () => {
      givenHousehold([]).when(cmd.withdrawEvent('e-caleidoz')).thenRejects('household-not-found');
      givenHousehold([]).when(cmd.correctEventDate('e-caleidoz', '2026-05-16')).thenRejects('household-not-found');
    });
  });

  it('keeps a correction on one trajectory away from the others', () => {
    const given = [...history(), { ...ev.trajectoryOpened(T_RANIA_INBURGERING, REGISTERED_ON), eventId: 'e-rania' }];
    const state = givenHousehold(given).when(cmd.withdrawEvent('e-caleidoz')).thenState();
    expect(state.trajectories.map((t) => [t.trajectoryId, t.referrals.length])).toEqual([
      ['traj-yusuf-ggz', 1],
      ['traj-rania-inburgering', 0],
    ]);
  });

  it('keeps the state of a history with corrections equal to the state of the history as it now stands', () => {
    const given = [
      ...history(),
      { ...ev.eventWithdrawn('e-caleidoz', 'ReferralMade', '2026-11-20'), eventId: 'e-undo' },
      { ...ev.eventCorrected('e-held', 'ExploratoryConversationHeld', '2026-05-07', '2026-11-20'), eventId: 'e-fix' },
    ];
    const { state } = givenHousehold(given);
    const asItNowStands = givenHousehold(state.effectiveEvents).state;
    expect({ ...state, corrections: [] }).toEqual(asItNowStands);
  });
});
