import { givenHousehold } from '../testing/decider-specification';
import {
  cmd,
  ev,
  haddad,
  OMAR,
  R_GGNET,
  RANIA,
  REGISTERED_ON,
  SAMIRA,
  T_RANIA_INBURGERING,
  T_YUSUF_GGZ,
  T_YUSUF_INBURGERING,
  TODAY,
  TOMORROW,
  YUSUF,
} from '../testing/household-fixtures';
import { HouseholdCommand } from './household-commands';
import { HouseholdState, Trajectory } from './household-state';

const UNKNOWN_TRAJECTORY = 'traj-onbekend';

function trajectory(state: HouseholdState, trajectoryId: string): Trajectory {
  const found = state.trajectories.find((t) => t.trajectoryId === trajectoryId);
  if (found === undefined) throw new Error(`no trajectory ${trajectoryId} in the state`);
  return found;
}

/** Yusuf's GGZ trajectory, closed on 2026-10-01 after its referral to GGNet was accepted, care started and ended. */
const closedGgzTrajectory = () => [
  ...haddad.withGgnetReferral(),
  ev.referralAccepted(T_YUSUF_GGZ, R_GGNET, '2026-05-20'),
  ev.careStarted(T_YUSUF_GGZ, R_GGNET, '2026-06-01'),
  ev.careEnded(T_YUSUF_GGZ, R_GGNET, '2026-09-15'),
  ev.trajectoryClosed(T_YUSUF_GGZ, '2026-10-01', 'stable'),
];

describe('decide: the trajectory (melding, triage, verkennend gesprek, op-/afschaling, waakvlam, PIP, closure)', () => {
  describe('OpenTrajectory (the melding)', () => {
    it('opens Yusuf’s GGZ support question on the day the huisarts reports it', () => {
      givenHousehold(haddad.registered())
        .when(cmd.openTrajectory(T_YUSUF_GGZ, '2026-04-15'))
        .then([
          {
            type: 'TrajectoryOpened',
            occurredOn: '2026-04-15',
            data: {
              trajectoryId: 'traj-yusuf-ggz',
              memberId: 'm-yusuf',
              source: 'huisarts',
              channel: 'warm-handover',
              question: 'Slaapproblemen en herbelevingen; wacht op GGZ',
              lifeDomains: ['geestelijke-gezondheid'],
              legalBasis: 'wmo-2015',
            },
          },
        ]);
    });

    it('shows an open trajectory without a level, whose clocks start on the melding date', () => {
      const state = givenHousehold(haddad.registered()).when(cmd.openTrajectory(T_YUSUF_GGZ, '2026-04-15')).thenState();
      expect(state.trajectories).toEqual([
        {
          trajectoryId: 'traj-yusuf-ggz',
          memberId: 'm-yusuf',
          source: 'huisarts',
          channel: 'warm-handover',
          question: 'Slaapproblemen en herbelevingen; wacht op GGZ',
          lifeDomains: ['geestelijke-gezondheid'],
          legalBasis: 'wmo-2015',
          openedOn: '2026-04-15',
          status: 'open',
          referrals: [],
          levelChanges: [],
          waakvlamPeriods: [],
          reopenings: [],
          lastStepOn: '2026-04-15',
        },
      ]);
      expect(state.trajectories[0].level).toBeUndefined();
    });

    it('gives one member several trajectories, each with its own legal basis', () => {
      const state = givenHousehold([...haddad.registered(), ev.trajectoryOpened(T_YUSUF_INBURGERING, REGISTERED_ON)])
        .when(cmd.openTrajectory(T_YUSUF_GGZ, '2026-04-15'))
        .thenState();
      expect(state.trajectories.map((t) => [t.trajectoryId, t.memberId, t.legalBasis])).toEqual([
        ['traj-yusuf-inburgering', 'm-yusuf', 'wet-inburgering-2021'],
        ['traj-yusuf-ggz', 'm-yusuf', 'wmo-2015'],
      ]);
    });

    it('rejects a trajectory id already used in the household', () => {
      givenHousehold(haddad.withYusufGgz()).when(cmd.openTrajectory(T_YUSUF_GGZ, '2026-05-01')).thenRejects('trajectory-already-exists');
    });

    it('rejects a trajectory id already used by a closed trajectory', () => {
      givenHousehold(closedGgzTrajectory()).when(cmd.openTrajectory(T_YUSUF_GGZ, '2026-10-15')).thenRejects('trajectory-already-exists');
    });

    it('rejects a melding about someone who is not a member', () => {
      givenHousehold(haddad.registered())
        .when(cmd.openTrajectory('traj-samira', '2026-04-15', { memberId: SAMIRA.memberId }))
        .thenRejects('member-not-found');
    });

    it('rejects a melding about a member who has left', () => {
      givenHousehold([...haddad.registered(), ev.memberLeft(OMAR.memberId, '2026-03-01')])
        .when(cmd.openTrajectory('traj-omar', '2026-04-15', { memberId: OMAR.memberId, legalBasis: 'jeugdwet' }))
        .thenRejects('member-not-active');
    });

    it('rejects a melding dated after today', () => {
      givenHousehold(haddad.registered()).when(cmd.openTrajectory(T_YUSUF_GGZ, TOMORROW)).thenRejects('date-in-future');
    });

    it('accepts a melding on the day the member joined the household', () => {
      givenHousehold([...haddad.registered(), ev.memberAdded(SAMIRA, '2026-09-01')])
        .when(cmd.openTrajectory('traj-samira', '2026-09-01', { memberId: SAMIRA.memberId }))
        .then([ev.trajectoryOpened('traj-samira', '2026-09-01', { memberId: SAMIRA.memberId })]);
    });

    it('rejects a melding dated the day before the member joined the household', () => {
      givenHousehold([...haddad.registered(), ev.memberAdded(SAMIRA, '2026-09-01')])
        .when(cmd.openTrajectory('traj-samira', '2026-08-31', { memberId: SAMIRA.memberId }))
        .thenRejects('date-out-of-order');
    });

    it('rejects a melding about a founding member dated the day before the registration', () => {
      givenHousehold(haddad.registered()).when(cmd.openTrajectory(T_YUSUF_GGZ, '2026-01-13')).thenRejects('date-out-of-order');
    });
  });

  describe('RecordIntake', () => {
    it('records Yusuf’s intake', () => {
      givenHousehold(haddad.withYusufGgz())
        .when(cmd.recordIntake(T_YUSUF_GGZ, '2026-04-17'))
        .then([{ type: 'IntakeHeld', occurredOn: '2026-04-17', data: { trajectoryId: 'traj-yusuf-ggz' } }]);
    });

    it('records the intake date and keeps the later triage as the last step', () => {
      const t = trajectory(givenHousehold(haddad.withYusufGgz()).when(cmd.recordIntake(T_YUSUF_GGZ, '2026-04-17')).thenState(), T_YUSUF_GGZ);
      expect(t.intakeOn).toBe('2026-04-17');
      expect(t.lastStepOn).toBe('2026-04-20');
    });

    it('accepts an intake on the day of the melding', () => {
      givenHousehold(haddad.withYusufGgz()).when(cmd.recordIntake(T_YUSUF_GGZ, '2026-04-15')).then([ev.intakeHeld(T_YUSUF_GGZ, '2026-04-15')]);
    });

    it('rejects a second intake', () => {
      givenHousehold(haddad.withRaniaInburgering()).when(cmd.recordIntake(T_RANIA_INBURGERING, '2026-01-28')).thenRejects('intake-already-held');
    });

    it('rejects an intake the day before the melding', () => {
      givenHousehold(haddad.withYusufGgz()).when(cmd.recordIntake(T_YUSUF_GGZ, '2026-04-14')).thenRejects('date-before-melding');
    });
  });

  describe('CompleteTriage', () => {
    it('routes Rania’s trajectory to light support by the sociaal team', () => {
      givenHousehold(haddad.withRaniaInburgering())
        .when(cmd.completeTriage(T_RANIA_INBURGERING, '2026-01-28', 'L2', 'regular'))
        .then([{ type: 'TriageCompleted', occurredOn: '2026-01-28', data: { trajectoryId: 'traj-rania-inburgering', level: 'L2', route: 'regular' } }]);
    });

    it('sets the first support level of the trajectory', () => {
      const t = trajectory(
        givenHousehold(haddad.withRaniaInburgering()).when(cmd.completeTriage(T_RANIA_INBURGERING, '2026-01-28', 'L2')).thenState(),
        T_RANIA_INBURGERING,
      );
      expect(t.level).toBe('L2');
      expect(t.triage).toEqual({ completedOn: '2026-01-28', level: 'L2', route: 'regular' });
      expect(t.levelChanges).toEqual([]);
    });

    it('routes a case to the safety track', () => {
      givenHousehold(haddad.withRaniaInburgering())
        .when(cmd.completeTriage(T_RANIA_INBURGERING, '2026-01-28', 'L3', 'safety'))
        .then([ev.triageCompleted(T_RANIA_INBURGERING, '2026-01-28', 'L3', 'safety')]);
    });

    it('rejects a second triage', () => {
      givenHousehold(haddad.withYusufGgz()).when(cmd.completeTriage(T_YUSUF_GGZ, '2026-04-21', 'L2')).thenRejects('triage-already-completed');
    });

    it('rejects a triage before the melding', () => {
      givenHousehold(haddad.withRaniaInburgering())
        .when(cmd.completeTriage(T_RANIA_INBURGERING, '2026-01-13', 'L2'))
        .thenRejects('date-before-melding');
    });
  });

  describe('RequestExploratoryConversation (verkennend gesprek)', () => {
    it('requests a verkennend gesprek for Yusuf, on the GGZ waiting list since 04-22', () => {
      givenHousehold(haddad.withYusufGgz())
        .when(cmd.requestExploratoryConversation(T_YUSUF_GGZ, '2026-04-24', '2026-04-22'))
        .then([
          {
            type: 'ExploratoryConversationRequested',
            occurredOn: '2026-04-24',
            data: { trajectoryId: 'traj-yusuf-ggz', ggzWaitlistSince: '2026-04-22' },
          },
        ]);
    });

    it('leaves the waiting-list date out of the event when it is not known', () => {
      const events = givenHousehold(haddad.withYusufGgz())
        .when(cmd.requestExploratoryConversation(T_YUSUF_GGZ, '2026-04-24'))
        .then([ev.exploratoryConversationRequested(T_YUSUF_GGZ, '2026-04-24')]);
      expect(events).toStrictEqual([{ type: 'ExploratoryConversationRequested', occurredOn: '2026-04-24', data: { trajectoryId: 'traj-yusuf-ggz' } }]);
    });

    it('accepts a waiting-list registration on the day of the request', () => {
      givenHousehold(haddad.withYusufGgz())
        .when(cmd.requestExploratoryConversation(T_YUSUF_GGZ, '2026-04-24', '2026-04-24'))
        .then([ev.exploratoryConversationRequested(T_YUSUF_GGZ, '2026-04-24', '2026-04-24')]);
    });

    it('accepts a waiting-list registration from before the melding', () => {
      givenHousehold(haddad.withYusufGgz())
        .when(cmd.requestExploratoryConversation(T_YUSUF_GGZ, '2026-04-24', '2026-03-01'))
        .then([ev.exploratoryConversationRequested(T_YUSUF_GGZ, '2026-04-24', '2026-03-01')]);
    });

    it('shows the request and the waiting-list date in the state', () => {
      const t = trajectory(
        givenHousehold(haddad.withYusufGgz()).when(cmd.requestExploratoryConversation(T_YUSUF_GGZ, '2026-04-24', '2026-04-22')).thenState(),
        T_YUSUF_GGZ,
      );
      expect(t.exploratoryConversation).toEqual({ requestedOn: '2026-04-24', ggzWaitlistSince: '2026-04-22' });
    });

    it('rejects a waiting-list date after the request', () => {
      givenHousehold(haddad.withYusufGgz())
        .when(cmd.requestExploratoryConversation(T_YUSUF_GGZ, '2026-04-24', '2026-04-25'))
        .thenRejects('date-out-of-order');
    });

    it('rejects a second request', () => {
      givenHousehold(haddad.withYusufExplored())
        .when(cmd.requestExploratoryConversation(T_YUSUF_GGZ, '2026-05-10'))
        .thenRejects('exploratory-conversation-already-requested');
    });

    it('rejects a request before the melding', () => {
      givenHousehold(haddad.withYusufGgz()).when(cmd.requestExploratoryConversation(T_YUSUF_GGZ, '2026-04-14')).thenRejects('date-before-melding');
    });
  });

  describe('RecordExploratoryConversationHeld', () => {
    const requested = () => [...haddad.withYusufGgz(), ev.exploratoryConversationRequested(T_YUSUF_GGZ, '2026-04-24', '2026-04-22')];

    it('records the verkennend gesprek held with an interpreter on 05-06', () => {
      givenHousehold(requested())
        .when(cmd.recordExploratoryConversationHeld(T_YUSUF_GGZ, '2026-05-06', 'referral-follows'))
        .then([
          { type: 'ExploratoryConversationHeld', occurredOn: '2026-05-06', data: { trajectoryId: 'traj-yusuf-ggz', outcome: 'referral-follows' } },
        ]);
    });

    it('records a gesprek concluded without a referral (B12)', () => {
      const t = trajectory(
        givenHousehold(requested()).when(cmd.recordExploratoryConversationHeld(T_YUSUF_GGZ, '2026-05-06', 'concluded-without-referral')).thenState(),
        T_YUSUF_GGZ,
      );
      expect(t.exploratoryConversation).toEqual({
        requestedOn: '2026-04-24',
        ggzWaitlistSince: '2026-04-22',
        heldOn: '2026-05-06',
        outcome: 'concluded-without-referral',
      });
    });

    it('accepts a gesprek held on the day it was requested', () => {
      givenHousehold(requested())
        .when(cmd.recordExploratoryConversationHeld(T_YUSUF_GGZ, '2026-04-24'))
        .then([ev.exploratoryConversationHeld(T_YUSUF_GGZ, '2026-04-24')]);
    });

    it('rejects a gesprek that was never requested', () => {
      givenHousehold(haddad.withYusufGgz())
        .when(cmd.recordExploratoryConversationHeld(T_YUSUF_GGZ, '2026-05-06'))
        .thenRejects('exploratory-conversation-not-requested');
    });

    it('rejects recording the gesprek twice', () => {
      givenHousehold(haddad.withYusufExplored())
        .when(cmd.recordExploratoryConversationHeld(T_YUSUF_GGZ, '2026-05-07'))
        .thenRejects('exploratory-conversation-already-held');
    });

    it('rejects a gesprek dated before its request', () => {
      givenHousehold(requested()).when(cmd.recordExploratoryConversationHeld(T_YUSUF_GGZ, '2026-04-23')).thenRejects('date-out-of-order');
    });
  });

  describe('ChangeSupportLevel (op- en afschaling)', () => {
    it('scales Yusuf up from the voorliggend veld (L1) to ambulant maatwerk (L3)', () => {
      givenHousehold(haddad.withYusufGgz())
        .when(cmd.changeSupportLevel(T_YUSUF_GGZ, '2026-06-01', 'L3', 'Groepsinterventie onvoldoende'))
        .then([
          {
            type: 'SupportScaledUp',
            occurredOn: '2026-06-01',
            data: { trajectoryId: 'traj-yusuf-ggz', fromLevel: 'L1', toLevel: 'L3', reason: 'Groepsinterventie onvoldoende' },
          },
        ]);
    });

    it('scales down from L3 to light support by the sociaal team (L2)', () => {
      givenHousehold([...haddad.withYusufGgz(), ev.supportScaledUp(T_YUSUF_GGZ, '2026-06-01', 'L1', 'L3')])
        .when(cmd.changeSupportLevel(T_YUSUF_GGZ, '2026-09-01', 'L2', 'Stabiel'))
        .then([
          {
            type: 'SupportScaledDown',
            occurredOn: '2026-09-01',
            data: { trajectoryId: 'traj-yusuf-ggz', fromLevel: 'L3', toLevel: 'L2', reason: 'Stabiel' },
          },
        ]);
    });

    it('scales down from L1 to own strength (L0)', () => {
      givenHousehold(haddad.withYusufGgz())
        .when(cmd.changeSupportLevel(T_YUSUF_GGZ, '2026-06-01', 'L0', 'Eigen netwerk volstaat'))
        .then([ev.supportScaledDown(T_YUSUF_GGZ, '2026-06-01', 'L1', 'L0', 'Eigen netwerk volstaat')]);
    });

    it('scales up to maatwerk with stay (L4) in one step', () => {
      givenHousehold(haddad.withYusufGgz())
        .when(cmd.changeSupportLevel(T_YUSUF_GGZ, '2026-06-01', 'L4', 'Opname'))
        .then([ev.supportScaledUp(T_YUSUF_GGZ, '2026-06-01', 'L1', 'L4', 'Opname')]);
    });

    it('follows the level from triage through opschaling and afschaling', () => {
      const afterTriage = givenHousehold(haddad.withYusufGgz()).state;
      expect(trajectory(afterTriage, T_YUSUF_GGZ).level).toBe('L1');

      const given = [...haddad.withYusufGgz(), ev.supportScaledUp(T_YUSUF_GGZ, '2026-06-01', 'L1', 'L3', 'Groepsinterventie onvoldoende')];
      expect(trajectory(givenHousehold(given).state, T_YUSUF_GGZ).level).toBe('L3');

      const t = trajectory(givenHousehold(given).when(cmd.changeSupportLevel(T_YUSUF_GGZ, '2026-09-01', 'L2', 'Stabiel')).thenState(), T_YUSUF_GGZ);
      expect(t.level).toBe('L2');
      expect(t.triage).toEqual({ completedOn: '2026-04-20', level: 'L1', route: 'regular' });
      expect(t.levelChanges).toEqual([
        { changedOn: '2026-06-01', direction: 'up', fromLevel: 'L1', toLevel: 'L3', reason: 'Groepsinterventie onvoldoende' },
        { changedOn: '2026-09-01', direction: 'down', fromLevel: 'L3', toLevel: 'L2', reason: 'Stabiel' },
      ]);
      expect(t.lastStepOn).toBe('2026-09-01');
    });

    it('accepts a change on the day of the triage', () => {
      givenHousehold(haddad.withYusufGgz())
        .when(cmd.changeSupportLevel(T_YUSUF_GGZ, '2026-04-20', 'L2'))
        .then([ev.supportScaledUp(T_YUSUF_GGZ, '2026-04-20', 'L1', 'L2', 'Situatie gewijzigd')]);
    });

    it('rejects a level change before the triage has set a level', () => {
      givenHousehold(haddad.withRaniaInburgering()).when(cmd.changeSupportLevel(T_RANIA_INBURGERING, '2026-03-01', 'L2')).thenRejects('triage-required');
    });

    it('rejects a "change" to the level the trajectory already has', () => {
      givenHousehold(haddad.withYusufGgz()).when(cmd.changeSupportLevel(T_YUSUF_GGZ, '2026-06-01', 'L1')).thenRejects('level-unchanged');
    });

    it('rejects a "change" back to the current level after an opschaling', () => {
      givenHousehold([...haddad.withYusufGgz(), ev.supportScaledUp(T_YUSUF_GGZ, '2026-06-01', 'L1', 'L3')])
        .when(cmd.changeSupportLevel(T_YUSUF_GGZ, '2026-07-01', 'L3'))
        .thenRejects('level-unchanged');
    });

    it('rejects a change dated before the triage (though after the melding)', () => {
      givenHousehold(haddad.withYusufGgz()).when(cmd.changeSupportLevel(T_YUSUF_GGZ, '2026-04-19', 'L3')).thenRejects('date-out-of-order');
    });

    it('rejects a change dated before the previous change', () => {
      givenHousehold([...haddad.withYusufGgz(), ev.supportScaledUp(T_YUSUF_GGZ, '2026-06-01', 'L1', 'L3')])
        .when(cmd.changeSupportLevel(T_YUSUF_GGZ, '2026-05-31', 'L2'))
        .thenRejects('date-out-of-order');
    });
  });

  describe('waakvlamcontact (StartWaakvlam, RecordWaakvlamContact, EndWaakvlam)', () => {
    const inWaakvlam = () => [...haddad.withYusufGgz(), ev.waakvlamStarted(T_YUSUF_GGZ, '2026-09-01', 28)];

    it('starts waakvlamcontact with a contact every four weeks', () => {
      givenHousehold(haddad.withYusufGgz())
        .when(cmd.startWaakvlam(T_YUSUF_GGZ, '2026-09-01', 28))
        .then([{ type: 'WaakvlamStarted', occurredOn: '2026-09-01', data: { trajectoryId: 'traj-yusuf-ggz', contactIntervalDays: 28 } }]);
    });

    it('keeps the support level beside the waakvlam period', () => {
      const t = trajectory(givenHousehold(haddad.withYusufGgz()).when(cmd.startWaakvlam(T_YUSUF_GGZ, '2026-09-01', 28)).thenState(), T_YUSUF_GGZ);
      expect(t.waakvlamPeriods).toEqual([{ startedOn: '2026-09-01', contactIntervalDays: 28, contacts: [] }]);
      expect(t.level).toBe('L1');
    });

    it('records a home visit with a worrying outcome', () => {
      givenHousehold(inWaakvlam())
        .when(cmd.recordWaakvlamContact(T_YUSUF_GGZ, '2026-09-29', 'home-visit', 'concern'))
        .then([
          {
            type: 'WaakvlamContactRecorded',
            occurredOn: '2026-09-29',
            data: { trajectoryId: 'traj-yusuf-ggz', mode: 'home-visit', outcome: 'concern' },
          },
        ]);
    });

    it('ends the waakvlam period', () => {
      givenHousehold(inWaakvlam())
        .when(cmd.endWaakvlam(T_YUSUF_GGZ, '2026-11-01'))
        .then([{ type: 'WaakvlamEnded', occurredOn: '2026-11-01', data: { trajectoryId: 'traj-yusuf-ggz' } }]);
    });

    it('keeps the contacts of each period and starts a second period after the first ended', () => {
      const given = [
        ...inWaakvlam(),
        ev.waakvlamContactRecorded(T_YUSUF_GGZ, '2026-09-29', 'phone', 'stable'),
        ev.waakvlamContactRecorded(T_YUSUF_GGZ, '2026-10-27', 'home-visit', 'concern'),
        ev.waakvlamEnded(T_YUSUF_GGZ, '2026-11-01'),
      ];
      const t = trajectory(givenHousehold(given).when(cmd.startWaakvlam(T_YUSUF_GGZ, '2026-11-10', 14)).thenState(), T_YUSUF_GGZ);
      expect(t.waakvlamPeriods).toEqual([
        {
          startedOn: '2026-09-01',
          contactIntervalDays: 28,
          endedOn: '2026-11-01',
          contacts: [
            { contactOn: '2026-09-29', mode: 'phone', outcome: 'stable' },
            { contactOn: '2026-10-27', mode: 'home-visit', outcome: 'concern' },
          ],
        },
        { startedOn: '2026-11-10', contactIntervalDays: 14, contacts: [] },
      ]);
    });

    it('rejects a second start while waakvlamcontact runs', () => {
      givenHousehold(inWaakvlam()).when(cmd.startWaakvlam(T_YUSUF_GGZ, '2026-10-01')).thenRejects('waakvlam-already-active');
    });

    it('rejects a contact when no waakvlam period was started', () => {
      givenHousehold(haddad.withYusufGgz()).when(cmd.recordWaakvlamContact(T_YUSUF_GGZ, '2026-09-29')).thenRejects('waakvlam-not-active');
    });

    it('rejects a contact after the waakvlam period ended', () => {
      givenHousehold([...inWaakvlam(), ev.waakvlamEnded(T_YUSUF_GGZ, '2026-11-01')])
        .when(cmd.recordWaakvlamContact(T_YUSUF_GGZ, '2026-11-05'))
        .thenRejects('waakvlam-not-active');
    });

    it('rejects ending a waakvlam period that is not running', () => {
      givenHousehold(haddad.withYusufGgz()).when(cmd.endWaakvlam(T_YUSUF_GGZ, '2026-11-01')).thenRejects('waakvlam-not-active');
      givenHousehold([...inWaakvlam(), ev.waakvlamEnded(T_YUSUF_GGZ, '2026-11-01')])
        .when(cmd.endWaakvlam(T_YUSUF_GGZ, '2026-11-02'))
        .thenRejects('waakvlam-not-active');
    });

    it('rejects a contact dated before the start of waakvlamcontact', () => {
      givenHousehold(inWaakvlam()).when(cmd.recordWaakvlamContact(T_YUSUF_GGZ, '2026-08-31')).thenRejects('date-out-of-order');
    });

    it('rejects an end dated before the start of waakvlamcontact', () => {
      givenHousehold(inWaakvlam()).when(cmd.endWaakvlam(T_YUSUF_GGZ, '2026-08-31')).thenRejects('date-out-of-order');
    });

    it('rejects a start before the melding', () => {
      givenHousehold(haddad.withYusufGgz()).when(cmd.startWaakvlam(T_YUSUF_GGZ, '2026-04-14')).thenRejects('date-before-melding');
    });

    describe('contacts, the end and a new period follow each other in date order', () => {
      const withContact = () => [...inWaakvlam(), ev.waakvlamContactRecorded(T_YUSUF_GGZ, '2026-09-29')];
      const ended = () => [...withContact(), ev.waakvlamEnded(T_YUSUF_GGZ, '2026-10-15')];

      it('accepts a contact on the day of the previous contact', () => {
        givenHousehold(withContact())
          .when(cmd.recordWaakvlamContact(T_YUSUF_GGZ, '2026-09-29', 'home-visit'))
          .then([ev.waakvlamContactRecorded(T_YUSUF_GGZ, '2026-09-29', 'home-visit')]);
      });

      it('rejects a contact dated the day before the previous contact of the period', () => {
        givenHousehold(withContact()).when(cmd.recordWaakvlamContact(T_YUSUF_GGZ, '2026-09-28')).thenRejects('date-out-of-order');
      });

      it('accepts an end on the day of the last contact', () => {
        givenHousehold(withContact()).when(cmd.endWaakvlam(T_YUSUF_GGZ, '2026-09-29')).then([ev.waakvlamEnded(T_YUSUF_GGZ, '2026-09-29')]);
      });

      it('rejects an end dated the day before the last contact of the period', () => {
        givenHousehold(withContact()).when(cmd.endWaakvlam(T_YUSUF_GGZ, '2026-09-28')).thenRejects('date-out-of-order');
      });

      it('accepts a new period starting on the day the previous one ended', () => {
        givenHousehold(ended()).when(cmd.startWaakvlam(T_YUSUF_GGZ, '2026-10-15', 14)).then([ev.waakvlamStarted(T_YUSUF_GGZ, '2026-10-15', 14)]);
      });

      it('rejects a new period starting the day before the previous one ended', () => {
        givenHousehold(ended()).when(cmd.startWaakvlam(T_YUSUF_GGZ, '2026-10-14', 14)).thenRejects('date-out-of-order');
      });

      it('checks a contact only against the contacts of the running period', () => {
        givenHousehold([...ended(), ev.waakvlamStarted(T_YUSUF_GGZ, '2026-10-20', 14)])
          .when(cmd.recordWaakvlamContact(T_YUSUF_GGZ, '2026-10-20'))
          .then([ev.waakvlamContactRecorded(T_YUSUF_GGZ, '2026-10-20')]);
      });
    });
  });

  describe('EstablishPip (PIP vastgesteld / gewijzigd)', () => {
    it('establishes Rania’s PIP with route B1 on 2026-02-16', () => {
      givenHousehold(haddad.withRaniaInburgering())
        .when(cmd.establishPip(T_RANIA_INBURGERING, '2026-02-16', 'B1'))
        .then([{ type: 'PipEstablished', occurredOn: '2026-02-16', data: { trajectoryId: 'traj-rania-inburgering', route: 'B1' } }]);
    });

    it('shows the vaststellingsdatum that starts the K1 clock', () => {
      const t = trajectory(
        givenHousehold(haddad.withRaniaInburgering()).when(cmd.establishPip(T_RANIA_INBURGERING, '2026-02-16', 'B1')).thenState(),
        T_RANIA_INBURGERING,
      );
      expect(t.pip).toEqual({ establishedOn: '2026-02-16', route: 'B1' });
    });

    it('amends an established PIP to another route', () => {
      givenHousehold(haddad.withRaniaPip())
        .when(cmd.establishPip(T_RANIA_INBURGERING, '2026-03-10', 'Z'))
        .then([{ type: 'PipAmended', occurredOn: '2026-03-10', data: { trajectoryId: 'traj-rania-inburgering', route: 'Z' } }]);
    });

    it('keeps the vaststellingsdatum when the PIP is amended: the clock does not reset (B6)', () => {
      const t = trajectory(
        givenHousehold(haddad.withRaniaPip()).when(cmd.establishPip(T_RANIA_INBURGERING, '2026-03-10', 'Z')).thenState(),
        T_RANIA_INBURGERING,
      );
      expect(t.pip).toEqual({ establishedOn: '2026-02-16', route: 'Z', amendedOn: '2026-03-10' });
    });

    it('keeps the vaststellingsdatum over a second amendment and records the latest one', () => {
      const t = trajectory(
        givenHousehold([...haddad.withRaniaPip(), ev.pipAmended(T_RANIA_INBURGERING, '2026-03-10', 'Z')])
          .when(cmd.establishPip(T_RANIA_INBURGERING, '2026-03-20', 'B1'))
          .thenState(),
        T_RANIA_INBURGERING,
      );
      expect(t.pip).toEqual({ establishedOn: '2026-02-16', route: 'B1', amendedOn: '2026-03-20' });
    });

    it('rejects "amending" the PIP to the route it already has', () => {
      givenHousehold(haddad.withRaniaPip()).when(cmd.establishPip(T_RANIA_INBURGERING, '2026-03-10', 'B1')).thenRejects('pip-unchanged');
    });

    it('rejects a PIP on a trajectory that is not under the Wet inburgering 2021', () => {
      givenHousehold(haddad.withYusufGgz()).when(cmd.establishPip(T_YUSUF_GGZ, '2026-05-01', 'Z')).thenRejects('pip-requires-inburgering');
    });

    it('rejects a PIP before the melding', () => {
      givenHousehold(haddad.withRaniaInburgering()).when(cmd.establishPip(T_RANIA_INBURGERING, '2026-01-13', 'B1')).thenRejects('date-before-melding');
    });

    it('accepts an amendment on the vaststellingsdatum', () => {
      givenHousehold(haddad.withRaniaPip())
        .when(cmd.establishPip(T_RANIA_INBURGERING, '2026-02-16', 'Z'))
        .then([ev.pipAmended(T_RANIA_INBURGERING, '2026-02-16', 'Z')]);
    });

    it('rejects an amendment dated the day before the PIP was established', () => {
      givenHousehold(haddad.withRaniaPip()).when(cmd.establishPip(T_RANIA_INBURGERING, '2026-02-15', 'Z')).thenRejects('date-out-of-order');
    });

    it('accepts an amendment on the day of the previous amendment', () => {
      givenHousehold([...haddad.withRaniaPip(), ev.pipAmended(T_RANIA_INBURGERING, '2026-03-10', 'Z')])
        .when(cmd.establishPip(T_RANIA_INBURGERING, '2026-03-10', 'B1'))
        .then([ev.pipAmended(T_RANIA_INBURGERING, '2026-03-10', 'B1')]);
    });

    it('rejects an amendment dated the day before the previous amendment (though after the PIP)', () => {
      givenHousehold([...haddad.withRaniaPip(), ev.pipAmended(T_RANIA_INBURGERING, '2026-03-10', 'Z')])
        .when(cmd.establishPip(T_RANIA_INBURGERING, '2026-03-09', 'B1'))
        .thenRejects('date-out-of-order');
    });
  });

  describe('StartLearningRoute', () => {
    it('starts Rania’s B1 route on 2026-04-13, with language and participation starting the same day', () => {
      givenHousehold(haddad.withRaniaPip())
        .when(cmd.startLearningRoute(T_RANIA_INBURGERING, '2026-04-13', '2026-04-13'))
        .then([
          {
            type: 'LearningRouteStarted',
            occurredOn: '2026-04-13',
            data: { trajectoryId: 'traj-rania-inburgering', languageStartDate: '2026-04-13', participationStartDate: '2026-04-13' },
          },
        ]);
    });

    it('dates the start on the earlier of the two start dates, not on the day it is entered', () => {
      givenHousehold(haddad.withRaniaPip())
        .when(cmd.startLearningRoute(T_RANIA_INBURGERING, '2026-04-20', '2026-04-13', '2026-05-02'))
        .then([
          {
            type: 'LearningRouteStarted',
            occurredOn: '2026-04-13',
            data: { trajectoryId: 'traj-rania-inburgering', languageStartDate: '2026-04-20', participationStartDate: '2026-04-13' },
          },
        ]);
      givenHousehold(haddad.withRaniaPip())
        .when(cmd.startLearningRoute(T_RANIA_INBURGERING, '2026-04-13', '2026-04-20', '2026-05-02'))
        .then([ev.learningRouteStarted(T_RANIA_INBURGERING, '2026-04-13', '2026-04-20')]);
    });

    it('shows both start dates in the state', () => {
      const t = trajectory(
        givenHousehold(haddad.withRaniaPip()).when(cmd.startLearningRoute(T_RANIA_INBURGERING, '2026-04-20', '2026-04-13')).thenState(),
        T_RANIA_INBURGERING,
      );
      expect(t.learningRoute).toEqual({ startedOn: '2026-04-13', languageStartDate: '2026-04-20', participationStartDate: '2026-04-13' });
      expect(t.pip).toEqual({ establishedOn: '2026-02-16', route: 'B1' });
    });

    it('accepts a start on the day the PIP was established', () => {
      givenHousehold(haddad.withRaniaPip())
        .when(cmd.startLearningRoute(T_RANIA_INBURGERING, '2026-02-16'))
        .then([ev.learningRouteStarted(T_RANIA_INBURGERING, '2026-02-16')]);
    });

    it('rejects a learning route without a PIP', () => {
      givenHousehold(haddad.withRaniaInburgering())
        .when(cmd.startLearningRoute(T_RANIA_INBURGERING, '2026-04-13'))
        .thenRejects('pip-not-established');
    });

    it('rejects a second start of the learning route', () => {
      givenHousehold([...haddad.withRaniaPip(), ev.learningRouteStarted(T_RANIA_INBURGERING, '2026-04-13')])
        .when(cmd.startLearningRoute(T_RANIA_INBURGERING, '2026-05-01'))
        .thenRejects('learning-route-already-started');
    });

    it('rejects a start dated before the PIP', () => {
      givenHousehold(haddad.withRaniaPip()).when(cmd.startLearningRoute(T_RANIA_INBURGERING, '2026-02-15')).thenRejects('date-out-of-order');
    });

    it('rejects a start before the melding', () => {
      givenHousehold(haddad.withRaniaPip()).when(cmd.startLearningRoute(T_RANIA_INBURGERING, '2026-01-13')).thenRejects('date-before-melding');
    });

    it('rejects a start after today, even when entered today', () => {
      givenHousehold(haddad.withRaniaPip())
        .when(cmd.startLearningRoute(T_RANIA_INBURGERING, TOMORROW, TOMORROW, TODAY))
        .thenRejects('date-in-future');
    });

    it('rejects a participation start after today, though the language start (the event date) is today', () => {
      givenHousehold(haddad.withRaniaPip())
        .when(cmd.startLearningRoute(T_RANIA_INBURGERING, TODAY, TOMORROW))
        .thenRejects('date-in-future');
    });

    it('rejects a language start after today, though the participation start (the event date) is past', () => {
      givenHousehold(haddad.withRaniaPip())
        .when(cmd.startLearningRoute(T_RANIA_INBURGERING, TOMORROW, '2026-04-13'))
        .thenRejects('date-in-future');
    });

    it('accepts a later start date of today', () => {
      givenHousehold(haddad.withRaniaPip())
        .when(cmd.startLearningRoute(T_RANIA_INBURGERING, '2026-04-13', TODAY))
        .then([ev.learningRouteStarted(T_RANIA_INBURGERING, '2026-04-13', TODAY)]);
      givenHousehold(haddad.withRaniaPip())
        .when(cmd.startLearningRoute(T_RANIA_INBURGERING, TODAY, '2026-04-13'))
        .then([ev.learningRouteStarted(T_RANIA_INBURGERING, TODAY, '2026-04-13')]);
    });

    it('accepts a route entered on a date after today when both start dates are past (the entry date is ignored)', () => {
      givenHousehold(haddad.withRaniaPip())
        .when(cmd.startLearningRoute(T_RANIA_INBURGERING, '2026-04-13', '2026-04-13', TOMORROW))
        .then([ev.learningRouteStarted(T_RANIA_INBURGERING, '2026-04-13')]);
    });
  });

  describe('CloseTrajectory', () => {
    it('closes Yusuf’s GGZ trajectory as stable', () => {
      givenHousehold(haddad.withYusufExplored())
        .when(cmd.closeTrajectory(T_YUSUF_GGZ, '2026-10-01', 'stable'))
        .then([{ type: 'TrajectoryClosed', occurredOn: '2026-10-01', data: { trajectoryId: 'traj-yusuf-ggz', reason: 'stable' } }]);
    });

    it('shows the trajectory closed with date and reason', () => {
      const t = trajectory(
        givenHousehold(haddad.withYusufExplored()).when(cmd.closeTrajectory(T_YUSUF_GGZ, '2026-10-01', 'stable')).thenState(),
        T_YUSUF_GGZ,
      );
      expect(t.status).toBe('closed');
      expect(t.closedOn).toBe('2026-10-01');
      expect(t.closureReason).toBe('stable');
      expect(t.lastStepOn).toBe('2026-10-01');
    });

    it('accepts a closure on the day of the last step', () => {
      givenHousehold(haddad.withYusufExplored())
        .when(cmd.closeTrajectory(T_YUSUF_GGZ, '2026-05-06', 'goals-reached'))
        .then([ev.trajectoryClosed(T_YUSUF_GGZ, '2026-05-06', 'goals-reached')]);
    });

    it('rejects a closure dated before the last step of the trajectory', () => {
      givenHousehold(haddad.withYusufExplored()).when(cmd.closeTrajectory(T_YUSUF_GGZ, '2026-05-05')).thenRejects('date-out-of-order');
    });

    it('rejects a closure dated before a backdated step entered later', () => {
      // The intake is entered after the gesprek but dated 04-30: the last step stays 05-06.
      givenHousehold([...haddad.withYusufExplored(), ev.intakeHeld(T_YUSUF_GGZ, '2026-04-30')])
        .when(cmd.closeTrajectory(T_YUSUF_GGZ, '2026-05-01'))
        .thenRejects('date-out-of-order');
    });

    it('rejects closing a trajectory twice', () => {
      givenHousehold(closedGgzTrajectory()).when(cmd.closeTrajectory(T_YUSUF_GGZ, '2026-10-02')).thenRejects('trajectory-closed');
    });

    it('rejects a closure while care runs on one of its referrals, and accepts it once the care has ended', () => {
      const inCare = [
        ...haddad.withGgnetReferral(),
        ev.referralAccepted(T_YUSUF_GGZ, R_GGNET, '2026-05-18'),
        ev.careStarted(T_YUSUF_GGZ, R_GGNET, '2026-06-01'),
      ];
      givenHousehold(inCare).when(cmd.closeTrajectory(T_YUSUF_GGZ, '2026-10-01')).thenRejects('trajectory-has-active-support');
      givenHousehold([...inCare, ev.careEnded(T_YUSUF_GGZ, R_GGNET, '2026-09-30')])
        .when(cmd.closeTrajectory(T_YUSUF_GGZ, '2026-10-01'))
        .then([ev.trajectoryClosed(T_YUSUF_GGZ, '2026-10-01')]);
    });

    it('rejects a closure while waakvlam contact runs', () => {
      givenHousehold([...haddad.withYusufExplored(), ev.waakvlamStarted(T_YUSUF_GGZ, '2026-06-01')])
        .when(cmd.closeTrajectory(T_YUSUF_GGZ, '2026-10-01'))
        .thenRejects('trajectory-has-active-support');
    });
  });

  describe('RestrictTrajectory and GrantTrajectoryAccess (safety, debt, GGZ compartments)', () => {
    const restrict = (on = '2026-05-01'): HouseholdCommand => ({
      type: 'RestrictTrajectory',
      occurredOn: on,
      trajectoryId: T_YUSUF_GGZ,
      reason: 'ggz',
      restrictedBy: 'u-ivanka',
    });
    const grant = (consultantId: string, on = '2026-05-02'): HouseholdCommand => ({
      type: 'GrantTrajectoryAccess',
      occurredOn: on,
      trajectoryId: T_YUSUF_GGZ,
      consultantId,
    });
    const restricted = () => [
      ...haddad.withYusufExplored(),
      { type: 'TrajectoryRestricted' as const, occurredOn: '2026-05-01', data: { trajectoryId: T_YUSUF_GGZ, reason: 'ggz' as const, grantedTo: ['u-ivanka'] } },
    ];

    it('restricts a trajectory, keeping access for the one who restricted it', () => {
      givenHousehold(haddad.withYusufExplored())
        .when(restrict())
        .then([{ type: 'TrajectoryRestricted', occurredOn: '2026-05-01', data: { trajectoryId: T_YUSUF_GGZ, reason: 'ggz', grantedTo: ['u-ivanka'] } }]);
    });

    it('lets another consultant in, and shows who may open it in the state', () => {
      const state = givenHousehold(restricted()).when(grant('u-bas')).thenState();
      expect(trajectory(state, T_YUSUF_GGZ).restriction).toEqual({ reason: 'ggz', since: '2026-05-01', grantedTo: ['u-ivanka', 'u-bas'] });
      // Restricting is no step of the support: the closure rule does not move.
      expect(trajectory(state, T_YUSUF_GGZ).lastStepOn).toBe('2026-05-06');
    });

    it('rejects restricting twice, granting on an unrestricted trajectory, and granting twice', () => {
      givenHousehold(restricted()).when(restrict('2026-05-03')).thenRejects('trajectory-already-restricted');
      givenHousehold(haddad.withYusufExplored()).when(grant('u-bas')).thenRejects('trajectory-not-restricted');
      givenHousehold(restricted()).when(grant('u-ivanka')).thenRejects('access-already-granted');
    });

    it('rejects an unknown trajectory and a date before the melding', () => {
      givenHousehold(haddad.withYusufExplored()).when({ ...restrict(), trajectoryId: 't-unknown' } as HouseholdCommand).thenRejects('trajectory-not-found');
      givenHousehold(haddad.withYusufExplored()).when(restrict('2026-04-01')).thenRejects('date-before-melding');
    });
  });

  describe('ReopenTrajectory', () => {
    it('reopens Yusuf’s closed trajectory', () => {
      givenHousehold(closedGgzTrajectory())
        .when(cmd.reopenTrajectory(T_YUSUF_GGZ, '2026-10-15', 'Terugval na verhuizing'))
        .then([{ type: 'TrajectoryReopened', occurredOn: '2026-10-15', data: { trajectoryId: 'traj-yusuf-ggz', reason: 'Terugval na verhuizing' } }]);
    });

    it('shows the trajectory open again, without closure, with the reopening on record', () => {
      const t = trajectory(
        givenHousehold(closedGgzTrajectory()).when(cmd.reopenTrajectory(T_YUSUF_GGZ, '2026-10-15', 'Terugval')).thenState(),
        T_YUSUF_GGZ,
      );
      expect(t.status).toBe('open');
      expect(t.closedOn).toBeUndefined();
      expect(t.closureReason).toBeUndefined();
      expect(t.reopenings).toEqual([{ reopenedOn: '2026-10-15', reason: 'Terugval' }]);
      expect(t.lastStepOn).toBe('2026-10-15');
      expect(t.openedOn).toBe('2026-04-15');
    });

    it('accepts a reopening on the day of the closure', () => {
      givenHousehold(closedGgzTrajectory())
        .when(cmd.reopenTrajectory(T_YUSUF_GGZ, '2026-10-01', 'Te vroeg gesloten'))
        .then([ev.trajectoryReopened(T_YUSUF_GGZ, '2026-10-01', 'Te vroeg gesloten')]);
    });

    it('takes new steps again once reopened, and a second closure may not precede the reopening', () => {
      const reopened = [...closedGgzTrajectory(), ev.trajectoryReopened(T_YUSUF_GGZ, '2026-10-15')];
      givenHousehold(reopened)
        .when(cmd.startWaakvlam(T_YUSUF_GGZ, '2026-10-20', 28))
        .then([ev.waakvlamStarted(T_YUSUF_GGZ, '2026-10-20', 28)]);
      givenHousehold(reopened).when(cmd.closeTrajectory(T_YUSUF_GGZ, '2026-10-14')).thenRejects('date-out-of-order');
    });

    it('rejects reopening a trajectory that is open', () => {
      givenHousehold(haddad.withYusufGgz()).when(cmd.reopenTrajectory(T_YUSUF_GGZ, '2026-10-15')).thenRejects('trajectory-not-closed');
    });

    it('rejects a reopening dated before the closure', () => {
      givenHousehold(closedGgzTrajectory()).when(cmd.reopenTrajectory(T_YUSUF_GGZ, '2026-09-30')).thenRejects('date-out-of-order');
    });

    it('rejects reopening the trajectory of a member who has left the household', () => {
      givenHousehold([...closedGgzTrajectory(), ev.memberLeft(YUSUF.memberId, '2026-10-10')])
        .when(cmd.reopenTrajectory(T_YUSUF_GGZ, '2026-10-15'))
        .thenRejects('member-not-active');
    });

    it('rejects that reopening even when it is dated before the departure: an open trajectory needs an active member', () => {
      givenHousehold([...closedGgzTrajectory(), ev.memberLeft(YUSUF.memberId, '2026-10-10')])
        .when(cmd.reopenTrajectory(T_YUSUF_GGZ, '2026-10-05'))
        .thenRejects('member-not-active');
    });
  });

  describe('rules every step of a trajectory keeps', () => {
    /** One command per trajectory step, dated `on`, on Yusuf's GGZ trajectory (or another id). */
    const steps = (trajectoryId: string, on: string): HouseholdCommand[] => [
      cmd.recordIntake(trajectoryId, on),
      cmd.completeTriage(trajectoryId, on, 'L2'),
      cmd.requestExploratoryConversation(trajectoryId, on),
      cmd.recordExploratoryConversationHeld(trajectoryId, on),
      cmd.makeReferral(trajectoryId, 'ref-nieuw', on),
      cmd.acceptReferral(trajectoryId, R_GGNET, on),
      cmd.declineReferral(trajectoryId, R_GGNET, on),
      cmd.withdrawReferral(trajectoryId, R_GGNET, on),
      cmd.startCare(trajectoryId, R_GGNET, on),
      cmd.endCare(trajectoryId, R_GGNET, on),
      cmd.changeSupportLevel(trajectoryId, on, 'L3'),
      cmd.startWaakvlam(trajectoryId, on),
      cmd.recordWaakvlamContact(trajectoryId, on),
      cmd.endWaakvlam(trajectoryId, on),
      cmd.establishPip(trajectoryId, on, 'B1'),
      cmd.startLearningRoute(trajectoryId, on),
      cmd.closeTrajectory(trajectoryId, on),
    ];
    const named = (commands: HouseholdCommand[]) => commands.map((c) => [c.type, c] as const);

    it.each(named([...steps(UNKNOWN_TRAJECTORY, '2026-09-01'), cmd.reopenTrajectory(UNKNOWN_TRAJECTORY, '2026-09-01')]))(
      '%s on a trajectory the household does not have is trajectory-not-found',
      (_type, command) => {
        givenHousehold(haddad.withGgnetReferral()).when(command).thenRejects('trajectory-not-found');
      },
    );

    it.each(named(steps(T_YUSUF_GGZ, '2026-10-02')))('%s on a closed trajectory is trajectory-closed', (_type, command) => {
      givenHousehold(closedGgzTrajectory()).when(command).thenRejects('trajectory-closed');
    });

    it.each(named([...steps(T_YUSUF_GGZ, '2026-04-14'), cmd.reopenTrajectory(T_YUSUF_GGZ, '2026-04-14')]))(
      '%s dated the day before the melding is date-before-melding',
      (_type, command) => {
        const given = command.type === 'ReopenTrajectory' ? closedGgzTrajectory() : haddad.withGgnetReferral();
        givenHousehold(given).when(command).thenRejects('date-before-melding');
      },
    );

    it.each(named([...steps(T_YUSUF_GGZ, TOMORROW), cmd.reopenTrajectory(T_YUSUF_GGZ, TOMORROW)]))(
      '%s dated tomorrow is date-in-future',
      (_type, command) => {
        const given = command.type === 'ReopenTrajectory' ? closedGgzTrajectory() : haddad.withGgnetReferral();
        givenHousehold(given).when(command).thenRejects('date-in-future');
      },
    );

    it('keeps every other trajectory of the household apart', () => {
      const given = [...haddad.withGgnetReferral(), ev.trajectoryOpened(T_RANIA_INBURGERING, REGISTERED_ON, { memberId: RANIA.memberId })];
      const state = givenHousehold(given).when(cmd.closeTrajectory(T_YUSUF_GGZ, '2026-10-01')).thenState();
      expect(state.trajectories.map((t) => [t.trajectoryId, t.status])).toEqual([
        ['traj-yusuf-ggz', 'closed'],
        ['traj-rania-inburgering', 'open'],
      ]);
      expect(trajectory(state, T_RANIA_INBURGERING).lastStepOn).toBe(REGISTERED_ON);
      expect(state.members.find((m) => m.memberId === YUSUF.memberId)?.status).toBe('active');
    });
  });
});
