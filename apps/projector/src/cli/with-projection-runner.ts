import { ConfigError, loadConfig } from '@casusregie/config';
import { describeParked, familyOf, Projection, ProjectionRunner } from '@casusregie/projections';
import { allProjections } from '@casusregie/runtime';
import { openStorage, Storage } from '@casusregie/storage';

export interface ProjectionCliContext {
  storage: Storage;
  /** The projection named by --projection (each of its partitions, or the one --partition names), or every projection. */
  projections: readonly Projection[];
  /** Prepared for every projection; a parked event is one line on stderr. */
  runner: ProjectionRunner;
}

/**
 * What the projection CLIs share: the configured stores opened, the projections chosen by `--projection` and
 * `--partition i/n` (a ConfigError naming the flag for an unknown one), a prepared runner, and the stores closed again
 * afterwards. A projection split by PROJECTION_PARTITIONS is chosen by its name as all its partitions.
 */
export async function withProjectionRunner<T>(
  projection: string | undefined,
  work: (context: ProjectionCliContext) => Promise<T>,
  partition?: string,
): Promise<T> {
  const config = loadConfig();
  const storage = await openStorage(config);
  try {
    const all = allProjections(storage, config.projectionPartitions);
    let projections = all;
    if (projection !== undefined) {
      // A split projection's name chooses all its partitions; a partition's own name (`household-read-models#0/2`) that one.
      projections = all.filter((p) => familyOf(p) === projection || p.name === projection);
      if (projections.length === 0) {
        throw new ConfigError('--projection', `must be one of ${[...new Set(all.map(familyOf))].join(', ')}`);
      }
    }
    if (partition !== undefined) {
      const named = projections.filter((p) => projection !== undefined && p.name === `${projection}#${partition}`);
      if (named.length === 0) {
        const split = projections.filter((p) => p.partition !== undefined).map((p) => p.name.slice(p.name.indexOf('#') + 1));
        throw new ConfigError(
          '--partition',
          split.length === 0 ? 'needs --projection naming a projection PROJECTION_PARTITIONS splits' : `must be one of ${split.join(', ')}`,
        );
      }
      projections = named;
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
