import { givenHousehold } from '../testing/decider-specification';
import { cmd, ev, haddad, recorded, T_RANIA_INBURGERING, T_YUSUF_GGZ, TODAY, TOMORROW } from '../testing/household-fixtures';
import { HouseholdState } from './household-state';

const suspensionsOf = (state: HouseholdState) => state.trajectories.find((t) => t.trajectoryId === T_YUSUF_GGZ)?.suspensions;

/** Yusuf's Wmo melding of 2026-04-15, with a suspension of 14 days (04-20 to 05-03) recorded as e-s1. */
const suspendedOnce = () =>
  recorded(
    ['e-reg', ev.householdRegistered()],
    ['e-melding', ev.trajectoryOpened(T_YUSUF_GGZ, '2026-04-15')],
    ['e-s1', ev.clockSuspended(T_YUSUF_GGZ, 's-1', '2026-04-20', '2026-05-03')],
  );

describe('decide: SuspendClock (opschorting of a trajectory’s clock)', () => {
  it('records the suspension dated on its first day, with its last day, reason and the norms it names', () => {
    givenHousehold(haddad.withYusufGgz())
      .when(cmd.suspendClock(T_YUSUF_GGZ, 's-1', '2026-04-20', '2026-05-03', { reasonCode: 'awaiting-persoonlijk-plan', normIds: ['wmo-onderzoek-6w'] }))
      .then([
        {
          type: 'ClockSuspended',
          occurredOn: '2026-04-20',
          data: {
            trajectoryId: T_YUSUF_GGZ,
            suspensionId: 's-1',
            from: '2026-04-20',
            to: '2026-05-03',
            reasonCode: 'awaiting-persoonlijk-plan',
            normIds: ['wmo-onderzoek-6w'],
          },
        },
      ]);
  });

  it('leaves normIds out when the suspension is for every norm that allows one', () => {
    givenHousehold(haddad.withYusufGgz())
      .when(cmd.suspendClock(T_YUSUF_GGZ, 's-1', '2026-04-20', '2026-05-03'))
      .then([ev.clockSuspended(T_YUSUF_GGZ, 's-1', '2026-04-20', '2026-05-03')]);
  });

  it('shows the suspensions on the trajectory, in the order recorded', () => {
    const state = givenHousehold(suspendedOnce()).when(cmd.suspendClock(T_YUSUF_GGZ, 's-2', '2026-06-01', '2026-06-07', { reasonCode: 'inwoner-request' })).thenState();
    expect(suspensionsOf(state)).toEqual([
      { suspensionId: 's-1', from: '2026-04-20', to: '2026-05-03', reasonCode: 'awaiting-information-inwoner' },
      { suspensionId: 's-2', from: '2026-06-01', to: '2026-06-07', reasonCode: 'inwoner-request' },
    ]);
  });

  it('has no suspensions on a trajectory that never had one', () => {
    expect(suspensionsOf(givenHousehold(haddad.withYusufGgz()).state)).toBeUndefined();
  });

  it('accepts a one-day suspension, one from the day of the melding, and one whose expected last day is still to come', () => {
    givenHousehold(haddad.withYusufGgz()).when(cmd.suspendClock(T_YUSUF_GGZ, 's-1', '2026-04-15', '2026-04-15')).then([ev.clockSuspended(T_YUSUF_GGZ, 's-1', '2026-04-15', '2026-04-15')]);
    givenHousehold(haddad.withYusufGgz()).when(cmd.suspendClock(T_YUSUF_GGZ, 's-1', TODAY, '2026-12-07')).then([ev.clockSuspended(T_YUSUF_GGZ, 's-1', TODAY, '2026-12-07')]);
  });

  it('accepts a suspension that ends the day before another begins', () => {
    givenHousehold(suspendedOnce())
      .when(cmd.suspendClock(T_YUSUF_GGZ, 's-2', '2026-05-04', '2026-05-10'))
      .then([ev.clockSuspended(T_YUSUF_GGZ, 's-2', '2026-05-04', '2026-05-10')]);
  });

  it('rejects a suspension that ends before it begins', () => {
    const error = givenHousehold(haddad.withYusufGgz()).when(cmd.suspendClock(T_YUSUF_GGZ, 's-1', '2026-05-03', '2026-05-02')).thenRejects('date-out-of-order');
    expect(error.message).toBe('The suspension ends on 2026-05-02, before it begins on 2026-05-03');
  });

  it.each([
    ['begins on the last day of', '2026-05-03', '2026-05-10'],
    ['ends on the first day of', '2026-04-16', '2026-04-20'],
    ['lies within', '2026-04-25', '2026-04-26'],
    ['covers', '2026-04-16', '2026-05-20'],
  ])('rejects a suspension that %s another of the same trajectory', (_what, from, to) => {
    const error = givenHousehold(suspendedOnce()).when(cmd.suspendClock(T_YUSUF_GGZ, 's-2', from, to)).thenRejects('suspension-overlaps');
    expect(error.message).toBe('Suspension s-1 already suspends 2026-04-20 to 2026-05-03');
  });

  it('rejects a suspension id already used in the trajectory', () => {
    givenHousehold(suspendedOnce()).when(cmd.suspendClock(T_YUSUF_GGZ, 's-1', '2026-06-01', '2026-06-07')).thenRejects('suspension-already-exists');
  });

  it('allows the same period on another trajectory: each has its own clock', () => {
    givenHousehold([...suspendedOnce(), ev.trajectoryOpened(T_RANIA_INBURGERING, '2026-04-15')])
      .when(cmd.suspendClock(T_RANIA_INBURGERING, 's-1', '2026-04-20', '2026-05-03'))
      .then([ev.clockSuspended(T_RANIA_INBURGERING, 's-1', '2026-04-20', '2026-05-03')]);
  });

  it('rejects a suspension that begins before the melding', () => {
    givenHousehold(haddad.withYusufGgz()).when(cmd.suspendClock(T_YUSUF_GGZ, 's-1', '2026-04-14', '2026-04-30')).thenRejects('date-before-melding');
  });

  it('rejects a suspension that begins after today', () => {
    givenHousehold(haddad.withYusufGgz()).when(cmd.suspendClock(T_YUSUF_GGZ, 's-1', TOMORROW, '2026-12-07')).thenRejects('date-in-future');
  });

  it('rejects a suspension on an unknown trajectory', () => {
    givenHousehold(haddad.withYusufGgz()).when(cmd.suspendClock('traj-onbekend', 's-1', '2026-04-20', '2026-05-03')).thenRejects('trajectory-not-found');
  });

  it('rejects a suspension on a closed trajectory', () => {
    givenHousehold([...haddad.withYusufGgz(), ev.trajectoryClosed(T_YUSUF_GGZ, '2026-06-01', 'moved-away')])
      .when(cmd.suspendClock(T_YUSUF_GGZ, 's-1', '2026-06-01', '2026-06-07'))
      .thenRejects('trajectory-closed');
  });

  it('rejects a last day the system cannot hold', () => {
    givenHousehold(haddad.withYusufGgz()).when(cmd.suspendClock(T_YUSUF_GGZ, 's-1', '2026-04-20', '3000-01-01')).thenRejects('date-out-of-range');
  });

  describe('corrections', () => {
    it('withdraws a suspension entered in error: the trajectory has none left, and its period is free again', () => {
      const state = givenHousehold(suspendedOnce()).when(cmd.withdrawEvent('e-s1', TODAY, 'Verkeerde inwoner')).thenState();
      expect(suspensionsOf(state)).toBeUndefined();
      expect(state.corrections).toEqual([expect.objectContaining({ kind: 'withdrawn', targetEventId: 'e-s1', targetType: 'ClockSuspended' })]);
      givenHousehold([...suspendedOnce(), ...recorded(['e-w', ev.eventWithdrawn('e-s1', 'ClockSuspended', TODAY)])])
        .when(cmd.suspendClock(T_YUSUF_GGZ, 's-2', '2026-04-20', '2026-05-01'))
        .then([ev.clockSuspended(T_YUSUF_GGZ, 's-2', '2026-04-20', '2026-05-01')]);
    });

    it('refuses a date correction: the dates are its from and to, so it is withdrawn and recorded again', () => {
      const error = givenHousehold(suspendedOnce()).when(cmd.correctEventDate('e-s1', '2026-04-21')).thenRejects('event-not-correctable');
      expect(error.message).toContain('withdraw it and record it again');
    });

    it('refuses to move the melding after the start of a suspension', () => {
      givenHousehold(suspendedOnce()).when(cmd.correctEventDate('e-melding', '2026-04-21')).thenRejects('correction-conflicts-with-history');
    });

    it('refuses to withdraw the melding of a suspended trajectory', () => {
      givenHousehold(suspendedOnce()).when(cmd.withdrawEvent('e-melding')).thenRejects('correction-conflicts-with-history');
    });
  });
});
