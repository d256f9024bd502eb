import { EventStoreUsageError } from './errors';
import { DEFAULT_READ_ALL_LIMIT, ExpectedVersion, ReadAllOptions, ReadStreamOptions } from './event-store';

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

export function checkAppend(expected: ExpectedVersion, eventCount: number): void {
  if (typeof expected === 'number' && (!Number.isInteger(expected) || expected < 0)) {
    throw new EventStoreUsageError(`expectedVersion must be a whole number of at least 0, got ${expected}`);
  }
  if (eventCount === 0) throw new EventStoreUsageError('An append needs at least one event');
}
