import { AppendTooLargeError, EventStoreUsageError } from './errors';
import { DEFAULT_READ_ALL_LIMIT, ExpectedVersion, MAX_APPEND_BYTES, NewEvent, ReadAllOptions, ReadStreamOptions } from './event-store';

/**
 * Argument checks every adapter makes the same way, so a caller's mistake is the same EventStoreUsageError whichever
 * store is configured.
 */
export function checkReadStreamOptions(options: ReadStreamOptions): { fromVersion: number; maxCount: number | undefined } {
  const fromVersion = options.fromVersion ?? 1;
  if (!Number.isInteger(fromVersion) || fromVersion < 1) {
    throw new EventStoreUsageError(`fromVersion must be a whole number of at least 1, got ${fromVersion}`);
  }
  const maxCount = options.maxCount;
  if (maxCount !== undefined && (!Number.isInteger(maxCount) || maxCount < 1)) {
    throw new EventStoreUsageError(`maxCount must be a whole number of at least 1, got ${maxCount}`);
  }
  return { fromVersion, maxCount };
}

export function checkReadAllLimit(options: ReadAllOptions): number {
  const limit = options.limit ?? DEFAULT_READ_ALL_LIMIT;
  if (!Number.isInteger(limit) || limit < 1) {
    throw new EventStoreUsageError(`limit must be a whole number of at least 1, got ${limit}`);
  }
  return limit;
}

export function checkAppend(expected: ExpectedVersion, events: readonly NewEvent[]): void {
  if (typeof expected === 'number' && (!Number.isInteger(expected) || expected < 0)) {
    throw new EventStoreUsageError(`expectedVersion must be a whole number of at least 0, got ${expected}`);
  }
  if (events.length === 0) throw new EventStoreUsageError('An append needs at least one event');
  // EventStoreDB would store both; the SQL stores would refuse the append: refused alike, before either is asked.
  const ids = events.map((event) => event.eventId).filter((id) => id !== undefined);
  if (new Set(ids.map((id) => id.toLowerCase())).size < ids.length) throw new EventStoreUsageError('An append holds one event id twice');
}

/** The events' data and metadata as the JSON texts to store, refused as a whole when over MAX_APPEND_BYTES. */
export function serialiseAppend(streamId: string, events: readonly NewEvent[]): { data: string[]; metadata: string[] } {
  const data = events.map((event) => JSON.stringify(event.data));
  const metadata = events.map((event) => JSON.stringify(event.metadata ?? {}));
  let bytes = 0;
  for (const text of [...data, ...metadata]) bytes += Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_APPEND_BYTES) throw new AppendTooLargeError(streamId, MAX_APPEND_BYTES);
  return { data, metadata };
}
