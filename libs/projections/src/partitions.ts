import { createHash } from 'node:crypto';
import { householdIdOf, householdStreamId, NORM_SETTINGS_STREAM_PREFIX } from '@casusregie/households';
import { PartitionScope, Projection } from './projection';

/**
 * A projection split into `count` partitions by household: partition `index` applies the events of the households
 * whose id hashes to it (and partition 0 those of every stream that is no household's). Each partition has a
 * checkpoint of its own (its name, `household-read-models#1/2`), so several projector processes can catch it up, or
 * rebuild it, side by side; the partitions share the projection's tables, which works because every row the
 * projection writes belongs to one household and is read and written only with that household's events.
 *
 * A change of a municipality's norm settings goes to every partition: each recomputes its own households' items
 * (the projection is told which partition it applies, `PartitionScope`).
 */
export function partitionsOf(projection: Projection, count: number): Projection[] {
  if (!Number.isInteger(count) || count < 1) throw new Error(`A projection has 1 or more partitions, not ${count}`);
  if (count === 1) return [projection];
  return Array.from({ length: count }, (_, index): Projection => ({
    ...projection,
    name: `${projection.name}#${index}/${count}`,
    partition: { of: projection.name, index, count },
    apply: (tx, events) => {
      const own = events.filter((event) => isForEveryPartition(event.streamId) || partitionOfStream(event.streamId, count) === index);
      return own.length === 0 ? Promise.resolve() : projection.apply(tx, own, { index, count });
    },
  }));
}

/** Streams whose events every partition applies: the norm settings, which change the items of every household. */
function isForEveryPartition(streamId: string): boolean {
  return streamId.startsWith(NORM_SETTINGS_STREAM_PREFIX);
}

/** Whether a household belongs to the partition `scope` (every household does when the projection is not split). */
export function ownsHousehold(scope: PartitionScope | undefined, householdId: string): boolean {
  return scope === undefined || partitionOfStream(householdStreamId(householdId), scope.count) === scope.index;
}

/** The partition of a stream: a stable hash of its household id modulo `count`; 0 for any other stream. */
export function partitionOfStream(streamId: string, count: number): number {
  const householdId = householdIdOf(streamId);
  if (householdId === undefined || count === 1) return 0;
  return createHash('sha256').update(householdId).digest().readUInt32BE(0) % count;
}

/** The projection a partition belongs to; a projection that is not split is its own family. */
export function familyOf(projection: Projection): string {
  return projection.partition?.of ?? projection.name;
}

/** The checkpoint names of the arrangement `projection` is part of: its own, or those of all its partitions. */
export function arrangementOf(projection: Projection): string[] {
  const { partition } = projection;
  if (partition === undefined) return [projection.name];
  return Array.from({ length: partition.count }, (_, index) => `${partition.of}#${index}/${partition.count}`);
}
