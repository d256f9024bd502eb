import { DecisionContext, HouseholdCommand } from '../household/household-commands';
import { DomainError, DomainErrorCode } from '../household/domain-error';
import { HouseholdEvent, RecordedHouseholdEvent } from '../household/household-events';
import { decide } from '../household/decide';
import { foldHousehold } from '../household/evolve';
import { HouseholdState } from '../household/household-state';

/**
 * Given/when/then for the household decider (after Emmett's DeciderSpecification):
 *
 *   givenHousehold(registered).when(openTrajectory).then([trajectoryOpened])
 *   givenHousehold(registered).when(intake).thenRejects('trajectory-not-found')
 *
 * `given` takes events as recorded (with ids, so corrections can name them); ids are made up when absent.
 */
export function givenHousehold(events: readonly (HouseholdEvent | RecordedHouseholdEvent)[], context: DecisionContext = { today: '2026-11-23' }) {
  const recorded = events.map((event, i) => ('eventId' in event ? event : { ...event, eventId: `given-${i + 1}` }));
  const state = foldHousehold(recorded);
  return {
    state,
    when(command: HouseholdCommand) {
      const run = () => decide(command, state, context);
      return {
        then(expected: HouseholdEvent[]): HouseholdEvent[] {
          const events = run();
          expect(events).toEqual(expected);
          return events;
        },
        thenRejects(code: DomainErrorCode): DomainError {
          let thrown: unknown;
          try {
            run();
          } catch (error) {
            thrown = error;
          }
          expect(thrown).toBeInstanceOf(DomainError);
          expect((thrown as DomainError).code).toBe(code);
          return thrown as DomainError;
        },
        /** The state after the decided events, for assertions on what the household now looks like. */
        thenState(): HouseholdState {
          const events = run();
          return foldHousehold([...recorded, ...events.map((event, i) => ({ ...event, eventId: `new-${i + 1}` }))]);
        },
      };
    },
  };
}
