import { ConfigError } from '@casusregie/config';
import { EventStoreUsageError } from '@casusregie/event-store';
import { Storage } from './open-storage';

/**
 * Refuses to serve read models that another event store made: after EVENT_STORE changed (or a restore into another
 * store), their checkpoints are not this store's, and an API would answer from them while it writes to a log they
 * never saw. The API and the projector check this at start-up; the rebuild CLI does not, since it is the remedy.
 */
export async function checkReadModelsMatchEventStore(storage: Storage): Promise<void> {
  const { rows: table } = await storage.readModels.query<{ present: boolean }>(
    `SELECT to_regclass('projection_checkpoints') IS NOT NULL AS present`,
  );
  if (!table[0].present) return;
  const { rows } = await storage.readModels.query<{ checkpoint: string }>(
    'SELECT DISTINCT checkpoint FROM projection_checkpoints WHERE checkpoint IS NOT NULL',
  );
  for (const { checkpoint } of rows) {
    try {
      await storage.eventStore.readAll({ after: checkpoint, limit: 1 });
    } catch (error) {
      if (!(error instanceof EventStoreUsageError)) throw error;
      throw new ConfigError(
        'EVENT_STORE',
        `the read models were made from another event store than this ${storage.eventStore.kind} one: set EVENT_STORE back, or rebuild them (npm run projections:rebuild)`,
      );
    }
  }
}
