import { givenHousehold } from '../testing/decider-specification';
import { cmd, ev, HADDAD_MEMBERS, recorded, SAMIRA, T_YUSUF_GGZ, TODAY, YUSUF } from '../testing/household-fixtures';

/**
 * The domain's own guard on calendar/date-range.ts (the API refuses the same dates with a 400 before they get here):
 * a new event whose dates lie outside the ranges is refused with `date-out-of-range`, so that nothing the read models
 * cannot hold is appended by any caller.
 */
describe('decide: dates a calendar can hold', () => {
  const registeredIn2000 = [ev.householdRegistered('2000-01-01'), ev.trajectoryOpened(T_YUSUF_GGZ, '2000-01-01')];

  describe('business dates, from 2000-01-01 unless the context says otherwise', () => {
    it.each(['0000-01-01', '1999-12-31'])('refuses a household registered on %s', (on) => {
      givenHousehold([]).when(cmd.registerHousehold(on)).thenRejects('date-out-of-range');
    });

    it('registers a household on 2000-01-01 itself', () => {
      givenHousehold([]).when(cmd.registerHousehold('2000-01-01')).then([ev.householdRegistered('2000-01-01')]);
    });

    it('refuses a step dated before the range, before any other rule is asked', () => {
      const error = givenHousehold(registeredIn2000).when(cmd.recordIntake(T_YUSUF_GGZ, '1999-12-31')).thenRejects('date-out-of-range');
      expect(error.message).toBe('IntakeHeld: occurredOn 1999-12-31 is not a date from 2000-01-01 to 2999-12-31');
    });

    it('refuses a GGZ waiting-list date and a learning-route start date before the range', () => {
      givenHousehold(registeredIn2000).when(cmd.requestExploratoryConversation(T_YUSUF_GGZ, '2000-02-01', '1999-12-31')).thenRejects('date-out-of-range');
      givenHousehold(registeredIn2000).when(cmd.startLearningRoute(T_YUSUF_GGZ, '2000-03-01', '0000-01-01')).thenRejects('date-out-of-range');
    });

    it('refuses a correction to a date before the range, and a correction dated then', () => {
      const given = recorded(['e-registered', ev.householdRegistered('2000-01-01')], ['e-melding', ev.trajectoryOpened(T_YUSUF_GGZ, '2000-01-05')]);
      givenHousehold(given).when(cmd.correctEventDate('e-melding', '1999-12-31')).thenRejects('date-out-of-range');
      givenHousehold(given).when(cmd.withdrawEvent('e-melding', '1999-12-31')).thenRejects('date-out-of-range');
      givenHousehold(given).when(cmd.correctEventDate('e-melding', '2000-01-01')).thenState();
    });

    it('refuses a date after 2999-12-31 as out of range, whatever today is', () => {
      givenHousehold([], { today: '3000-06-01' }).when(cmd.registerHousehold('3000-01-01')).thenRejects('date-out-of-range');
    });

    it('starts on the first business date the context names', () => {
      const context = { today: TODAY, businessDatesFrom: '2010-01-01' };
      givenHousehold([], context).when(cmd.registerHousehold('2009-12-31')).thenRejects('date-out-of-range');
      givenHousehold([], context).when(cmd.registerHousehold('2010-01-01')).thenState();
      givenHousehold([], { today: TODAY, businessDatesFrom: '1990-01-01' }).when(cmd.registerHousehold('1999-12-31')).thenState();
    });

    it('keeps facts recorded under an earlier first business date: only new events are checked, not the history a correction replays', () => {
      const given = recorded(['e-registered', ev.householdRegistered('1998-01-01')], ['e-melding', ev.trajectoryOpened(T_YUSUF_GGZ, '2026-04-15')]);
      givenHousehold(given).when(cmd.recordIntake(T_YUSUF_GGZ, '2026-04-20')).thenState();
      givenHousehold(given).when(cmd.correctEventDate('e-melding', '2026-04-14')).thenState();
    });
  });

  describe('birth dates, from 1900-01-01', () => {
    const bornOn = (birthDate: string) => ({ ...YUSUF, birthDate });

    it('refuses a member born on 1899-12-31 at registration, without repeating the birth date', () => {
      const error = givenHousehold([]).when(cmd.registerHousehold('2026-01-14', { members: [bornOn('1899-12-31')] })).thenRejects('date-out-of-range');
      expect(error.message).toBe(`HouseholdRegistered: the birth date of member ${YUSUF.memberId} is not a date from 1900-01-01 to 2999-12-31`);
      expect(error.message).not.toContain('1899');
    });

    it('refuses a member born in year 0 who joins later, and takes one born on 1900-01-01', () => {
      const registered = [ev.householdRegistered('2026-01-14', HADDAD_MEMBERS)];
      givenHousehold(registered).when(cmd.addMember({ ...SAMIRA, birthDate: '0000-01-01' }, '2026-02-01')).thenRejects('date-out-of-range');
      givenHousehold(registered).when(cmd.addMember({ ...SAMIRA, birthDate: '1900-01-01' }, '2026-02-01')).thenState();
    });

    it('does not move with the first business date', () => {
      const context = { today: TODAY, businessDatesFrom: '2010-01-01' };
      givenHousehold([], context).when(cmd.registerHousehold('2026-01-14', { members: [bornOn('1900-01-01')] })).thenState();
    });
  });
});
