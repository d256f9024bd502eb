import { createHash } from 'node:crypto';
import stringify from 'safe-stable-stringify';
import { HouseholdRepository, householdStreamId, StoredHouseholdEvent } from '@casusregie/households';

/**
 * An event as read back through the repository (personal data opened), without what the store or the moment
 * assign: event id, correlation id, recording instant, global position. Where the payload names an earlier event
 * of the stream (a correction or withdrawal), it names it by stream version instead of id.
 */
export interface ComparableEvent {
  streamId: string;
  streamVersion: number;
  type: string;
  occurredOn: string;
  data: unknown;
  actor: unknown;
  municipality: string;
}

/** The events of these households, each stream in order, comparable between two runs of the generator. */
export async function readComparableHistory(repository: HouseholdRepository, householdIds: readonly string[]): Promise<ComparableEvent[][]> {
  const histories: ComparableEvent[][] = [];
  for (const householdId of householdIds) histories.push(comparable(householdId, await repository.readEvents(householdId)));
  return histories;
}

/** A SHA-256 over the comparable events of these households: two runs wrote the same facts when the digests agree. */
export async function historyDigest(repository: HouseholdRepository, householdIds: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  // A few households at a time keeps memory flat for 100,000 of them.
  for (let from = 0; from < householdIds.length; from += 500) {
    for (const history of await readComparableHistory(repository, householdIds.slice(from, from + 500))) {
      for (const event of history) hash.update(`${stringify(event)}\n`);
    }
  }
  return hash.digest('hex');
}

function comparable(householdId: string, events: StoredHouseholdEvent[]): ComparableEvent[] {
  const versionOf = new Map(events.map((event) => [event.eventId, event.streamVersion]));
  const byVersion = (value: unknown): unknown => {
    if (typeof value === 'string') return versionOf.has(value) ? `event@${versionOf.get(value)}` : value;
    if (Array.isArray(value)) return value.map(byVersion);
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, byVersion(inner)]));
    return value;
  };
  return events.map((event) => ({
    streamId: householdStreamId(householdId),
    streamVersion: event.streamVersion,
    type: event.type,
    occurredOn: event.occurredOn,
    data: byVersion(event.data),
    actor: event.metadata.actor,
    municipality: event.metadata.municipality,
  }));
}
