import { randomUUID } from 'node:crypto';
import { EventStoreDBClient } from '@eventstore/db-client';
import { MAX_APPEND_BYTES } from '../event-store';
import { AppendTooLargeError, StreamDeletedError } from '../errors';
import { concurrentWritersContract } from '../testing/concurrent-writers-contract';
import { eventStoreContract } from '../testing/event-store-contract';
import { EventStoreDBEventStore } from './eventstoredb-event-store';

/**
 * Against a real EventStoreDB / KurrentDB server, wherever one is given (none can run on the CI machines here; the
 * fake-client suite covers what a fake can). Run a server, e.g.
 *   docker run --rm -p 2113:2113 kurrentplatform/kurrentdb:26.1.1 --insecure --run-projections=All
 * and then ESDB_CONNECTION_STRING='esdb://localhost:2113?tls=false' npm test -- libs/event-store/src/eventstoredb
 * With the server's maximum append size raised (KURRENTDB_MAX_APPEND_SIZE), say so in ESDB_MAX_APPEND_SIZE.
 * System projections may run: read-all steps over their events.
 */
const connectionString = process.env.ESDB_CONNECTION_STRING;
const maxAppendBytes = process.env.ESDB_MAX_APPEND_SIZE === undefined ? undefined : Number(process.env.ESDB_MAX_APPEND_SIZE);

if (connectionString) {
  const onServer = {
    open: () => EventStoreDBEventStore.connect(connectionString),
    close: (store: EventStoreDBEventStore) => store.close(),
    maxAppendBytes,
  };
  eventStoreContract('EventStoreDB', onServer);
  concurrentWritersContract('EventStoreDB', onServer, 100);

  describe('EventStoreDB: what only a server shows', () => {
    let store: EventStoreDBEventStore;
    let client: EventStoreDBClient;
    beforeAll(async () => {
      store = await EventStoreDBEventStore.connect(connectionString);
      client = EventStoreDBClient.connectionString(connectionString);
    });
    afterAll(async () => {
      await store?.close();
      await client?.dispose();
    });

    it('takes an append of up to the server maximum and refuses one over it', async () => {
      const limit = maxAppendBytes ?? MAX_APPEND_BYTES;
      const fits = `household-${randomUUID()}`;
      await expect(store.appendToStream(fits, [{ type: 'Big', data: { text: 'x'.repeat(limit - 4_096) } }])).resolves.toMatchObject({
        nextExpectedVersion: 1,
      });
      const over = `household-${randomUUID()}`;
      await expect(store.appendToStream(over, [{ type: 'Big', data: { text: 'x'.repeat(limit + 1) } }])).rejects.toBeInstanceOf(AppendTooLargeError);
    });

    it('a soft-deleted stream reads as missing; a tombstoned one is StreamDeletedError for reads and appends', async () => {
      const soft = `household-${randomUUID()}`;
      await store.appendToStream(soft, [{ type: 'A', data: {} }]);
      await client.deleteStream(soft);
      expect(await store.readStream(soft)).toEqual({ exists: false, currentVersion: 0, events: [] });

      const hard = `household-${randomUUID()}`;
      await store.appendToStream(hard, [{ type: 'A', data: {} }]);
      await client.tombstoneStream(hard);
      await expect(store.readStream(hard)).rejects.toBeInstanceOf(StreamDeletedError);
      await expect(store.appendToStream(hard, [{ type: 'B', data: {} }])).rejects.toBeInstanceOf(StreamDeletedError);
    });

    it('a new connection reads on from the checkpoint the last one handed out', async () => {
      const streamId = `household-${randomUUID()}`;
      const { events } = await store.appendToStream(streamId, [1, 2].map((n) => ({ type: 'A', data: { n } })));
      const again = await EventStoreDBEventStore.connect(connectionString);
      try {
        const next = await again.readAll({ after: events[0].checkpoint, limit: 1 });
        expect(next.events.map((e) => e.eventId)).toEqual([events[1].eventId]);
      } finally {
        await again.close();
      }
    });
  });
} else {
  // Jest prints nothing of a file whose tests are all skipped, but it does print this.
  console.warn(
    'EventStoreDB contract suite skipped: ESDB_CONNECTION_STRING is not set (no EventStoreDB server on this machine); ' +
      'the same contract runs over a fake gRPC client in eventstoredb-fake-client.int.spec.ts',
  );
  describe('EventStore contract: EventStoreDB', () => {
    it.skip('skipped: ESDB_CONNECTION_STRING is not set (no EventStoreDB server on this machine); set it to run the contract suite against a server', () => undefined);
  });
}
