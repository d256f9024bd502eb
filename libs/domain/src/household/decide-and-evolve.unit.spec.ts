import { cmd, ev, recorded, R_GGNET, T_YUSUF_GGZ, TODAY } from '../testing/household-fixtures';
import { decide, decideAndEvolve } from './decide';
import { foldHousehold } from './evolve';
import { HouseholdCommand } from './household-commands';
import { RecordedHouseholdEvent } from './household-events';

const history = (): RecordedHouseholdEvent[] =>
  recorded(
    ['e-registered', ev.householdRegistered()],
    ['e-melding', ev.trajectoryOpened(T_YUSUF_GGZ, '2026-04-15')],
    ['e-triage', ev.triageCompleted(T_YUSUF_GGZ, '2026-04-20', 'L1')],
    ['e-ggnet', ev.referralMade(T_YUSUF_GGZ, R_GGNET, '2026-05-15')],
  );

/** The household after a command, as the handler hands it back, must be the household its stream folds to. */
describe('decideAndEvolve', () => {
  const context = { today: TODAY };
  const cases: [string, HouseholdCommand][] = [
    ['a fact', cmd.acceptReferral(T_YUSUF_GGZ, R_GGNET, '2026-05-20')],
    ['a withdrawal', cmd.withdrawEvent('e-triage')],
  ];

  it.each(cases)('gives the events decide gives, and the state their stream folds to (%s)', (_, command) => {
    const before = history();
    const decision = decideAndEvolve(command, foldHousehold(before), context, (event, i) => ({ ...event, eventId: `new-${i}` }));
    expect(decision.events.map(({ eventId: _id, ...event }) => event)).toEqual(decide(command, foldHousehold(before), context));
    expect(decision.events.map((event) => event.eventId)).toEqual(['new-0']);
    expect(decision.state).toEqual(foldHousehold([...before, ...decision.events]));
  });

  it('refuses what decide refuses', () => {
    expect(() => decideAndEvolve(cmd.withdrawEvent('e-unknown'), foldHousehold(history()), context, (event) => ({ ...event, eventId: 'x' }))).toThrow(
      expect.objectContaining({ code: 'event-not-found' }),
    );
  });
});
