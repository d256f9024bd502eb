import { randomUUID } from 'node:crypto';
import { EventStore, RecordedEvent } from '@casusregie/event-store';
import { foldHousehold, HouseholdEvent, HouseholdState, initialHouseholdState } from '@casusregie/domain';
import {
  fromRecordedEvent,
  householdEventOf,
  HouseholdEventMetadata,
  householdStreamId,
  StoredHouseholdEvent,
  toNewEvent,
} from './household-stream';
import { Keyring, mapPersonalData, mapSealedValues, PersonalDataVault, sealedSubjectsIn, subjectsToSeal } from './personal-data';

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
 *
 * Personal values are sealed per person on the way in and opened on the way out (see PersonalDataVault), so
 * everything above this class works with plain values, and an erased person's values read ERASED.
 */
export class HouseholdRepository {
  constructor(
    private readonly eventStore: EventStore,
    private readonly personalData: PersonalDataVault,
  ) {}

  async load(householdId: string): Promise<LoadedHousehold> {
    const { events, currentVersion } = await this.eventStore.readStream(householdStreamId(householdId));
    if (events.length === 0) return { state: initialHouseholdState(), version: 0 };
    const opened = await this.open(events);
    return { state: foldHousehold(opened.map(householdEventOf)), version: currentVersion };
  }

  async readEvents(householdId: string, fromVersion = 1, maxCount?: number): Promise<StoredHouseholdEvent[]> {
    const { events } = await this.eventStore.readStream(householdStreamId(householdId), { fromVersion, maxCount });
    return (await this.open(events)).map(fromRecordedEvent);
  }

  /** Appends the decided events at `expectedVersion`; throws the store's ConcurrencyConflictError when it moved. */
  async append(
    householdId: string,
    events: readonly HouseholdEvent[],
    expectedVersion: number,
    envelope: Omit<HouseholdEventMetadata, 'occurredOn'>,
  ): Promise<StoredHouseholdEvent[]> {
    const keyring = await this.personalData.keyringToWrite(householdId, subjectsToSeal(householdId, events));
    const sealed = events.map((event) => mapPersonalData(householdId, event, (value, subject) => keyring.seal(value, subject)));
    const result = await this.eventStore.appendToStream(
      householdStreamId(householdId),
      sealed.map((event) => toNewEvent(event, randomUUID(), envelope)),
      { expectedVersion: expectedVersion === 0 ? 'no-stream' : expectedVersion },
    );
    // Read back as a load would: an erased subject's values already read ERASED.
    return result.events.map((event) => fromRecordedEvent(openWith(keyring, event)));
  }

  private async open(events: readonly RecordedEvent[]): Promise<RecordedEvent[]> {
    const subjects = new Set<string>();
    for (const event of events) sealedSubjectsIn(event.data, subjects);
    if (subjects.size === 0) return [...events];
    const keyring = await this.personalData.keyringToRead(subjects);
    return events.map((event) => openWith(keyring, event));
  }
}

export function openWith(keyring: Keyring, event: RecordedEvent): RecordedEvent {
  return { ...event, data: mapSealedValues(event.data, (sealed) => keyring.open(sealed)) as Record<string, unknown> };
}
