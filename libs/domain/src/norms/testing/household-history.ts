import { BusinessDate } from '../../calendar/business-date';
import { decideAndEvolve } from '../../household/decide';
import { HouseholdCommand } from '../../household/household-commands';
import { RecordedHouseholdEvent } from '../../household/household-events';
import { HouseholdState, initialHouseholdState } from '../../household/household-state';

/**
 * Builds a household's history the way the application does: every command goes through `decideAndEvolve`, as in
 * the command handler (so a history that breaks a rule throws). For the norm tests.
 *
 *   const h = householdHistory('2026-11-23');
 *   h.run(cmd.registerHousehold());
 *   const [referral] = h.run(cmd.makeReferral(…));
 *   h.run(cmd.withdrawEvent(referral.eventId));
 *   normItems(norm, h.facts);
 */
export function householdHistory(today: BusinessDate) {
  let state: HouseholdState = initialHouseholdState();
  const stream: RecordedHouseholdEvent[] = [];
  return {
    /**
     * Decides the command (on `today`, or on the day given: the day it is entered) and records its events, with that
     * day as their `recordedOn` (as householdEventOf gives the Dutch date of the recording instant).
     */
    run(command: HouseholdCommand, enteredOn: BusinessDate = today): RecordedHouseholdEvent[] {
      const decision = decideAndEvolve(command, state, { today: enteredOn }, (event, i) => ({
        ...event,
        eventId: `e-${stream.length + i + 1}`,
        recordedOn: enteredOn,
      }));
      stream.push(...decision.events);
      state = decision.state;
      return decision.events;
    },
    /** Several commands in order. */
    runAll(commands: readonly HouseholdCommand[], enteredOn: BusinessDate = today): RecordedHouseholdEvent[] {
      return commands.flatMap((command) => this.run(command, enteredOn));
    },
    /** The facts as they now stand (HouseholdState.effectiveEvents). */
    get facts(): RecordedHouseholdEvent[] {
      return state.effectiveEvents;
    },
    /** Everything recorded, corrections included. */
    get stream(): RecordedHouseholdEvent[] {
      return [...stream];
    },
    get state(): HouseholdState {
      return state;
    },
  };
}
