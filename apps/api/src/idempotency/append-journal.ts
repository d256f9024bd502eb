import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import {
  AppendedButNotReadBackError,
  AppendTooLargeError,
  ConcurrencyConflictError,
  EventStore,
  EventStoreUsageError,
  ExpectedVersion,
  NewEvent,
} from '@casusregie/event-store';

/** An append a request set out to make: enough to find out later, in the stream, whether it was recorded. */
export interface AppendAttempt {
  streamId: string;
  /** The ids of its events, in order; the store keeps them, so the first one tells whether the append happened. */
  eventIds: string[];
  expectedVersion: ExpectedVersion;
}

/**
 * What became of an attempt, as far as this process knows: `appended` (the store answered), `refused` (the store
 * said no, or it was never sent), or `unknown` (the answer was lost, e.g. with the connection: it may have committed).
 */
export type AppendOutcome = { kind: 'appended'; version: number } | { kind: 'refused' } | { kind: 'unknown' };

export interface JournalEntry {
  attempt: AppendAttempt;
  /** Undefined while the append is under way. */
  outcome?: AppendOutcome;
}

/**
 * The appends made while one request is handled. Before an append is sent, `beforeAppend` gets every attempt so far
 * and must make them durable (the idempotency key's row): should the request's answer be lost, whoever retries it can
 * then look in the streams for what was recorded. When `beforeAppend` throws, the append is not sent.
 */
export class AppendJournal {
  readonly entries: JournalEntry[] = [];
  private closed = false;

  constructor(private readonly beforeAppend: (attempts: readonly AppendAttempt[]) => Promise<void>) {}

  /** Runs `work` (the request's handler) with this journal for every append it makes. */
  run<T>(work: () => Promise<T>): Promise<T> {
    return currentJournal.run(this, work);
  }

  /** The request is answered: appends made afterwards by work it set off are none of its business. */
  close(): void {
    this.closed = true;
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  /** Records the attempt and makes it durable; the returned entry receives the outcome. */
  async intend(attempt: AppendAttempt): Promise<JournalEntry> {
    const entry: JournalEntry = { attempt };
    this.entries.push(entry);
    try {
      await this.beforeAppend(this.entries.map((e) => e.attempt));
    } catch (error) {
      entry.outcome = { kind: 'refused' };
      throw error;
    }
    return entry;
  }
}

const currentJournal = new AsyncLocalStorage<AppendJournal>();
const JOURNALED = Symbol.for('casusregie.idempotency.append-journal');

/**
 * The event store with every append made inside {@link AppendJournal.run} recorded in that journal: its attempt made
 * durable before it is sent, its outcome after. Outside a journal an append goes straight through. Everything else is
 * forwarded untouched. Wrapping twice changes nothing.
 */
export function journalAppends(store: EventStore): EventStore {
  if (isJournaled(store)) return store;
  const appendToStream: EventStore['appendToStream'] = async (streamId, events, options) => {
    const journal = currentJournal.getStore();
    if (journal === undefined || !journal.isOpen) return store.appendToStream(streamId, events, options);
    // The ids are fixed before the attempt is written down, so that it can be found in the stream afterwards.
    const identified: NewEvent[] = events.map((event) => (event.eventId === undefined ? { ...event, eventId: randomUUID() } : event));
    const entry = await journal.intend({
      streamId,
      eventIds: identified.map((event) => event.eventId as string),
      expectedVersion: options?.expectedVersion ?? 'any',
    });
    try {
      const result = await store.appendToStream(streamId, identified, options);
      entry.outcome = { kind: 'appended', version: result.nextExpectedVersion };
      return result;
    } catch (error) {
      const refused = error instanceof ConcurrencyConflictError || error instanceof EventStoreUsageError || error instanceof AppendTooLargeError;
      // Written but not returned: the retry is answered from the stream, never written twice.
      if (error instanceof AppendedButNotReadBackError) entry.outcome = { kind: 'appended', version: error.nextExpectedVersion };
      else entry.outcome = refused ? { kind: 'refused' } : { kind: 'unknown' };
      throw error;
    }
  };
  return new Proxy(store, {
    get(target, property) {
      if (property === 'appendToStream') return appendToStream;
      if (property === JOURNALED) return true;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Whether appends to this store (or to a wrapper that forwards to it) are journaled. */
export function isJournaled(store: EventStore): boolean {
  return (store as unknown as Record<symbol, unknown>)[JOURNALED] === true;
}

/** Where an attempt's events are if it was recorded: its version, or undefined when the stream does not hold them. */
export async function findRecordedAppend(store: EventStore, attempt: AppendAttempt): Promise<number | undefined> {
  const first = attempt.eventIds[0];
  const expected = attempt.expectedVersion;
  // At the expected version the append, if it happened, is the next event; otherwise it may be anywhere.
  const fromVersion = typeof expected === 'number' ? expected + 1 : 1;
  const maxCount = typeof expected === 'number' || expected === 'no-stream' ? attempt.eventIds.length : undefined;
  const { events } = await store.readStream(attempt.streamId, { fromVersion, ...(maxCount === undefined ? {} : { maxCount }) });
  const at = events.findIndex((event) => event.eventId === first);
  if (at === -1) return undefined;
  return events[at].streamVersion + attempt.eventIds.length - 1;
}
