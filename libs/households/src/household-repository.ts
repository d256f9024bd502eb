import { randomUUID } from 'node:crypto';
import { EventStore } from '@casusregie/event-store';
import { foldHousehold, HouseholdEvent, HouseholdState, initialHouseholdState } from '@casusregie/domain';
import {
  fromRecordedEvent,
  householdEventOf,
  HouseholdEventMetadata,
  householdStreamId,
  StoredHouseholdEvent,
  toNewEvent,
} from './household-stream';

export interface LoadedHousehold {
  state: HouseholdState;
  /** Stream version: 0 when the household does not exist. Doubles as the ETag. */
  version: number;
}

/**
 * Household state for commands and for GET is folded from the stream on every request rather than served from a
 * projection: a household's stream is short (tens to a few hundred events), folding it takes well under a
 * millisecond, and a consultant must read back exactly what they just wrote to send the right If-Match.
 * Projections serve the questions across households (search, KPIs, worklists).
 */
export class HouseholdRepository {
  constructor(private readonly eventStore: EventStore) {}

  async load(householdId: string): Promise<LoadedHousehold> {
    const { events, currentVersion } = await this.eventStore.readStream(householdStreamId(householdId));
    if (events.length === 0) return { state: initialHouseholdState(), version: 0 };
    return { state: foldHousehold(events.map(householdEventOf)), version: currentVersion };
  }

  async readEvents(householdId: string, fromVersion = 1, maxCount?: number): Promise<StoredHouseholdEvent[]> {
    const { events } = await this.eventStore.readStream(householdStreamId(householdId), { fromVersion, maxCount });
    return events.map(fromRecordedEvent);
  }

  /** Appends the decided events at `expectedVersion`; throws the store's ConcurrencyConflictError when it moved. */
  async append(
    householdId: string,
    events: readonly HouseholdEvent[],
    expectedVersion: number,
    envelope: Omit<HouseholdEventMetadata, 'occurredOn'>,
  ): Promise<StoredHouseholdEvent[]> {
    const result = await this.eventStore.appendToStream(
      householdStreamId(householdId),
      events.map((event) => toNewEvent(event, randomUUID(), envelope)),
      { expectedVersion: expectedVersion === 0 ? 'no-stream' : expectedVersion },
    );
    return result.events.map(fromRecordedEvent);
  }
}
