import { randomUUID } from 'node:crypto';
import {
  ANY,
  AppendExpectedRevision,
  CurrentRevision,
  EventData,
  jsonEvent,
  NO_STREAM,
  Position,
  RecordedEvent as EsdbRecordedEvent,
  STREAM_EXISTS,
} from '@eventstore/db-client';
import { EventStoreUsageError } from '../errors';
import { ExpectedVersion, NewEvent, RecordedEvent } from '../event-store';

/**
 * Pure conversions between the port's terms and EventStoreDB's. The port counts stream versions from 1 (0 = no
 * events); EventStoreDB counts revisions from 0, so revision = version - 1 throughout.
 */

/** Where the schema version travels: EventStoreDB has no field for it, so it rides along in the event metadata. */
const SCHEMA_VERSION_KEY = 'schemaVersion';

export function toExpectedRevision(expected: ExpectedVersion): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no-stream':
      return NO_STREAM;
    case 'stream-exists':
      return STREAM_EXISTS;
  }
  if (!Number.isInteger(expected) || expected < 0) {
    throw new EventStoreUsageError(`expectedVersion must be a whole number of at least 0, got ${expected}`);
  }
  // Version 0 means "no events yet", which EventStoreDB only knows as "no stream".
  return expected === 0 ? NO_STREAM : BigInt(expected - 1);
}

export function versionOfRevision(revision: bigint): number {
  return Number(revision) + 1;
}

/**
 * The stream's version as a refused append reports it, or undefined when the report does not say.
 * Older servers send the legacy number -1 for "no stream" instead of the marker.
 */
export function actualVersionOf(current: CurrentRevision): number | undefined {
  if (current === NO_STREAM || current === -1n) return 0;
  return current >= 0n ? versionOfRevision(current) : undefined;
}

export function toEventData(event: NewEvent): EventData {
  return jsonEvent({
    id: event.eventId ?? randomUUID(),
    type: event.type,
    data: event.data,
    metadata: { ...event.metadata, [SCHEMA_VERSION_KEY]: event.schemaVersion ?? 1 },
  });
}

/**
 * The port's view of a stored event, or undefined for one this store did not write (binary data, a link, a
 * payload that is not a JSON object), which readers skip.
 */
export function toRecordedEvent(event: EsdbRecordedEvent | undefined): RecordedEvent | undefined {
  if (event === undefined || !event.isJson) return undefined;
  const data = asJsonObject(event.data);
  if (data === undefined) return undefined;
  if (event.position === undefined) {
    // Stream reads carry positions only from server 22.6 on; without them there is no checkpoint to give.
    throw new Error(`EventStoreDB returned event ${event.id} without its position; server 22.6 or later is needed`);
  }
  const { [SCHEMA_VERSION_KEY]: schemaVersion, ...metadata } = asJsonObject(event.metadata) ?? {};
  return {
    eventId: event.id,
    type: event.type,
    schemaVersion: typeof schemaVersion === 'number' ? schemaVersion : 1,
    data,
    metadata,
    streamId: event.streamId,
    streamVersion: versionOfRevision(event.revision),
    globalPosition: event.position.commit,
    recordedAt: event.created,
    checkpoint: encodeCheckpoint(event.position),
  };
}

/** System streams (`$stats-…`, `$$metadata`, projection output) and system event types are not the domain's. */
export function isSystemEvent(event: Pick<EsdbRecordedEvent, 'streamId' | 'type'>): boolean {
  return event.streamId.startsWith('$') || event.type.startsWith('$');
}

export function encodeCheckpoint(position: Position): string {
  return `${position.commit}:${position.prepare}`;
}

const CHECKPOINT_PATTERN = /^(\d{1,20}):(\d{1,20})$/;
const MAX_POSITION = 2n ** 64n - 1n;

export function parseCheckpoint(checkpoint: string): Position {
  const match = CHECKPOINT_PATTERN.exec(checkpoint);
  const position = match && { commit: BigInt(match[1]), prepare: BigInt(match[2]) };
  if (!position || position.commit > MAX_POSITION || position.prepare > MAX_POSITION) {
    throw new EventStoreUsageError(`Not a checkpoint of this event store: "${checkpoint}"`);
  }
  return position;
}

export function samePosition(a: Position, b: Position): boolean {
  return a.commit === b.commit && a.prepare === b.prepare;
}

function asJsonObject(value: unknown): Record<string, unknown> | undefined {
  const isObject = typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
  return isObject ? (value as Record<string, unknown>) : undefined;
}
