import { RecordedEvent } from '@casusregie/event-store';
import { errorDescriptionOf, isTransientDatabaseError, SqlExecutor } from '@casusregie/sql';
import { Projection } from '../projection';
import { FailedEvent } from './parked-events';

/** How often one event is tried on its own before it is parked. */
export const ATTEMPTS_BEFORE_PARKING = 3;

export interface ApplyOutcome {
  /** Events that failed every attempt: to be parked. */
  failed: FailedEvent[];
  /** Events not applied because an earlier event of their stream is parked (or failed in this call). */
  held: RecordedEvent[];
}

/**
 * Applies `events` in order inside the transaction `tx`, finding the events that cannot be applied instead of failing
 * the lot: a group that fails is undone to a savepoint and split in two, down to single events; an event that fails
 * alone is tried again, {@link ATTEMPTS_BEFORE_PARKING} times in all, and then given up as failed. From then on the
 * events of its stream are held, as are those of the streams in `held` from the start. A batch with one bad event
 * costs about log2(batch) extra attempts, and the events around it are applied as if nothing had happened.
 *
 * An error that is no fault of an event ({@link mayBeFaultOfEvent}) is thrown, and the whole batch is tried again
 * later.
 */
export async function applyOrPark(
  tx: SqlExecutor,
  projection: Projection,
  events: readonly RecordedEvent[],
  held: ReadonlySet<string>,
): Promise<ApplyOutcome> {
  const blocked = new Set(held);
  const failed: FailedEvent[] = [];

  const applyGroup = async (group: readonly RecordedEvent[]): Promise<void> => {
    const runnable = group.filter((event) => !blocked.has(event.streamId));
    if (runnable.length === 0) return;
    let error = await attempt(tx, () => projection.apply(tx, runnable));
    if (error === undefined) return;
    if (runnable.length > 1) {
      const half = Math.ceil(runnable.length / 2);
      await applyGroup(runnable.slice(0, half));
      await applyGroup(runnable.slice(half));
      return;
    }
    let attempts = 1;
    while (error !== undefined && attempts < ATTEMPTS_BEFORE_PARKING) {
      error = await attempt(tx, () => projection.apply(tx, runnable));
      attempts++;
    }
    if (error === undefined) return;
    failed.push({ event: runnable[0], error: errorDescriptionOf(error), attempts });
    blocked.add(runnable[0].streamId);
  };

  await applyGroup(events);
  // In the log's order: a stream's events after its failed one were never applied (they came later in the
  // recursion, and were skipped there).
  const failedIds = new Set(failed.map((f) => f.event.eventId));
  const stopped = new Set(held);
  const heldBehind: RecordedEvent[] = [];
  for (const event of events) {
    if (failedIds.has(event.eventId)) stopped.add(event.streamId);
    else if (stopped.has(event.streamId)) heldBehind.push(event);
  }
  return { failed, held: heldBehind };
}

// Syntax error or access rule violation (42: a missing table or column, no privilege), invalid schema name (3F),
// feature not supported (0A), invalid transaction state (25): the deployment is wrong for every event alike.
const DEPLOYMENT_SQLSTATE_CLASSES = new Set(['42', '3F', '0A', '25']);

/**
 * Whether an error may be the fault of the events being applied: not a lost connection or deadlock (tried again
 * later as a whole) and not a schema that does not fit the code (every event would fail alike; parking them all would
 * only hide it). Errors about values (22: a date out of range) or constraints (23), and errors of the projection's own
 * code (a TypeError on a malformed event) are.
 */
export function mayBeFaultOfEvent(error: unknown): boolean {
  if (isTransientDatabaseError(error)) return false;
  const { code } = errorDescriptionOf(error);
  return code === undefined || !DEPLOYMENT_SQLSTATE_CLASSES.has(code.slice(0, 2));
}

/** Runs `work` behind a savepoint: undone and its error returned when it fails, so the transaction can go on. */
async function attempt(tx: SqlExecutor, work: () => Promise<void>): Promise<unknown> {
  await tx.query('SAVEPOINT apply_events');
  try {
    await work();
  } catch (error) {
    if (!mayBeFaultOfEvent(error)) throw error;
    await tx.query('ROLLBACK TO SAVEPOINT apply_events');
    return error;
  }
  await tx.query('RELEASE SAVEPOINT apply_events');
  return undefined;
}
