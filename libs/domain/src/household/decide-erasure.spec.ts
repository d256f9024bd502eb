import { givenHousehold } from '../testing/decider-specification';
import { cmd, ev, GOALS, haddad, RANIA, REGISTERED_ON, SAMIRA, T_YUSUF_GGZ, TOMORROW, YUSUF } from '../testing/household-fixtures';
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

  it('lets the steps of an erased person go on: the facts still count', () => {
    const state = givenHousehold([...haddad.withYusufExplored(), ev.personalDataErased(YUSUF.memberId, '2026-05-10')])
      .when(cmd.makeReferral(T_YUSUF_GGZ, 'r-after', '2026-05-15'))
      .thenState();
    expect(state.trajectories.find((t) => t.trajectoryId === T_YUSUF_GGZ)?.referrals.map((r) => r.referralId)).toEqual(['r-after']);
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
    const state = givenHousehold(events).when(cmd.correctEventDate('e-3', '2026-04-21')).thenState();
    expect(state.members.find((m) => m.memberId === YUSUF.memberId)).toMatchObject({ givenName: ERASED, erasedOn: '2026-06-01' });
    expect(state.registeredOn).toBe(REGISTERED_ON);
  });
});
