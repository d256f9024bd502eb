import { EventStore } from '@casusregie/event-store';
import { Projection, ProjectionRunner } from '@casusregie/projections';
import { PostgresDatabase } from '@casusregie/sql';
import { dumpReadModels } from './read-model-dump';

/**
 * Rebuilds the projections from the first event into the empty database at `url`, in one process, and dumps the
 * result: what any other way of running them (incrementally, killed and restarted, several processes) must equal.
 */
export async function dumpOfRebuild(url: string, store: EventStore, projections: readonly Projection[]): Promise<Record<string, string[]>> {
  const db = new PostgresDatabase({ connectionString: url });
  try {
    const runner = new ProjectionRunner(db, store);
    await runner.prepare(projections);
    for (const projection of projections) await runner.rebuild(projection);
    return await dumpReadModels(db, projections);
  } finally {
    await db.close();
  }
}
