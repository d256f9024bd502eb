import { EventStoreUsageError } from './errors';

/**
 * Checkpoints say which store they belong to: `pg:<transaction id>:<position>` for the SQL stores (PostgreSQL and
 * PGlite share a schema, so a dump moves between them with its checkpoints), `esdb:<commit>:<prepare>` for
 * EventStoreDB. Both stores number their log with two whole numbers, so an untagged checkpoint of one would read as a
 * meaningless position in the other after a switch of EVENT_STORE or a restore; tagged, it is refused instead.
 */
export type CheckpointTag = 'pg' | 'esdb';

const CHECKPOINT_PATTERN = /^(?:([a-z]+):)?(\d{1,20}):(\d{1,20})$/;
const MAX_UINT64 = 2n ** 64n - 1n;

export interface CheckpointParts {
  /** The tag it carries; undefined for one written before checkpoints were tagged. */
  tag: CheckpointTag | undefined;
  first: bigint;
  second: bigint;
}

export function formatCheckpoint(tag: CheckpointTag, first: bigint | string, second: bigint | string): string {
  return `${tag}:${first}:${second}`;
}

/**
 * The two numbers of a checkpoint of the store tagged `tag`. A checkpoint of another store, or one that is no
 * checkpoint at all, is an EventStoreUsageError; one without a tag is returned as untagged, for the store to decide
 * whether it can know it as its own.
 */
export function parseCheckpoint(checkpoint: string, tag: CheckpointTag): CheckpointParts {
  const match = CHECKPOINT_PATTERN.exec(checkpoint);
  const parts = match && { tag: match[1], first: BigInt(match[2]), second: BigInt(match[3]) };
  if (!parts || parts.first > MAX_UINT64 || parts.second > MAX_UINT64 || (parts.tag !== undefined && parts.tag !== 'pg' && parts.tag !== 'esdb')) {
    throw new EventStoreUsageError('Not a checkpoint of any event store');
  }
  if (parts.tag !== undefined && parts.tag !== tag) {
    throw new EventStoreUsageError(
      `A checkpoint of another event store (${parts.tag}:…) was handed to the ${tag} store: rebuild the projections after a change of event store`,
    );
  }
  return { tag: parts.tag as CheckpointTag | undefined, first: parts.first, second: parts.second };
}
