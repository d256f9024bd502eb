import { ConfigError, loadConfig } from '@casusregie/config';
import { describeParked, Projection, ProjectionRunner } from '@casusregie/projections';
import { allProjections, projectionNamed } from '@casusregie/runtime';
import { openStorage, Storage } from '@casusregie/storage';

export interface ProjectionCliContext {
  storage: Storage;
  /** The projection named by --projection, or every projection. */
  projections: readonly Projection[];
  /** Prepared for every projection; a parked event is one line on stderr. */
  runner: ProjectionRunner;
}

/**
 * What the projection CLIs share: the configured stores opened, the projections chosen by `--projection` (a
 * ConfigError naming the flag for an unknown one), a prepared runner, and the stores closed again afterwards.
 */
export async function withProjectionRunner<T>(projection: string | undefined, work: (context: ProjectionCliContext) => Promise<T>): Promise<T> {
  const storage = await openStorage(loadConfig());
  try {
    const all = allProjections(storage);
    let projections = all;
    if (projection !== undefined) {
      const named = projectionNamed(all, projection);
      if (named === undefined) throw new ConfigError('--projection', `must be one of ${all.map((p) => p.name).join(', ')}`);
      projections = [named];
    }
    const runner = new ProjectionRunner(storage.readModels, storage.eventStore, {
      onParked: (name, failed) => process.stderr.write(`${describeParked(name, failed)}\n`),
    });
    await runner.prepare(all);
    return await work({ storage, projections, runner });
  } finally {
    await storage.close();
  }
}
