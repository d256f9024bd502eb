import { randomUUID } from 'node:crypto';
import { AppendTooLargeError, ConcurrencyConflictError, EventStoreUsageError } from '../errors';
import { EventStore, ExpectedVersion, MAX_APPEND_BYTES, NewEvent, RecordedEvent } from '../event-store';

/**
 * The behaviour every event store adapter must show, run by each adapter's spec (Emmett's `features.ts` pattern).
 * Stores may hold events of earlier tests or other users, so every test works on fresh stream ids and reads the
 * global log from a checkpoint taken just before it wrote.
 */
export interface EventStoreContractSetup {
  /** Opens the store; called once for the whole suite. */
  open(): Promise<EventStore>;
  /** Releases everything `open` created. */
  close(store: EventStore): Promise<void>;
  /** The store's maximum append size in bytes, where it was raised above MAX_APPEND_BYTES (an EventStoreDB setting). */
  maxAppendBytes?: number;
  /** Whether the store refuses an event id it holds in another stream (the SQL stores do; EventStoreDB does not look). */
  refusesReusedEventIds?: boolean;
}

export function eventStoreContract(adapterName: string, setup: EventStoreContractSetup): void {
  describe(`EventStore contract: ${adapterName}`, () => {
    let store: EventStore;

    // A guard against a hang, not a speed limit: an embedded store starting on a busy CI machine takes its time.
    beforeAll(async () => {
      store = await setup.open();
    }, 180_000);
    afterAll(async () => {
      if (store) await setup.close(store);
    });

    const newStream = () => `household-${randomUUID()}`;
    const event = (n: number, extra: Partial<NewEvent> = {}): NewEvent => ({
      type: 'TestEventHappened',
      data: { n },
      ...extra,
    });

    /** The checkpoint at the current end of the log, so a test reads only what it wrote itself. */
    async function endCheckpoint(): Promise<string | undefined> {
      let checkpoint: string | undefined;
      for (;;) {
        const batch = await store.readAll({ after: checkpoint, limit: 1000 });
        checkpoint = batch.checkpoint;
        if (batch.isEnd) return checkpoint;
      }
    }

    async function readAllAfter(checkpoint: string | undefined, limit = 1000): Promise<RecordedEvent[]> {
      const events: RecordedEvent[] = [];
      for (;;) {
        const batch = await store.readAll({ after: checkpoint, limit });
        events.push(...batch.events);
        checkpoint = batch.checkpoint;
        if (batch.isEnd) return events;
      }
    }

    describe('append and read a stream', () => {
      it('round-trips type, data, metadata, schema version and event id, numbering versions from 1', async () => {
        const streamId = newStream();
        const eventId = randomUUID();
        const result = await store.appendToStream(streamId, [
          { eventId, type: 'HouseholdRegistered', schemaVersion: 2, data: { municipality: 'GM0299', size: 3 }, metadata: { actor: { id: 'u1', role: 'consultant' }, correlationId: 'c-1' } },
          { type: 'MemberAdded', data: { memberId: 'm-1', roles: ['parent'] } },
        ]);

        expect(result.nextExpectedVersion).toBe(2);
        expect(result.events.map((e) => e.streamVersion)).toEqual([1, 2]);

        const read = await store.readStream(streamId);
        expect(read.exists).toBe(true);
        expect(read.currentVersion).toBe(2);
        expect(read.events).toHaveLength(2);
        const [first, second] = read.events;
        expect(first).toMatchObject({
          eventId,
          type: 'HouseholdRegistered',
          schemaVersion: 2,
          data: { municipality: 'GM0299', size: 3 },
          metadata: { actor: { id: 'u1', role: 'consultant' }, correlationId: 'c-1' },
          streamId,
          streamVersion: 1,
        });
        expect(second).toMatchObject({ type: 'MemberAdded', schemaVersion: 1, metadata: {}, streamVersion: 2 });
        expect(second.eventId).toMatch(/^[0-9a-f-]{36}$/);
        expect(first.recordedAt).toBeInstanceOf(Date);
        expect(Math.abs(first.recordedAt.getTime() - Date.now())).toBeLessThan(5 * 60_000);
        expect(typeof first.globalPosition).toBe('bigint');
        expect(second.globalPosition > first.globalPosition).toBe(true);
        // The append returns the same events a read gives.
        expect(result.events.map((e) => e.eventId)).toEqual(read.events.map((e) => e.eventId));
        expect(result.events.map((e) => e.checkpoint)).toEqual(read.events.map((e) => e.checkpoint));
      });

      it('reads part of a stream from a version, at most maxCount, still reporting the current version', async () => {
        const streamId = newStream();
        // Twelve events, so that an order by text ("10" < "9") would show.
        await store.appendToStream(streamId, Array.from({ length: 12 }, (_, i) => event(i + 1)));

        const part = await store.readStream(streamId, { fromVersion: 9, maxCount: 2 });
        expect(part.currentVersion).toBe(12);
        expect(part.events.map((e) => [e.streamVersion, e.data.n])).toEqual([
          [9, 9],
          [10, 10],
        ]);
        const whole = await store.readStream(streamId);
        expect(whole.events.map((e) => e.streamVersion)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
        const beyond = await store.readStream(streamId, { fromVersion: 13 });
        expect(beyond).toMatchObject({ exists: true, currentVersion: 12, events: [] });
      });

      it('reports a missing stream as not existing, at version 0', async () => {
        const read = await store.readStream(newStream());
        expect(read).toEqual({ exists: false, currentVersion: 0, events: [] });
      });

      it('keeps unicode text exactly', async () => {
        const streamId = newStream();
        const text = 'Ĳsselmeer · Ærø · Ōsaka 大阪 · עִברִית · العربية · 👨‍👩‍👧‍👦 · e\u0301 · "quotes" \\ back\\slash \n\t tab';
        await store.appendToStream(streamId, [event(1, { data: { text, nested: { list: [text] } }, metadata: { note: text } })]);
        const [read] = (await store.readStream(streamId)).events;
        expect(read.data).toEqual({ text, nested: { list: [text] } });
        expect(read.metadata).toEqual({ note: text });
      });

      it('stores a large payload (a million characters, just under the maximum append size) unchanged', async () => {
        const streamId = newStream();
        const big = 'abcdefghij'.repeat(100_000);
        await store.appendToStream(streamId, [event(1, { data: { big } })]);
        const [read] = (await store.readStream(streamId)).events;
        expect((read.data.big as string).length).toBe(big.length);
        expect(read.data.big).toBe(big);
      });

      it('refuses an append over the maximum append size, counted over all its events, as AppendTooLargeError that writes nothing', async () => {
        const limit = setup.maxAppendBytes ?? MAX_APPEND_BYTES;
        const streamId = newStream();
        await store.appendToStream(streamId, [event(1)]);
        // Each event alone fits; together they do not.
        const half = 'x'.repeat(Math.ceil(limit / 2) + 1_000);
        const attempt = store.appendToStream(streamId, [event(2, { data: { half } }), event(3, { data: { half } })], { expectedVersion: 1 });
        await expect(attempt).rejects.toBeInstanceOf(AppendTooLargeError);
        await attempt.catch((error: AppendTooLargeError) => {
          expect(error.streamId).toBe(streamId);
          expect(error.message).not.toContain('xxxx');
        });
        const read = await store.readStream(streamId);
        expect(read.currentVersion).toBe(1);
        await expect(store.appendToStream(streamId, [event(2)], { expectedVersion: 1 })).resolves.toMatchObject({ nextExpectedVersion: 2 });
      });

      it('refuses an empty append and invalid arguments as usage errors', async () => {
        const streamId = newStream();
        await expect(store.appendToStream(streamId, [])).rejects.toBeInstanceOf(EventStoreUsageError);
        await expect(store.appendToStream(streamId, [event(1)], { expectedVersion: -1 })).rejects.toBeInstanceOf(
          EventStoreUsageError,
        );
        await expect(store.readStream(streamId, { fromVersion: 0 })).rejects.toBeInstanceOf(EventStoreUsageError);
        const twice = randomUUID();
        await expect(store.appendToStream(streamId, [event(1, { eventId: twice }), event(2, { eventId: twice.toUpperCase() })])).rejects.toBeInstanceOf(
          EventStoreUsageError,
        );
        await expect(store.readAll({ after: 'not-a-checkpoint' })).rejects.toBeInstanceOf(EventStoreUsageError);
        expect((await store.readStream(streamId)).exists).toBe(false);
      });
    });

    describe('expected version', () => {
      async function streamAtVersion(version: number): Promise<string> {
        const streamId = newStream();
        if (version > 0) await store.appendToStream(streamId, Array.from({ length: version }, (_, i) => event(i + 1)));
        return streamId;
      }

      async function expectConflict(streamId: string, expectedVersion: ExpectedVersion, actual: number) {
        const attempt = store.appendToStream(streamId, [event(99)], { expectedVersion });
        await expect(attempt).rejects.toBeInstanceOf(ConcurrencyConflictError);
        await attempt.catch((error: ConcurrencyConflictError) => {
          expect(error.streamId).toBe(streamId);
          expect(error.expected).toBe(expectedVersion);
          if (error.actual !== undefined) expect(error.actual).toBe(actual);
        });
        // A refused append leaves the stream as it was.
        const read = await store.readStream(streamId);
        expect(read.currentVersion).toBe(actual);
        expect(read.events.some((e) => e.data.n === 99)).toBe(false);
      }

      it('no-stream: accepted for a new stream, a conflict for an existing one', async () => {
        const streamId = await streamAtVersion(0);
        await expect(store.appendToStream(streamId, [event(1)], { expectedVersion: 'no-stream' })).resolves.toMatchObject({
          nextExpectedVersion: 1,
        });
        await expectConflict(streamId, 'no-stream', 1);
      });

      it('stream-exists: a conflict for a missing stream, accepted for an existing one', async () => {
        await expectConflict(await streamAtVersion(0), 'stream-exists', 0);
        const streamId = await streamAtVersion(2);
        await expect(store.appendToStream(streamId, [event(3)], { expectedVersion: 'stream-exists' })).resolves.toMatchObject({
          nextExpectedVersion: 3,
        });
      });

      it('any: accepted for a new and for an existing stream', async () => {
        const streamId = await streamAtVersion(0);
        await expect(store.appendToStream(streamId, [event(1)], { expectedVersion: 'any' })).resolves.toMatchObject({
          nextExpectedVersion: 1,
        });
        await expect(store.appendToStream(streamId, [event(2)])).resolves.toMatchObject({ nextExpectedVersion: 2 });
      });

      it('a number: 0 means no events yet; the exact current version is accepted', async () => {
        const streamId = await streamAtVersion(0);
        await expect(store.appendToStream(streamId, [event(1), event(2)], { expectedVersion: 0 })).resolves.toMatchObject({
          nextExpectedVersion: 2,
        });
        await expect(store.appendToStream(streamId, [event(3)], { expectedVersion: 2 })).resolves.toMatchObject({
          nextExpectedVersion: 3,
        });
        expect((await store.readStream(streamId)).events.map((e) => e.streamVersion)).toEqual([1, 2, 3]);
      });

      it('a number: a stale or a future version is a conflict that changes nothing', async () => {
        const streamId = await streamAtVersion(3);
        await expectConflict(streamId, 2, 3);
        await expectConflict(streamId, 4, 3);
        await expectConflict(streamId, 0, 3);
        await expectConflict(await streamAtVersion(0), 1, 0);
      });

      it('two writers with the same expected version: exactly one wins', async () => {
        const streamId = await streamAtVersion(1);
        const results = await Promise.allSettled([
          store.appendToStream(streamId, [event(10)], { expectedVersion: 1 }),
          store.appendToStream(streamId, [event(11)], { expectedVersion: 1 }),
        ]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
        expect(rejected).toHaveLength(1);
        expect(rejected[0].reason).toBeInstanceOf(ConcurrencyConflictError);
        expect((await store.readStream(streamId)).currentVersion).toBe(2);
      });
    });

    describe('event ids', () => {
      it('takes a repeated append (the same ids, at the same expected version) as a retry: answered as the first, written once', async () => {
        for (const expectedVersion of ['no-stream', 0] as const) {
          const streamId = newStream();
          const events = [event(1, { eventId: randomUUID() }), event(2, { eventId: randomUUID() })];
          const first = await store.appendToStream(streamId, events, { expectedVersion });
          const retry = await store.appendToStream(streamId, events, { expectedVersion });
          expect(retry.nextExpectedVersion).toBe(2);
          expect(retry.events.map((e) => [e.eventId, e.streamVersion, e.checkpoint])).toEqual(
            first.events.map((e) => [e.eventId, e.streamVersion, e.checkpoint]),
          );
          // Once more after the stream moved on: still the same answer, and still nothing written.
          await store.appendToStream(streamId, [event(3)], { expectedVersion: 2 });
          await expect(store.appendToStream(streamId, events, { expectedVersion })).resolves.toMatchObject({ nextExpectedVersion: 2 });
          expect((await store.readStream(streamId)).events.map((e) => e.data.n)).toEqual([1, 2, 3]);
        }
      });

      it('refuses the same ids at another expected version, or in another order, as a conflict', async () => {
        const streamId = newStream();
        const events = [event(1, { eventId: randomUUID() }), event(2, { eventId: randomUUID() })];
        await store.appendToStream(streamId, events, { expectedVersion: 0 });
        await store.appendToStream(streamId, [event(3)], { expectedVersion: 2 });
        await expect(store.appendToStream(streamId, [...events].reverse(), { expectedVersion: 0 })).rejects.toBeInstanceOf(
          ConcurrencyConflictError,
        );
        await expect(store.appendToStream(streamId, [events[1]], { expectedVersion: 0 })).rejects.toBeInstanceOf(ConcurrencyConflictError);
        expect((await store.readStream(streamId)).currentVersion).toBe(3);
      });

      if (setup.refusesReusedEventIds) {
        it('refuses an id it holds in another stream as a usage error that writes nothing', async () => {
          const eventId = randomUUID();
          await store.appendToStream(newStream(), [event(1, { eventId })]);
          const other = newStream();
          await expect(store.appendToStream(other, [event(1, { eventId })])).rejects.toBeInstanceOf(EventStoreUsageError);
          expect((await store.readStream(other)).exists).toBe(false);
        });
      }
    });

    describe('checkpoints', () => {
      it('name their store: one of another store, a malformed one and an untagged one that names no event are usage errors', async () => {
        const streamId = newStream();
        const { events } = await store.appendToStream(streamId, [event(1), event(2)]);
        const own = events[0].checkpoint;
        const match = /^(pg|esdb):(\d+):(\d+)$/.exec(own);
        expect(match).not.toBeNull();
        const [, tag, first, second] = match as RegExpExecArray;
        const foreign = `${tag === 'pg' ? 'esdb' : 'pg'}:${first}:${second}`;
        for (const checkpoint of [foreign, `${tag}:${first}`, `${tag}:${first}:${second}:1`, `xx:${first}:${second}`, `${tag}:-1:2`, '1:1', `${tag}:${2n ** 64n}:1`]) {
          await expect(store.readAll({ after: checkpoint })).rejects.toBeInstanceOf(EventStoreUsageError);
        }
        // Its own checkpoint still reads on from right after the event.
        const next = await store.readAll({ after: own, limit: 1 });
        expect(next.events.map((e) => e.eventId)).toEqual([events[1].eventId]);
      });
    });

    describe('read all', () => {
      it('returns every event once, in an order that keeps each stream in version order, resumable from any checkpoint', async () => {
        const start = await endCheckpoint();
        const streams = [newStream(), newStream(), newStream()];
        for (let round = 1; round <= 4; round++) {
          for (const streamId of streams) await store.appendToStream(streamId, [event(round), event(round + 100)]);
        }

        const all = await readAllAfter(start);
        const ours = all.filter((e) => streams.includes(e.streamId));
        expect(ours).toHaveLength(24);
        expect(new Set(ours.map((e) => e.eventId)).size).toBe(24);
        for (const streamId of streams) {
          const versions = ours.filter((e) => e.streamId === streamId).map((e) => e.streamVersion);
          expect(versions).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
        }
        for (let i = 1; i < all.length; i++) expect(all[i].globalPosition > all[i - 1].globalPosition).toBe(true);

        // Small batches, each continuing from the previous checkpoint, give the same sequence.
        expect((await readAllAfter(start, 5)).map((e) => e.eventId)).toEqual(all.map((e) => e.eventId));

        // Resuming from the checkpoint of any event gives exactly the events after it.
        const middle = all[9];
        expect((await readAllAfter(middle.checkpoint)).map((e) => e.eventId)).toEqual(all.slice(10).map((e) => e.eventId));

        // At the end: nothing new, the checkpoint stays, isEnd is set.
        const atEnd = await store.readAll({ after: all[all.length - 1].checkpoint });
        expect(atEnd.events).toEqual([]);
        expect(atEnd.isEnd).toBe(true);
        expect(atEnd.checkpoint).toBe(all[all.length - 1].checkpoint);
      });

      it('reads 2,500 events in batches of 1,000', async () => {
        const start = await endCheckpoint();
        const streamId = newStream();
        for (let chunk = 0; chunk < 5; chunk++) {
          await store.appendToStream(streamId, Array.from({ length: 500 }, (_, i) => event(chunk * 500 + i)));
        }
        const sizes: number[] = [];
        const seen: number[] = [];
        let checkpoint = start;
        for (;;) {
          const batch = await store.readAll({ after: checkpoint, limit: 1000 });
          sizes.push(batch.events.length);
          seen.push(...batch.events.filter((e) => e.streamId === streamId).map((e) => e.data.n as number));
          checkpoint = batch.checkpoint;
          if (batch.isEnd) break;
        }
        expect(sizes.slice(0, 2)).toEqual([1000, 1000]);
        expect(sizes.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(2500);
        expect(seen).toEqual(Array.from({ length: 2500 }, (_, i) => i));
      });

      it('returns the events of a failed append nowhere', async () => {
        const start = await endCheckpoint();
        const streamId = newStream();
        await store.appendToStream(streamId, [event(1)]);
        await store.appendToStream(streamId, [event(2)], { expectedVersion: 0 }).catch(() => undefined);
        await store.appendToStream(streamId, [event(3)], { expectedVersion: 1 });
        const ours = (await readAllAfter(start)).filter((e) => e.streamId === streamId);
        expect(ours.map((e) => e.data.n)).toEqual([1, 3]);
      });
    });
  });
}
