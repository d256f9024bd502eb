import { randomUUID } from 'node:crypto';
import { UnavailableError } from '@eventstore/db-client';
import { isTransientDatabaseError } from '@casusregie/sql';
import {
  AppendedButNotReadBackError,
  AppendTooLargeError,
  ConcurrencyConflictError,
  EventStoreAccessDeniedError,
  EventStoreUnavailableError,
  EventStoreUsageError,
  StreamDeletedError,
} from '../errors';
import { NewEvent } from '../event-store';
import { concurrentWritersContract } from '../testing/concurrent-writers-contract';
import { eventStoreContract } from '../testing/event-store-contract';
import { FakeEventStoreDBClient } from '../testing/fake-eventstoredb-client';
import { EventStoreDBEventStore } from './eventstoredb-event-store';
import { NoPositionError } from './eventstoredb-mapping';

/**
 * The EventStoreDB adapter driven by a fake of the gRPC client (no server runs here): the contract every store keeps,
 * and what the fake can script and a server only does now and then (a write between two reads, a lagging follower,
 * errors of every kind, a dispose under a read). eventstoredb-event-store.int.spec.ts runs against a real server.
 */
const overFakeClient = {
  open: async () => EventStoreDBEventStore.overClient(new FakeEventStoreDBClient()),
  close: (store: EventStoreDBEventStore) => store.close(),
};
eventStoreContract('EventStoreDB over a fake gRPC client', overFakeClient);
concurrentWritersContract('EventStoreDB over a fake gRPC client', overFakeClient);

describe('EventStoreDB adapter over a fake gRPC client', () => {
  let client: FakeEventStoreDBClient;
  let store: EventStoreDBEventStore;

  beforeEach(() => {
    client = new FakeEventStoreDBClient();
    store = EventStoreDBEventStore.overClient(client, { deadlineMs: 4_321 });
  });

  const newStream = () => `household-${randomUUID()}`;
  const event = (n: number): NewEvent => ({ type: 'TestEventHappened', data: { n } });
  const otherWriterAppends = (streamId: string, n: number) => async () => {
    await client.appendToStream(streamId, [{ id: randomUUID(), contentType: 'application/json', type: 'TestEventHappened', data: { n }, metadata: {} }]);
  };

  describe('a write between the reads of one readStream (the lost update)', () => {
    it('reports the version of the last event it returns, so a decision on them is refused when another writer came first', async () => {
      const streamId = newStream();
      await store.appendToStream(streamId, [event(1), event(2), event(3)]);
      // Another writer appends just before the adapter's second read of the stream, if it makes one.
      client.beforeNext('readStream', () => undefined, streamId);
      client.beforeNext('readStream', otherWriterAppends(streamId, 4), streamId);

      const read = await store.readStream(streamId);
      expect(read.events.map((e) => e.streamVersion)).toEqual([1, 2, 3]);
      expect(read.currentVersion).toBe(read.events[read.events.length - 1].streamVersion);

      // The other writer appends now if it has not yet (a read of our own sets it off): a command decided on events
      // 1-3 must not pass as if decided on 4.
      for await (const _ of client.readStream(streamId)) void _;
      expect(client.streamRecords(streamId)).toHaveLength(4);
      await expect(store.appendToStream(streamId, [event(5)], { expectedVersion: read.currentVersion })).rejects.toBeInstanceOf(
        ConcurrencyConflictError,
      );
      expect(client.streamRecords(streamId).map((record) => (record.data as { n: number }).n)).toEqual([1, 2, 3, 4]);
    });

    it('reading past the end while another writer appends: no version beyond what was read', async () => {
      const streamId = newStream();
      await store.appendToStream(streamId, [event(1), event(2), event(3)]);
      // The forward read from version 4 finds nothing; the writer appends before the read of the last version.
      client.beforeNext('readStream', () => undefined, streamId);
      client.beforeNext('readStream', otherWriterAppends(streamId, 4), streamId);

      const read = await store.readStream(streamId, { fromVersion: 4 });
      expect(read).toEqual({ exists: true, currentVersion: 3, events: [] });
    });

    it('a part read with maxCount still reports the stream as far as it goes', async () => {
      const streamId = newStream();
      await store.appendToStream(streamId, [event(1), event(2), event(3)]);
      const part = await store.readStream(streamId, { maxCount: 2 });
      expect(part.events.map((e) => e.streamVersion)).toEqual([1, 2]);
      expect(part.currentVersion).toBe(3);
    });
  });

  describe('the read-back of an append', () => {
    it('reads from the leader: a follower behind the write cannot make the answer short', async () => {
      client.set({ followerLag: 2 });
      const streamId = newStream();
      const result = await store.appendToStream(streamId, [event(1), event(2)]);
      expect(result.events.map((e) => e.streamVersion)).toEqual([1, 2]);
      expect(result.nextExpectedVersion).toBe(2);
    });

    it('reports a write whose events cannot be read back as written (AppendedButNotReadBackError), not as failed', async () => {
      const streamId = newStream();
      for (let i = 0; i < 3; i++) client.failNext('readStream', new UnavailableError());
      const attempt = store.appendToStream(streamId, [event(1), event(2)]);
      await expect(attempt).rejects.toBeInstanceOf(AppendedButNotReadBackError);
      await attempt.catch((error: AppendedButNotReadBackError) => {
        expect(error).toMatchObject({ streamId, nextExpectedVersion: 2 });
        // Still an unavailable store to the API (503), whose idempotency journal knows the write stands.
        expect(error).toBeInstanceOf(EventStoreUnavailableError);
      });
      expect(client.streamRecords(streamId)).toHaveLength(2);
    });

    it('tries the read-back again after a passing failure', async () => {
      const streamId = newStream();
      client.failNext('readStream', new UnavailableError());
      await expect(store.appendToStream(streamId, [event(1)])).resolves.toMatchObject({ nextExpectedVersion: 1 });
    });
  });

  describe('positions', () => {
    it.each(['zero-on-followers', 'uncommitted-on-followers'] as const)(
      'reads a stream again from the leader when a follower gives %s positions, and never hands out a checkpoint of them',
      async (kind) => {
        const streamId = newStream();
        const { events } = await store.appendToStream(streamId, [event(1), event(2)]);
        client.set({ streamReadPositions: kind });
        const read = await store.readStream(streamId);
        expect(read.events.map((e) => e.checkpoint)).toEqual(events.map((e) => e.checkpoint));
        for (const e of read.events) expect(e.checkpoint).not.toMatch(/^esdb:(0:0|18446744073709551615:)/);
      },
    );

    it('refuses at start-up a server that sends no positions with stream reads (before 22.6: the client says 0:0)', async () => {
      await store.appendToStream(newStream(), [event(1)]);
      client.set({ streamReadPositions: 'zero-everywhere' });
      const refused = await EventStoreDBEventStore.open(client).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(EventStoreUsageError);
      expect((refused as Error).message).toMatch(/22\.10/);
    });

    it('opens on a server that sends them', async () => {
      await store.appendToStream(newStream(), [event(1)]);
      await expect(EventStoreDBEventStore.open(client)).resolves.toBeInstanceOf(EventStoreDBEventStore);
    });

    it('a stream read still without positions from the leader is NoPositionError, an unavailable store (503)', async () => {
      const streamId = newStream();
      await store.appendToStream(streamId, [event(1)]);
      client.set({ streamReadPositions: 'zero-everywhere' });
      const error = await store.readStream(streamId).catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(NoPositionError);
      expect(error).toBeInstanceOf(EventStoreUnavailableError);
    });
  });

  describe('checkpoints of another store', () => {
    it.each(['812345:17', 'pg:812345:17'])('refuses %s, a SQL store checkpoint, rather than reading from a meaningless position', async (checkpoint) => {
      await store.appendToStream(newStream(), [event(1)]);
      await expect(store.readAll({ after: checkpoint })).rejects.toBeInstanceOf(EventStoreUsageError);
    });

    it('reads on from an untagged checkpoint of its own (written before checkpoints were tagged): an event sits there', async () => {
      const { events } = await store.appendToStream(newStream(), [event(1), event(2)]);
      const untagged = events[0].checkpoint.replace(/^esdb:/, '');
      const next = await store.readAll({ after: untagged, limit: 1 });
      expect(next.events.map((e) => e.eventId)).toEqual([events[1].eventId]);
      expect(next.checkpoint).toBe(events[1].checkpoint);
    });
  });

  describe('errors of the server, in the port terms', () => {
    it('an append over the maximum append size: AppendTooLargeError with the server limit, nothing written', async () => {
      client.set({ maxAppendSize: 2_000 });
      const streamId = newStream();
      const attempt = store.appendToStream(streamId, [{ type: 'Big', data: { text: 'x'.repeat(3_000) } }]);
      await expect(attempt).rejects.toBeInstanceOf(AppendTooLargeError);
      await expect(attempt).rejects.toMatchObject({ streamId, maxAppendBytes: 2_000 });
      expect((await store.readStream(streamId)).exists).toBe(false);
    });

    it('a tombstoned stream: StreamDeletedError for a read and for an append', async () => {
      const streamId = newStream();
      await store.appendToStream(streamId, [event(1)]);
      client.tombstone(streamId);
      await expect(store.readStream(streamId)).rejects.toBeInstanceOf(StreamDeletedError);
      await expect(store.appendToStream(streamId, [event(2)])).rejects.toBeInstanceOf(StreamDeletedError);
    });

    it('$all without the rights to read it: EventStoreAccessDeniedError, for readAll and for the health ping', async () => {
      client.set({ deniesReadAll: true });
      await expect(store.readAll()).rejects.toBeInstanceOf(EventStoreAccessDeniedError);
      await expect(store.ping()).rejects.toBeInstanceOf(EventStoreAccessDeniedError);
    });

    it.each(['appendToStream', 'readStream', 'readAll'] as const)(
      'an unreachable server during %s: EventStoreUnavailableError, which the API answers with 503',
      async (method) => {
        const streamId = newStream();
        await store.appendToStream(streamId, [event(1)]);
        client.failNext(method, new UnavailableError());
        const call =
          method === 'appendToStream' ? store.appendToStream(streamId, [event(2)]) : method === 'readStream' ? store.readStream(streamId) : store.readAll();
        const error = await call.then(
          () => undefined,
          (thrown: unknown) => thrown,
        );
        expect(error).toBeInstanceOf(EventStoreUnavailableError);
        expect(isTransientDatabaseError(error)).toBe(true);
      },
    );

    it('with throwOnAppendFailure=false in the connection string, a conflict still reports the version the stream is at', async () => {
      const streamId = newStream();
      await store.appendToStream(streamId, [event(1), event(2), event(3)]);
      client.set({ throwOnAppendFailure: false });
      await expect(store.appendToStream(streamId, [event(9)], { expectedVersion: 1 })).rejects.toMatchObject({ expected: 1, actual: 3 });
    });

    it('a conflict reports the version the stream is at, also when the server answer held no revision the client reads', async () => {
      const streamId = newStream();
      await store.appendToStream(streamId, [event(1), event(2), event(3)]);
      client.set({ reportsRevisionOnConflict: false });
      const attempt = store.appendToStream(streamId, [event(9)], { expectedVersion: 1 });
      await expect(attempt).rejects.toBeInstanceOf(ConcurrencyConflictError);
      await expect(attempt).rejects.toMatchObject({ expected: 1, actual: 3 });
      await expect(store.appendToStream(newStream(), [event(9)], { expectedVersion: 2 })).rejects.toMatchObject({ actual: 0 });
    });
  });

  describe('deadlines and closing', () => {
    it('gives appends the deadline, and cancels a read past it (the client sends reads without one)', async () => {
      const streamId = newStream();
      await store.appendToStream(streamId, [event(1)]);
      expect(client.calls.filter((call) => call.method === 'appendToStream').map((call) => call.options.deadline)).toEqual([4_321]);

      const quick = EventStoreDBEventStore.overClient(client, { deadlineMs: 50 });
      client.stallNext('readStream');
      await expect(quick.readStream(streamId)).rejects.toThrow(/deadline/);
      client.stallNext('readAll');
      await expect(quick.readAll()).rejects.toBeInstanceOf(EventStoreUnavailableError);
      // The cancelled reads are over: the next ones answer.
      await expect(quick.readStream(streamId)).resolves.toMatchObject({ currentVersion: 1 });

      // A stalled server fails the start-up check too, instead of hanging it.
      const stalled = new FakeEventStoreDBClient();
      stalled.stallNext('readAll');
      await expect(EventStoreDBEventStore.open(stalled, { deadlineMs: 50 })).rejects.toBeInstanceOf(EventStoreUnavailableError);
    });

    it('a readAll cut short by close() fails instead of passing for a short page at the end of the log', async () => {
      for (let i = 0; i < 5; i++) await store.appendToStream(newStream(), [event(i)]);
      client.whileNextReadIsUnderWay(() => store.close());
      await expect(store.readAll()).rejects.toBeInstanceOf(EventStoreUnavailableError);
    });

    it('refuses calls after close()', async () => {
      await store.close();
      await expect(store.readStream(newStream())).rejects.toBeInstanceOf(EventStoreUnavailableError);
    });

    it.each(['kurrentdb://localhost:2113?tls=false', 'kdb://localhost:2113', 'http://localhost:2113'])(
      'refuses to connect with %s, a scheme the v6 client cannot parse, before trying the network',
      async (connectionString) => {
        await expect(EventStoreDBEventStore.connect(connectionString)).rejects.toBeInstanceOf(EventStoreUsageError);
      },
    );
  });
});
