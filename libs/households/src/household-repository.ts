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
import {
  CorrectedEventSubject,
  Keyring,
  KeyRow,
  mapPersonalData,
  openPersonalData,
  PersonalDataVault,
  sealedSubjectsOf,
  subjectOfFact,
  subjectsToSeal,
} from './personal-data';

export interface LoadedHousehold {
  state: HouseholdState;
  /** Stream version: 0 when the household does not exist. Doubles as the ETag. */
  version: number;
  /** The data keys the stream was opened with: handed to `append`, so that a command reads them once. */
  keys: Keyring;
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
    const { events, currentVersion, keys: read } = await this.readWithKeys(householdId);
    if (events.length === 0) return { state: initialHouseholdState(), version: 0, keys: new Keyring() };
    const keys = await this.keysOf(householdId, events, read);
    const opened = events.map((event) => openWith(householdId, keys, event));
    return { state: foldHousehold(opened.map(householdEventOf)), version: currentVersion, keys };
  }

  async readEvents(householdId: string, fromVersion = 1, maxCount?: number): Promise<StoredHouseholdEvent[]> {
    const { events } = await this.eventStore.readStream(householdStreamId(householdId), { fromVersion, maxCount });
    const keys = await this.keysOf(householdId, events);
    return events.map((event) => fromRecordedEvent(openWith(householdId, keys, event)));
  }

  /**
   * Appends the decided events at `expectedVersion`; throws the store's ConcurrencyConflictError when it moved.
   * An event is stored under the id it was decided with (see decideAndEvolve), or a new one.
   * `decidedOn`, the household as loaded for the decision: its state lets a correction's reason be sealed under the
   * key of what it corrects, and its keys need not be read again.
   */
  async append(
    householdId: string,
    events: readonly (HouseholdEvent & { eventId?: string })[],
    expectedVersion: number,
    envelope: Omit<HouseholdEventMetadata, 'occurredOn'>,
    decidedOn?: Pick<LoadedHousehold, 'state' | 'keys'>,
  ): Promise<StoredHouseholdEvent[]> {
    const state = decidedOn?.state;
    const correctedEventSubject: CorrectedEventSubject = (eventId) => {
      const fact = state?.effectiveEvents.find((event) => event.eventId === eventId);
      return fact === undefined ? undefined : subjectOfFact(fact);
    };
    const subjects = subjectsToSeal(householdId, events, correctedEventSubject);
    const keyring = await this.personalData.keyringToWrite(householdId, subjects, decidedOn?.keys);
    const sealed = events.map((event) => mapPersonalData(householdId, event, (value, subject, field) => keyring.seal(value, subject, field), correctedEventSubject));
    const result = await this.eventStore.appendToStream(
      householdStreamId(householdId),
      sealed.map((event, i) => toNewEvent(event, events[i].eventId ?? randomUUID(), envelope)),
      { expectedVersion: expectedVersion === 0 ? 'no-stream' : expectedVersion },
    );
    return result.events.map((event) => fromRecordedEvent(openWith(householdId, keyring, event)));
  }

  /**
   * The household's stream, and where the event store and the keys share a database its data keys too: one
   * statement, one round trip, instead of reading the keys after the events (a command's load was two of its four).
   */
  private async readWithKeys(householdId: string): Promise<{ events: RecordedEvent[]; currentVersion: number; keys?: Keyring }> {
    const streamId = householdStreamId(householdId);
    const together = await this.eventStore.readStreamAlongside?.<KeyRow>(streamId, {}, this.personalData.householdKeysQuery(householdId));
    if (together === undefined) return this.eventStore.readStream(streamId);
    return { ...together, keys: this.personalData.keyringOf(together.alongside) };
  }

  /** The keys to open the events with: those `read` holds, and the others fetched. */
  private async keysOf(householdId: string, events: readonly RecordedEvent[], read = new Keyring()): Promise<Keyring> {
    const missing = [...sealedSubjectsOf(householdId, events)].filter((subject) => !read.has(subject));
    return missing.length === 0 ? read : read.with(await this.personalData.keyringToRead(missing));
  }
}

/** A stored event with its personal values opened (erased ones read ERASED). */
export function openWith(householdId: string, keyring: Keyring, event: RecordedEvent): RecordedEvent {
  return openPersonalData(householdId, event, (sealed, field) => keyring.open(sealed, field));
}
