import { ExpectedVersion } from './event-store';

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

/** A caller's argument that can never be valid (a negative version, an empty batch, a checkpoint of another store). */
export class EventStoreUsageError extends Error {
  override readonly name = 'EventStoreUsageError';
}
