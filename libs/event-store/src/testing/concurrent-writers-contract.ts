import { randomUUID } from 'node:crypto';
import { EventStore } from '../event-store';
import { EventStoreContractSetup } from './event-store-contract';
import { raceWritersAndReader } from './race-writers-and-reader';

/**
 * Writers racing on shared streams while a reader follows the log, for any store (the PostgreSQL adapter has its own,
 * with what only its transactions show). Each writer reads a stream, decides, and appends at the version it read, as
 * the household command handler does: a currentVersion ahead of the events read would let a write pass on stale state.
 */
export function concurrentWritersContract(adapterName: string, setup: EventStoreContractSetup, appendsPerWriter = 25): void {
  describe(`EventStore under concurrent writers: ${adapterName}`, () => {
    let store: EventStore;
    beforeAll(async () => {
      store = await setup.open();
    }, 180_000);
    afterAll(async () => {
      if (store) await setup.close(store);
    });

    it(`20 writers x ${appendsPerWriter} read-decide-append rounds on 5 streams: no write lost, a tailing reader sees each once`, async () => {
      let start: string | undefined;
      for (;;) {
        const batch = await store.readAll({ after: start });
        start = batch.checkpoint;
        if (batch.isEnd) break;
      }
      const streams = Array.from({ length: 5 }, () => `household-${randomUUID()}`);
      const { seen, committed, conflicts } = await raceWritersAndReader(store, {
        start,
        writers: 20,
        rounds: appendsPerWriter,
        readerLimit: 100,
        atEnd: () => new Promise((resolve) => setImmediate(resolve)),
        async round(writerIndex, round) {
          const streamId = streams[(writerIndex + round) % streams.length];
          const read = await store.readStream(streamId);
          // The version a decision is appended at is the version of what was read.
          const lastRead = read.events.length === 0 ? 0 : read.events[read.events.length - 1].streamVersion;
          expect(read.currentVersion).toBe(lastRead);
          const result = await store.appendToStream(streamId, [{ type: 'Decided', data: { writerIndex, round, after: lastRead } }], {
            expectedVersion: read.currentVersion,
          });
          return result.events;
        },
      });

      const ours = seen.filter((e) => streams.includes(e.streamId));
      expect(ours.map((e) => e.eventId).sort()).toEqual([...committed].sort());
      expect(committed.size).toBe(20 * appendsPerWriter);
      expect(conflicts).toBeGreaterThan(0);
      for (const streamId of streams) {
        const events = (await store.readStream(streamId)).events;
        // Each decision was made on exactly the events before it: none was appended over one it did not see.
        expect(events.map((e) => e.data.after)).toEqual(events.map((e) => e.streamVersion - 1));
      }
    }, 300_000);
  });
}
