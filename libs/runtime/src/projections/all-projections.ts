import { PROVIDER_NOTIFICATIONS_PROJECTION, providerNotificationsProjection } from '@casusregie/notifications';
import { ConfigError } from '@casusregie/config';
import { HOUSEHOLD_DIRECTORY, HOUSEHOLD_READ_MODELS, householdDirectoryProjection, householdReadModelsProjection, partitionsOf, Projection } from '@casusregie/projections';
import { Storage } from '@casusregie/storage';

/**
 * The projections that may be split by household (PROJECTION_PARTITIONS): every row they write belongs to one
 * household and is found only by it. The notifications' outbox numbers its deliveries across households.
 */
export const PARTITIONABLE_PROJECTIONS: readonly string[] = [HOUSEHOLD_DIRECTORY, HOUSEHOLD_READ_MODELS];

/**
 * Every projection the product runs, in the order a rebuild replays them; one split into partitions
 * (`partitions`, from PROJECTION_PARTITIONS) as one projection per partition. The directory opens personal values, so
 * it needs the storage's vault; so do the household read models, for the age band and wijk of figure items (and
 * nothing else: they keep ids, codes and dates); the outbox works on ids only.
 */
export function allProjections(storage: Pick<Storage, 'personalData'>, partitions: Record<string, number> = {}): readonly Projection[] {
  for (const name of Object.keys(partitions)) {
    if (!PARTITIONABLE_PROJECTIONS.includes(name)) throw new ConfigError('PROJECTION_PARTITIONS', `can split ${PARTITIONABLE_PROJECTIONS.join(', ')}, not ${name}`);
  }
  return [
    householdDirectoryProjection(storage.personalData),
    householdReadModelsProjection(storage.personalData),
    // The outbox of provider notifications (libs/notifications); its deliveries survive a rebuild.
    providerNotificationsProjection,
  ].flatMap((projection) => partitionsOf(projection, partitions[projection.name] ?? 1));
}

export function projectionNamed(projections: readonly Projection[], name: string): Projection | undefined {
  return projections.find((projection) => projection.name === name);
}

/** The names of allProjections' projections, in the same order, for validating a name before any store is open. */
export const PROJECTION_NAMES: readonly string[] = [HOUSEHOLD_DIRECTORY, HOUSEHOLD_READ_MODELS, PROVIDER_NOTIFICATIONS_PROJECTION];
