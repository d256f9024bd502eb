import { ExpectedVersion } from './event-store';

/**
 * The port's errors. Every adapter turns what its server or driver can say into one of these (or lets a driver's
 * connection error through, which callers already classify as transient), so that a caller handles the same error
 * whichever store is configured. Messages name streams and versions, never event data.
 */

/** The stream was not at the version the caller expected: another writer came first. */
export class ConcurrencyConflictError extends Error {
  override readonly name = 'ConcurrencyConflictError';

  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    /** The stream's version when the append was refused, where the adapter knows it (0 = no stream). */
    readonly actual?: number,
  ) {
    super(
      `Stream ${streamId} expected at ${String(expected)}` + (actual === undefined ? '' : ` but is at version ${actual}`),
    );
  }
}

/**
 * A caller's argument that can never be valid: a negative version, an empty batch, an event id the store already
 * holds in another stream, a checkpoint that is malformed or belongs to another store.
 */
export class EventStoreUsageError extends Error {
  override readonly name = 'EventStoreUsageError';
}

/**
 * The events of one append are larger than the store takes in one append (EventStoreDB's maximum append size; the
 * SQL stores keep the same limit, so that an append refused by one store is refused by all). Nothing was written.
 */
export class AppendTooLargeError extends Error {
  override readonly name = 'AppendTooLargeError';

  constructor(
    readonly streamId: string,
    /** The limit in bytes, over the data and metadata of all events of the append. */
    readonly maxAppendBytes: number,
  ) {
    super(`An append to ${streamId} is larger than the event store takes in one append (${maxAppendBytes} bytes)`);
  }
}

/** The stream was deleted for good (an EventStoreDB tombstone): it can be neither read nor written again. */
export class StreamDeletedError extends Error {
  override readonly name = 'StreamDeletedError';

  constructor(readonly streamId: string) {
    super(`Stream ${streamId} has been deleted`);
  }
}

/**
 * The credentials the store was given lack a right it needs (EventStoreDB: reading `$all` takes an admin or ops
 * user). A setting to correct, not something a retry mends.
 */
export class EventStoreAccessDeniedError extends Error {
  override readonly name = 'EventStoreAccessDeniedError';
}

/**
 * The store could not do the work now: unreachable, not the leader, past its deadline, closed under a running read.
 * Trying again later may succeed. The code is one the API answers with 503 and Retry-After (isTransientDatabaseError).
 */
export class EventStoreUnavailableError extends Error {
  override readonly name: string = 'EventStoreUnavailableError';
  readonly code = EVENT_STORE_UNAVAILABLE;
}

export const EVENT_STORE_UNAVAILABLE = 'EVENT_STORE_UNAVAILABLE';

/**
 * The store accepted the append (the stream is at `nextExpectedVersion`), but the recorded events could not be read
 * back to return them. The events are written: do not append them again.
 */
export class AppendedButNotReadBackError extends EventStoreUnavailableError {
  override readonly name = 'AppendedButNotReadBackError';

  constructor(
    readonly streamId: string,
    readonly nextExpectedVersion: number,
  ) {
    super(`Appended to ${streamId} up to version ${nextExpectedVersion}, but the recorded events could not be read back`);
  }
}
