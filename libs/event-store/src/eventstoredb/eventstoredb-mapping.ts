import { randomUUID } from 'node:crypto';
import {
  AccessDeniedError,
  ANY,
  AppendExpectedRevision,
  CancelledError,
  CurrentRevision,
  DeadlineExceededError,
  EventData,
  InvalidArgumentError,
  jsonEvent,
  MaxAppendSizeExceededError,
  NO_STREAM,
  NotLeaderError,
  Position,
  RecordedEvent as EsdbRecordedEvent,
  STREAM_EXISTS,
  StreamDeletedError as EsdbStreamDeletedError,
  TimeoutError,
  UnavailableError,
} from '@eventstore/db-client';
import { formatCheckpoint, parseCheckpoint } from '../checkpoint';
import {
  AppendTooLargeError,
  EventStoreAccessDeniedError,
  EventStoreUnavailableError,
  EventStoreUsageError,
  StreamDeletedError,
} from '../errors';
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
 * The stream's version as a refused append reports it; undefined for "no stream", which the client also says when
 * the server's answer held no revision (older servers send it in a field v6 does not read), so it must be checked.
 */
export function reportedVersionOf(current: CurrentRevision): number | undefined {
  return typeof current === 'bigint' && current >= 0n ? versionOfRevision(current) : undefined;
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
 * payload that is not a JSON object), which readers skip. Throws NoPositionError for one of ours without a position.
 */
export function toRecordedEvent(event: EsdbRecordedEvent | undefined): RecordedEvent | undefined {
  if (event === undefined || !event.isJson) return undefined;
  const data = asJsonObject(event.data);
  if (data === undefined) return undefined;
  const position = positionOf(event);
  if (position === undefined) throw new NoPositionError(event.streamId);
  const { [SCHEMA_VERSION_KEY]: schemaVersion, ...metadata } = asJsonObject(event.metadata) ?? {};
  return {
    eventId: event.id,
    type: event.type,
    schemaVersion: typeof schemaVersion === 'number' ? schemaVersion : 1,
    data,
    metadata,
    streamId: event.streamId,
    streamVersion: versionOfRevision(event.revision),
    globalPosition: position.commit,
    recordedAt: event.created,
    checkpoint: encodeCheckpoint(position),
  };
}

/**
 * An event read without a usable position: servers before 22.6 send none on stream reads, the v6 client turns an
 * absent one into 0:0, and a node sends 2^64-1 for an event it has not committed itself (a follower behind).
 */
export class NoPositionError extends EventStoreUnavailableError {
  override readonly name = 'NoPositionError';

  constructor(readonly streamId: string) {
    super(`EventStoreDB returned an event of ${streamId} without its position (server 22.6 or later, read from the leader)`);
  }
}

const NO_POSITION = 2n ** 64n - 1n;

/** The event's position in `$all`, or undefined where the server gave none (see NoPositionError). */
export function positionOf(event: Pick<EsdbRecordedEvent, 'position'>): Position | undefined {
  const position = event.position;
  if (position === undefined) return undefined;
  if (position.commit === 0n && position.prepare === 0n) return undefined;
  if (position.commit === NO_POSITION || position.prepare === NO_POSITION) return undefined;
  return position;
}

/** System streams (`$stats-…`, `$$metadata`, projection output) and system event types are not the domain's. */
export function isSystemEvent(event: Pick<EsdbRecordedEvent, 'streamId' | 'type'>): boolean {
  return event.streamId.startsWith('$') || event.type.startsWith('$');
}

export function encodeCheckpoint(position: Position): string {
  return formatCheckpoint('esdb', position.commit, position.prepare);
}

/**
 * The position of a checkpoint of this store, and whether it says so: an untagged one (written before checkpoints
 * were tagged, by this adapter or by the SQL store) is this store's only if an event of its log sits there.
 */
export function decodeCheckpoint(checkpoint: string): { position: Position; tagged: boolean } {
  const { tag, first, second } = parseCheckpoint(checkpoint, 'esdb');
  return { position: { commit: first, prepare: second }, tagged: tag !== undefined };
}

export function samePosition(a: Position, b: Position): boolean {
  return a.commit === b.commit && a.prepare === b.prepare;
}

/**
 * The port's error for what the client threw, so that callers handle one set of errors whichever store runs.
 * Errors the port has no name for pass through unchanged.
 */
export function toPortError(error: unknown, streamId?: string): unknown {
  if (error instanceof MaxAppendSizeExceededError) return new AppendTooLargeError(streamId ?? '$all', error.maxAppendSize);
  if (error instanceof EsdbStreamDeletedError) return new StreamDeletedError(streamId ?? error.streamName);
  if (error instanceof AccessDeniedError) {
    return new EventStoreAccessDeniedError(
      'EventStoreDB refused access: check the user and password of the connection string; reading $all takes a user in $admins or $ops',
    );
  }
  if (error instanceof InvalidArgumentError) return new EventStoreUsageError('EventStoreDB refused an argument of the call');
  // UnknownError is the client's name for anything it could not classify: not known to pass, so not mapped to a retry.
  const transient = [UnavailableError, DeadlineExceededError, TimeoutError, CancelledError, NotLeaderError];
  if (transient.some((kind) => error instanceof kind)) {
    return new EventStoreUnavailableError(`EventStoreDB could not do the call now (${(error as { type: string }).type})`);
  }
  return error;
}

function asJsonObject(value: unknown): Record<string, unknown> | undefined {
  const isObject = typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
  return isObject ? (value as Record<string, unknown>) : undefined;
}
