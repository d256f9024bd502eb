import { NewEvent, RecordedEvent } from '@casusregie/event-store';
import { businessDateOf, HOUSEHOLD_EVENT_SCHEMA_VERSION, HouseholdEvent, RecordedHouseholdEvent } from '@casusregie/domain';

/** Every household lives in one stream; the prefix is the category EventStoreDB groups them by. */
export const HOUSEHOLD_STREAM_PREFIX = 'household-';

export function householdStreamId(householdId: string): string {
  return `${HOUSEHOLD_STREAM_PREFIX}${householdId}`;
}

export function householdIdOf(streamId: string): string | undefined {
  return streamId.startsWith(HOUSEHOLD_STREAM_PREFIX) ? streamId.slice(HOUSEHOLD_STREAM_PREFIX.length) : undefined;
}

/** Who did something, as the envelope records it (SPEC §2): a user or a provider, never a name. */
export interface Actor {
  /** The token's `sub`: an opaque id at the identity provider. */
  id: string;
  role: string;
  organisation?: string;
}

/** The envelope fields a household event carries besides its payload (SPEC §2 "Envelope on every event"). */
export interface HouseholdEventMetadata {
  occurredOn: string;
  actor: Actor;
  municipality: string;
  correlationId: string;
  causationId?: string;
}

/** What the store adds to a household event. */
export interface StoredEnvelope {
  streamVersion: number;
  globalPosition: bigint;
  recordedAt: Date;
  schemaVersion: number;
  metadata: HouseholdEventMetadata;
  checkpoint: string;
}

/** A household event as read back from the store: the domain event plus its envelope. */
export type StoredHouseholdEvent = RecordedHouseholdEvent & StoredEnvelope;

export function toNewEvent(
  event: HouseholdEvent,
  eventId: string,
  envelope: Omit<HouseholdEventMetadata, 'occurredOn'>,
): NewEvent {
  const metadata: HouseholdEventMetadata = { ...envelope, occurredOn: event.occurredOn };
  return {
    eventId,
    type: event.type,
    schemaVersion: HOUSEHOLD_EVENT_SCHEMA_VERSION,
    data: event.data as unknown as Record<string, unknown>,
    metadata: metadata as unknown as Record<string, unknown>,
  };
}

/**
 * Reads a stored event back as a household event. Every stored shape is version 1 so far; when a payload changes
 * shape, the upcaster from the old version goes here, and stored events are never rewritten.
 */
export function fromRecordedEvent(event: RecordedEvent): StoredHouseholdEvent {
  if (event.schemaVersion > HOUSEHOLD_EVENT_SCHEMA_VERSION) {
    throw new Error(`Event ${event.eventId} has schema version ${event.schemaVersion}, newer than this code knows`);
  }
  const metadata = event.metadata as unknown as HouseholdEventMetadata;
  return {
    eventId: event.eventId,
    type: event.type,
    occurredOn: metadata.occurredOn,
    data: event.data,
    streamVersion: event.streamVersion,
    globalPosition: event.globalPosition,
    recordedAt: event.recordedAt,
    schemaVersion: event.schemaVersion,
    metadata,
    checkpoint: event.checkpoint,
  } as StoredHouseholdEvent;
}

/**
 * Just the domain event of a recorded one: what `evolve` folds, and what a household state keeps of it. `recordedOn`
 * is the Dutch calendar date of the recording instant (a norm may stop its clock on the day a fact was reported).
 */
export function householdEventOf(event: RecordedEvent): RecordedHouseholdEvent {
  const metadata = event.metadata as unknown as HouseholdEventMetadata;
  return {
    eventId: event.eventId,
    type: event.type,
    occurredOn: metadata.occurredOn,
    recordedOn: businessDateOf(event.recordedAt),
    data: event.data,
  } as RecordedHouseholdEvent;
}
