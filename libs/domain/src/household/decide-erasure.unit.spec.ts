import { givenHousehold } from '../testing/decider-specification';
import {
  cmd,
  ev,
  GOALS,
  haddad,
  OTHER_COORDINATOR,
  R_GGNET,
  RANIA,
  recorded,
  REGISTERED_ON,
  SAMIRA,
  T_RANIA_INBURGERING,
  T_YUSUF_GGZ,
  TODAY,
  TOMORROW,
  YUSUF,
} from '../testing/household-fixtures';
import { HouseholdEvent } from './household-events';
import { ERASED } from './household-state';

describe('decide: erasure of a person (ErasePersonalData)', () => {
  it("records the erasure of Yusuf's data", () => {
    givenHousehold(haddad.withYusufGgz())
      .when(cmd.erasePersonalData(YUSUF.memberId, '2026-11-23'))
      .then([ev.personalDataErased(YUSUF.memberId, '2026-11-23')]);
  });

  it("leaves Yusuf's steps and dates, and puts ERASED where his name, birth date, question and goals were", () => {
    const state = givenHousehold([...haddad.withYusufGgz(), ev.planAgreed('2026-02-01')])
      .when(cmd.erasePersonalData(YUSUF.memberId, '2026-11-23'))
      .thenState();
    const yusuf = state.members.find((m) => m.memberId === YUSUF.memberId);
    expect(yusuf).toMatchObject({ givenName: ERASED, familyName: ERASED, birthDate: ERASED, erasedOn: '2026-11-23', status: 'active' });
    expect(yusuf).not.toHaveProperty('bsn');
    const trajectory = state.trajectories.find((t) => t.trajectoryId === T_YUSUF_GGZ);
    expect(trajectory).toMatchObject({ question: ERASED, openedOn: '2026-04-15', triage: { completedOn: '2026-04-20', level: 'L1' } });
    expect(state.plan?.goals.map((g) => [g.memberId, g.description])).toEqual(
      GOALS.map((g) => [g.memberId, g.memberId === YUSUF.memberId ? ERASED : g.description]),
    );
    // Rania keeps her data.
    expect(state.members.find((m) => m.memberId === RANIA.memberId)).toMatchObject({ givenName: RANIA.givenName, bsn: RANIA.bsn });
  });

  it('rejects erasing a person twice', () => {
    givenHousehold([...haddad.registered(), ev.personalDataErased(YUSUF.memberId, '2026-11-01')])
      .when(cmd.erasePersonalData(YUSUF.memberId))
      .thenRejects('personal-data-already-erased');
  });

  it('rejects a member who is not in the household', () => {
    givenHousehold(haddad.registered()).when(cmd.erasePersonalData(SAMIRA.memberId)).thenRejects('member-not-found');
  });

  it('rejects an erasure dated after today', () => {
    givenHousehold(haddad.registered()).when(cmd.erasePersonalData(YUSUF.memberId, TOMORROW)).thenRejects('date-in-future');
  });

  it('refuses a new melding about an erased person', () => {
    givenHousehold([...haddad.registered(), ev.personalDataErased(YUSUF.memberId, '2026-11-01')])
      .when(cmd.openTrajectory('t-new', '2026-11-02', { memberId: YUSUF.memberId }))
      .thenRejects('member-erased');
  });

  it('refuses a plan goal for an erased person', () => {
    givenHousehold([...haddad.registered(), ev.personalDataErased(YUSUF.memberId, '2026-11-01')])
      .when(cmd.setPlan('2026-11-02'))
      .thenRejects('member-erased');
  });

  describe('nothing new about an erased person', () => {
    const erasedWithReferral = () => [...haddad.withGgnetReferral(), ev.personalDataErased(YUSUF.memberId, '2026-05-16')];
    const inCareThenErased = () => [
      ...haddad.withGgnetReferral(),
      ev.referralAccepted(T_YUSUF_GGZ, R_GGNET, '2026-05-18'),
      ev.careStarted(T_YUSUF_GGZ, R_GGNET, '2026-05-25'),
      ev.personalDataErased(YUSUF.memberId, '2026-06-01'),
    ];

    it.each([
      ['a new referral on his open trajectory', cmd.makeReferral(T_YUSUF_GGZ, 'r-after', '2026-05-20')],
      ["the provider's acceptance of his referral", cmd.acceptReferral(T_YUSUF_GGZ, R_GGNET, '2026-05-20')],
      ["the provider's decline of his referral", cmd.declineReferral(T_YUSUF_GGZ, R_GGNET, '2026-05-20')],
      ['a withdrawal of his referral', cmd.withdrawReferral(T_YUSUF_GGZ, R_GGNET, '2026-05-20')],
      ['a change of his support level', cmd.changeSupportLevel(T_YUSUF_GGZ, '2026-05-20', 'L2')],
      ['waakvlam contact', cmd.startWaakvlam(T_YUSUF_GGZ, '2026-05-20')],
      ['the closure of his trajectory', cmd.closeTrajectory(T_YUSUF_GGZ, '2026-05-20')],
      ['a restriction of his trajectory', { type: 'RestrictTrajectory', occurredOn: '2026-05-20', trajectoryId: T_YUSUF_GGZ, reason: 'ggz', restrictedBy: 'u-ivanka' } as const],
      ['his departure from the household', cmd.recordMemberLeft(YUSUF.memberId, '2026-05-20')],
      ['a plan goal for him', cmd.setPlan('2026-05-20')],
    ])('refuses %s (member-erased)', (_what, command) => {
      givenHousehold(erasedWithReferral()).when(command).thenRejects('member-erased');
    });

    it("refuses the provider's start and end of care on his referral", () => {
      givenHousehold([...erasedWithReferral().slice(0, -1), ev.referralAccepted(T_YUSUF_GGZ, R_GGNET, '2026-05-18'), ev.personalDataErased(YUSUF.memberId, '2026-05-19')])
        .when(cmd.startCare(T_YUSUF_GGZ, R_GGNET, '2026-05-25'))
        .thenRejects('member-erased');
      // Care that ran at the erasure stays running: a care end is a fact about him too.
      givenHousehold(inCareThenErased()).when(cmd.endCare(T_YUSUF_GGZ, R_GGNET, '2026-06-10')).thenRejects('member-erased');
    });

    it('refuses a correction or withdrawal of a fact about him', () => {
      const events = recorded(
        ...erasedWithReferral().map((event, i): [string, HouseholdEvent] => [`e-${i}`, event]),
      );
      const referral = events.find((e) => e.type === 'ReferralMade')!.eventId;
      givenHousehold(events).when(cmd.withdrawEvent(referral)).thenRejects('member-erased');
      givenHousehold(events).when(cmd.correctEventDate(referral, '2026-05-14')).thenRejects('member-erased');
    });

    it('lets the household go on: steps of others, a plan without him, another casusregisseur', () => {
      const plan = GOALS.filter((g) => g.memberId !== YUSUF.memberId);
      const state = givenHousehold([...haddad.withRaniaInburgering(), ...erasedWithReferral().slice(2)])
        .when(cmd.setPlan('2026-05-20', plan))
        .thenState();
      expect(state.plan?.goals).toEqual(plan);
      givenHousehold([...haddad.withRaniaInburgering(), ...erasedWithReferral().slice(2)])
        .when(cmd.establishPip(T_RANIA_INBURGERING, '2026-05-20', 'B1'))
        .then([ev.pipEstablished(T_RANIA_INBURGERING, '2026-05-20', 'B1')]);
      givenHousehold(erasedWithReferral())
        .when(cmd.assignCoordinator('2026-05-20', OTHER_COORDINATOR))
        .then([ev.coordinatorAssigned('2026-05-20', OTHER_COORDINATOR)]);
    });

    it('still corrects the history around a step recorded after an erasure before this rule (a replay does not apply it)', () => {
      const events = recorded(
        ...[...erasedWithReferral(), ev.referralAccepted(T_YUSUF_GGZ, R_GGNET, '2026-05-20'), ev.coordinatorAssigned('2026-05-21', OTHER_COORDINATOR)].map(
          (event, i): [string, HouseholdEvent] => [`e-${i}`, event],
        ),
      );
      const handover = events.at(-1)!.eventId;
      givenHousehold(events).when(cmd.correctEventDate(handover, '2026-05-22')).then([
        ev.eventCorrected(handover, 'CoordinatorAssigned', '2026-05-22', TODAY),
      ]);
    });
  });

  it('cannot be withdrawn: a destroyed key does not come back', () => {
    const erased = { ...ev.personalDataErased(YUSUF.memberId, '2026-11-01'), eventId: 'e-erased' };
    givenHousehold([...haddad.registered().map((e, i) => ({ ...e, eventId: `e-${i}` })), erased])
      .when(cmd.withdrawEvent('e-erased'))
      .thenRejects('event-not-correctable');
  });

  it('keeps the erasure when a later correction refolds the history', () => {
    const events = [
      ...haddad.withYusufGgz().map((e, i) => ({ ...e, eventId: `e-${i}` })),
      { ...ev.personalDataErased(YUSUF.memberId, '2026-06-01'), eventId: 'e-erased' },
    ];
    // e-1: the casusregisseur's assignment, a fact about the household rather than about Yusuf.
    const state = givenHousehold(events).when(cmd.correctEventDate('e-1', '2026-01-20')).thenState();
    expect(state.members.find((m) => m.memberId === YUSUF.memberId)).toMatchObject({ givenName: ERASED, erasedOn: '2026-06-01' });
    expect(state.registeredOn).toBe(REGISTERED_ON);
  });
});
