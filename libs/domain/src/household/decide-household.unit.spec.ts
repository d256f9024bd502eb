import { givenHousehold } from '../testing/decider-specification';
import {
  cmd,
  COORDINATOR,
  ev,
  GOALS,
  haddad,
  HADDAD_MEMBERS,
  HOUSEHOLD_ID,
  LINA,
  MUNICIPALITY,
  OMAR,
  OTHER_COORDINATOR,
  RANIA,
  REGISTERED_ON,
  RESIDENCE,
  REVISED_GOALS,
  SAMIRA,
  SECOND_RESIDENCE,
  T_RANIA_INBURGERING,
  T_YUSUF_GGZ,
  TEAM,
  TODAY,
  TOMORROW,
  YUSUF,
} from '../testing/household-fixtures';
import { checkFact } from './check-fact';
import { HouseholdCommand } from './household-commands';

describe('decide: the household itself (gezin, members, casusregisseur, plan)', () => {
  describe('RegisterHousehold', () => {
    it('registers gezin Haddad with its one huishouden and four members', () => {
      givenHousehold([])
        .when(cmd.registerHousehold('2026-01-14'))
        .then([
          {
            type: 'HouseholdRegistered',
            occurredOn: '2026-01-14',
            data: {
              householdId: HOUSEHOLD_ID,
              municipality: 'GM0299',
              team: 'T1',
              residences: [RESIDENCE],
              members: [YUSUF, RANIA, OMAR, LINA],
            },
          },
        ]);
    });

    it('makes every listed member an active member from the registration date', () => {
      const state = givenHousehold([]).when(cmd.registerHousehold('2026-01-14')).thenState();
      expect(state.registered).toBe(true);
      expect(state.householdId).toBe(HOUSEHOLD_ID);
      expect(state.municipality).toBe(MUNICIPALITY);
      expect(state.team).toBe(TEAM);
      expect(state.registeredOn).toBe('2026-01-14');
      expect(state.residences).toEqual([RESIDENCE]);
      expect(state.members).toEqual(HADDAD_MEMBERS.map((m) => ({ ...m, status: 'active', joinedOn: '2026-01-14' })));
      expect(state.trajectories).toEqual([]);
      expect(state.coordinator).toBeUndefined();
      expect(state.plan).toBeUndefined();
    });

    it('lets a co-parented child live in two huishoudens of the gezin', () => {
      const omarInTwoHomes = { ...OMAR, residenceIds: [RESIDENCE.residenceId, SECOND_RESIDENCE.residenceId] };
      const state = givenHousehold([])
        .when(cmd.registerHousehold(REGISTERED_ON, { residences: [RESIDENCE, SECOND_RESIDENCE], members: [YUSUF, omarInTwoHomes] }))
        .thenState();
      expect(state.members.find((m) => m.memberId === OMAR.memberId)?.residenceIds).toEqual(['res-haddad', 'res-grandmother']);
    });

    it('rejects registering a household a second time', () => {
      givenHousehold(haddad.registered()).when(cmd.registerHousehold('2026-01-15')).thenRejects('household-already-registered');
    });

    it('rejects a member listed twice', () => {
      givenHousehold([])
        .when(cmd.registerHousehold(REGISTERED_ON, { members: [YUSUF, RANIA, { ...YUSUF, bsn: undefined }] }))
        .thenRejects('member-already-present');
    });

    it('rejects two members with the same BSN, and does not repeat the BSN in the message', () => {
      const error = givenHousehold([])
        .when(cmd.registerHousehold(REGISTERED_ON, { members: [YUSUF, { ...RANIA, bsn: YUSUF.bsn }] }))
        .thenRejects('duplicate-bsn');
      expect(error.message).not.toContain(YUSUF.bsn);
    });

    it('accepts several members without a known BSN', () => {
      givenHousehold([])
        .when(cmd.registerHousehold(REGISTERED_ON, { members: [{ ...OMAR, bsn: undefined }, { ...LINA, bsn: undefined }] }))
        .then([ev.householdRegistered(REGISTERED_ON, [{ ...OMAR, bsn: undefined }, { ...LINA, bsn: undefined }])]);
    });

    it('rejects a member living in a huishouden the registration does not list', () => {
      givenHousehold([])
        .when(cmd.registerHousehold(REGISTERED_ON, { members: [{ ...OMAR, residenceIds: ['res-haddad', 'res-elsewhere'] }] }))
        .thenRejects('unknown-residence');
    });

    it('rejects a registration dated after today', () => {
      givenHousehold([]).when(cmd.registerHousehold(TOMORROW)).thenRejects('date-in-future');
    });

    it('accepts a registration dated today', () => {
      givenHousehold([]).when(cmd.registerHousehold(TODAY)).then([ev.householdRegistered(TODAY)]);
    });
  });

  describe('AddMember', () => {
    it('adds Yusuf’s mother Samira to the gezin', () => {
      givenHousehold(haddad.registered())
        .when(cmd.addMember(SAMIRA, '2026-09-01'))
        .then([{ type: 'MemberAdded', occurredOn: '2026-09-01', data: { member: SAMIRA } }]);
    });

    it('shows the new member as active from the day she joined', () => {
      const state = givenHousehold(haddad.registered()).when(cmd.addMember(SAMIRA, '2026-09-01')).thenState();
      expect(state.members.map((m) => m.memberId)).toEqual(['m-yusuf', 'm-rania', 'm-omar', 'm-lina', 'm-samira']);
      expect(state.members[4]).toEqual({ ...SAMIRA, status: 'active', joinedOn: '2026-09-01' });
    });

    it('rejects a member id already in the household', () => {
      givenHousehold(haddad.registered())
        .when(cmd.addMember({ ...SAMIRA, memberId: RANIA.memberId }, '2026-09-01'))
        .thenRejects('member-already-present');
    });

    it('rejects a member id of a member who has left (member ids are not reused)', () => {
      givenHousehold([...haddad.registered(), ev.memberLeft(YUSUF.memberId, '2026-08-01')])
        .when(cmd.addMember({ ...SAMIRA, memberId: YUSUF.memberId }, '2026-09-01'))
        .thenRejects('member-already-present');
    });

    it('rejects a BSN an active member already has', () => {
      givenHousehold(haddad.registered())
        .when(cmd.addMember({ ...SAMIRA, bsn: RANIA.bsn }, '2026-09-01'))
        .thenRejects('duplicate-bsn');
    });

    it('accepts the BSN of a member who has left, when that person comes back under a new member id', () => {
      const yusufBack = { ...YUSUF, memberId: 'm-yusuf-2' };
      givenHousehold([...haddad.registered(), ev.memberLeft(YUSUF.memberId, '2026-08-01')])
        .when(cmd.addMember(yusufBack, '2026-10-01'))
        .then([ev.memberAdded(yusufBack, '2026-10-01')]);
    });

    it('rejects a member living in a huishouden the household does not have', () => {
      givenHousehold(haddad.registered())
        .when(cmd.addMember({ ...SAMIRA, residenceIds: [SECOND_RESIDENCE.residenceId] }, '2026-09-01'))
        .thenRejects('unknown-residence');
    });

    it('rejects a member of a household that is not registered', () => {
      givenHousehold([]).when(cmd.addMember(SAMIRA, '2026-09-01')).thenRejects('household-not-found');
    });

    it('rejects a member joining after today', () => {
      givenHousehold(haddad.registered()).when(cmd.addMember(SAMIRA, TOMORROW)).thenRejects('date-in-future');
    });

    it('accepts a member joining on the day the household was registered', () => {
      givenHousehold(haddad.registered()).when(cmd.addMember(SAMIRA, REGISTERED_ON)).then([ev.memberAdded(SAMIRA, REGISTERED_ON)]);
    });

    it('rejects a member joining the day before the household was registered', () => {
      givenHousehold(haddad.registered()).when(cmd.addMember(SAMIRA, '2026-01-13')).thenRejects('date-out-of-order');
    });
  });

  describe('RecordMemberLeft', () => {
    it('records that Omar left the gezin', () => {
      givenHousehold(haddad.registered())
        .when(cmd.recordMemberLeft(OMAR.memberId, '2026-08-31'))
        .then([{ type: 'MemberLeft', occurredOn: '2026-08-31', data: { memberId: 'm-omar' } }]);
    });

    it('keeps the member in the state, as left on that day', () => {
      const state = givenHousehold(haddad.registered()).when(cmd.recordMemberLeft(OMAR.memberId, '2026-08-31')).thenState();
      expect(state.members.find((m) => m.memberId === 'm-omar')).toEqual({
        ...OMAR,
        status: 'left',
        joinedOn: REGISTERED_ON,
        leftOn: '2026-08-31',
      });
      expect(state.members.filter((m) => m.status === 'active').map((m) => m.memberId)).toEqual(['m-yusuf', 'm-rania', 'm-lina']);
    });

    it('lets a member leave whose trajectories are all closed', () => {
      givenHousehold([
        ...haddad.withYusufGgz(),
        ev.trajectoryClosed(T_YUSUF_GGZ, '2026-07-01', 'stable'),
      ])
        .when(cmd.recordMemberLeft(YUSUF.memberId, '2026-08-01'))
        .then([ev.memberLeft(YUSUF.memberId, '2026-08-01')]);
    });

    it('rejects a member who still has an open trajectory', () => {
      givenHousehold(haddad.withYusufGgz()).when(cmd.recordMemberLeft(YUSUF.memberId, '2026-08-01')).thenRejects('member-has-open-trajectories');
    });

    it('rejects a member who already left', () => {
      givenHousehold([...haddad.registered(), ev.memberLeft(OMAR.memberId, '2026-08-31')])
        .when(cmd.recordMemberLeft(OMAR.memberId, '2026-09-30'))
        .thenRejects('member-not-active');
    });

    it('rejects a member who is not in the household', () => {
      givenHousehold(haddad.registered()).when(cmd.recordMemberLeft(SAMIRA.memberId, '2026-08-31')).thenRejects('member-not-found');
    });

    it('rejects leaving a household that is not registered', () => {
      givenHousehold([]).when(cmd.recordMemberLeft(OMAR.memberId, '2026-08-31')).thenRejects('household-not-found');
    });

    it('rejects a departure dated after today', () => {
      givenHousehold(haddad.registered()).when(cmd.recordMemberLeft(OMAR.memberId, TOMORROW)).thenRejects('date-in-future');
    });

    it('accepts a departure on the day the member joined', () => {
      givenHousehold([...haddad.registered(), ev.memberAdded(SAMIRA, '2026-09-01')])
        .when(cmd.recordMemberLeft(SAMIRA.memberId, '2026-09-01'))
        .then([ev.memberLeft(SAMIRA.memberId, '2026-09-01')]);
    });

    it('rejects a departure dated the day before the member joined', () => {
      givenHousehold([...haddad.registered(), ev.memberAdded(SAMIRA, '2026-09-01')])
        .when(cmd.recordMemberLeft(SAMIRA.memberId, '2026-08-31'))
        .thenRejects('date-out-of-order');
    });

    it('rejects a departure of a founding member dated the day before the registration', () => {
      givenHousehold(haddad.registered()).when(cmd.recordMemberLeft(OMAR.memberId, '2026-01-13')).thenRejects('date-out-of-order');
    });
  });

  describe('AssignCoordinator', () => {
    it('makes the inburgeringsconsulent casusregisseur', () => {
      givenHousehold(haddad.registered())
        .when(cmd.assignCoordinator('2026-01-14'))
        .then([{ type: 'CoordinatorAssigned', occurredOn: '2026-01-14', data: { coordinatorId: 'u-ivanka', name: 'Ivanka de Wit' } }]);
    });

    it('hands casusregie over to another consultant, who is casusregisseur from that day', () => {
      const given = [...haddad.registered(), ev.coordinatorAssigned('2026-01-14')];
      givenHousehold(given)
        .when(cmd.assignCoordinator('2026-06-01', OTHER_COORDINATOR))
        .then([ev.coordinatorAssigned('2026-06-01', OTHER_COORDINATOR)]);
      expect(givenHousehold(given).when(cmd.assignCoordinator('2026-06-01', OTHER_COORDINATOR)).thenState().coordinator).toEqual({
        coordinatorId: 'u-bas',
        name: 'Bas Hendriks',
        since: '2026-06-01',
      });
    });

    it('rejects assigning the consultant who already is casusregisseur', () => {
      givenHousehold([...haddad.registered(), ev.coordinatorAssigned('2026-01-14')])
        .when(cmd.assignCoordinator('2026-06-01', COORDINATOR))
        .thenRejects('coordinator-unchanged');
    });

    it('rejects a casusregisseur for a household that is not registered', () => {
      givenHousehold([]).when(cmd.assignCoordinator('2026-01-14')).thenRejects('household-not-found');
    });

    it('rejects an assignment dated after today', () => {
      givenHousehold(haddad.registered()).when(cmd.assignCoordinator(TOMORROW)).thenRejects('date-in-future');
    });

    it('accepts an assignment on the day of the registration', () => {
      givenHousehold(haddad.registered()).when(cmd.assignCoordinator(REGISTERED_ON)).then([ev.coordinatorAssigned(REGISTERED_ON)]);
    });

    it('rejects an assignment dated the day before the registration', () => {
      givenHousehold(haddad.registered()).when(cmd.assignCoordinator('2026-01-13')).thenRejects('date-out-of-order');
    });

    it('accepts a handover on the day the current casusregisseur was assigned', () => {
      givenHousehold([...haddad.registered(), ev.coordinatorAssigned('2026-06-01')])
        .when(cmd.assignCoordinator('2026-06-01', OTHER_COORDINATOR))
        .then([ev.coordinatorAssigned('2026-06-01', OTHER_COORDINATOR)]);
    });

    it('rejects a handover dated the day before the current casusregisseur was assigned', () => {
      givenHousehold([...haddad.registered(), ev.coordinatorAssigned('2026-06-01')])
        .when(cmd.assignCoordinator('2026-05-31', OTHER_COORDINATOR))
        .thenRejects('date-out-of-order');
    });
  });

  describe('SetPlan (één gezin, één plan)', () => {
    it('agrees the plan as version 1 the first time', () => {
      givenHousehold(haddad.registered())
        .when(cmd.setPlan('2026-02-20', GOALS))
        .then([{ type: 'PlanAgreed', occurredOn: '2026-02-20', data: { planVersion: 1, goals: GOALS } }]);
    });

    it('revises the agreed plan as version 2, with the whole new list of goals', () => {
      givenHousehold([...haddad.registered(), ev.planAgreed('2026-02-20')])
        .when(cmd.setPlan('2026-06-01', REVISED_GOALS))
        .then([{ type: 'PlanRevised', occurredOn: '2026-06-01', data: { planVersion: 2, goals: REVISED_GOALS } }]);
    });

    it('rejects a plan agreed before the household was registered, and accepts one on the registration day', () => {
      givenHousehold(haddad.registered()).when(cmd.setPlan('2026-01-13', GOALS)).thenRejects('date-out-of-order');
      givenHousehold(haddad.registered()).when(cmd.setPlan('2026-01-14', GOALS)).then([ev.planAgreed('2026-01-14', GOALS)]);
    });

    it('numbers a further revision version 3', () => {
      givenHousehold([...haddad.registered(), ev.planAgreed('2026-02-20'), ev.planRevised(2, '2026-06-01')])
        .when(cmd.setPlan('2026-09-01', GOALS))
        .then([ev.planRevised(3, '2026-09-01', GOALS)]);
    });

    it('keeps the agreement date and records the revision date and goals in the state', () => {
      const state = givenHousehold([...haddad.registered(), ev.planAgreed('2026-02-20')])
        .when(cmd.setPlan('2026-06-01', REVISED_GOALS))
        .thenState();
      expect(state.plan).toEqual({ version: 2, agreedOn: '2026-02-20', revisedOn: '2026-06-01', goals: REVISED_GOALS });
    });

    it('accepts a plan without goals', () => {
      givenHousehold(haddad.registered()).when(cmd.setPlan('2026-02-20', [])).then([ev.planAgreed('2026-02-20', [])]);
    });

    it('rejects a goal for someone who is not a member of the gezin', () => {
      givenHousehold(haddad.registered())
        .when(cmd.setPlan('2026-02-20', [...GOALS, { memberId: SAMIRA.memberId, lifeDomain: 'sociaal-netwerk', description: 'Contact met buren' }]))
        .thenRejects('plan-goal-unknown-member');
    });

    it('rejects a goal for a member who has left', () => {
      givenHousehold([...haddad.registered(), ev.memberLeft(OMAR.memberId, '2026-02-01')])
        .when(cmd.setPlan('2026-02-20', [{ memberId: OMAR.memberId, lifeDomain: 'onderwijs', description: 'Naar school' }]))
        .thenRejects('member-not-active');
    });

    it('rejects a plan for a household that is not registered', () => {
      givenHousehold([]).when(cmd.setPlan('2026-02-20')).thenRejects('household-not-found');
    });

    it('rejects a plan dated after today', () => {
      givenHousehold(haddad.registered()).when(cmd.setPlan(TOMORROW)).thenRejects('date-in-future');
    });

    it('accepts a revision on the day the plan was agreed', () => {
      givenHousehold([...haddad.registered(), ev.planAgreed('2026-02-20')])
        .when(cmd.setPlan('2026-02-20', REVISED_GOALS))
        .then([ev.planRevised(2, '2026-02-20')]);
    });

    it('rejects a revision dated the day before the plan was agreed', () => {
      givenHousehold([...haddad.registered(), ev.planAgreed('2026-02-20')])
        .when(cmd.setPlan('2026-02-19', REVISED_GOALS))
        .thenRejects('date-out-of-order');
    });

    it('accepts a further revision on the day of the previous revision', () => {
      givenHousehold([...haddad.registered(), ev.planAgreed('2026-02-20'), ev.planRevised(2, '2026-06-01')])
        .when(cmd.setPlan('2026-06-01', GOALS))
        .then([ev.planRevised(3, '2026-06-01', GOALS)]);
    });

    it('rejects a further revision dated the day before the previous revision (though after the agreement)', () => {
      givenHousehold([...haddad.registered(), ev.planAgreed('2026-02-20'), ev.planRevised(2, '2026-06-01')])
        .when(cmd.setPlan('2026-05-31', GOALS))
        .thenRejects('date-out-of-order');
    });

    it('refuses a revision as a fact when no plan was agreed (SetPlan agrees it first; this guards corrections)', () => {
      const { state } = givenHousehold(haddad.registered());
      expect(() => checkFact(state, ev.planRevised(2, '2026-06-01'), TODAY)).toThrow(
        expect.objectContaining({ name: 'DomainError', code: 'plan-not-agreed' }),
      );
    });
  });

  describe('every command but the registration needs a registered household', () => {
    const commands: HouseholdCommand[] = [
      cmd.addMember(SAMIRA, '2026-09-01'),
      cmd.recordMemberLeft(OMAR.memberId, '2026-09-01'),
      cmd.assignCoordinator('2026-09-01'),
      cmd.setPlan('2026-09-01'),
      cmd.openTrajectory(T_RANIA_INBURGERING, '2026-09-01'),
      cmd.recordIntake(T_RANIA_INBURGERING, '2026-09-01'),
      cmd.completeTriage(T_RANIA_INBURGERING, '2026-09-01', 'L2'),
      cmd.requestExploratoryConversation(T_YUSUF_GGZ, '2026-09-01'),
      cmd.recordExploratoryConversationHeld(T_YUSUF_GGZ, '2026-09-01'),
      cmd.makeReferral(T_YUSUF_GGZ, 'ref-ggnet', '2026-09-01'),
      cmd.acceptReferral(T_YUSUF_GGZ, 'ref-ggnet', '2026-09-01'),
      cmd.declineReferral(T_YUSUF_GGZ, 'ref-ggnet', '2026-09-01'),
      cmd.withdrawReferral(T_YUSUF_GGZ, 'ref-ggnet', '2026-09-01'),
      cmd.startCare(T_YUSUF_GGZ, 'ref-ggnet', '2026-09-01'),
      cmd.endCare(T_YUSUF_GGZ, 'ref-ggnet', '2026-09-01'),
      cmd.changeSupportLevel(T_YUSUF_GGZ, '2026-09-01', 'L3'),
      cmd.startWaakvlam(T_YUSUF_GGZ, '2026-09-01'),
      cmd.recordWaakvlamContact(T_YUSUF_GGZ, '2026-09-01'),
      cmd.endWaakvlam(T_YUSUF_GGZ, '2026-09-01'),
      cmd.establishPip(T_RANIA_INBURGERING, '2026-09-01', 'B1'),
      cmd.startLearningRoute(T_RANIA_INBURGERING, '2026-09-01'),
      cmd.closeTrajectory(T_YUSUF_GGZ, '2026-09-01'),
      cmd.reopenTrajectory(T_YUSUF_GGZ, '2026-09-01'),
      cmd.correctEventDate('given-1', '2026-09-01'),
      cmd.withdrawEvent('given-1'),
    ];

    it('covers every command type but RegisterHousehold', () => {
      expect(new Set(commands.map((c) => c.type)).size).toBe(25);
    });

    it.each(commands.map((command) => [command.type, command] as const))('%s on an unregistered household is household-not-found', (_type, command) => {
      givenHousehold([]).when(command).thenRejects('household-not-found');
    });
  });
});
