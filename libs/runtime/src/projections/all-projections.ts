import { PROVIDER_NOTIFICATIONS_PROJECTION, providerNotificationsProjection } from '@casusregie/notifications';
import { HOUSEHOLD_DIRECTORY, householdDirectoryProjection, householdReadModelsProjection, Projection } from '@casusregie/projections';
import { Storage } from '@casusregie/storage';

/**
 * Every projection the product runs, in the order a rebuild replays them. The directory opens personal values, so
 * it needs the storage's vault; the others work on ids, codes and dates only.
 */
export function allProjections(storage: Pick<Storage, 'personalData'>): readonly Projection[] {
  return [
    householdDirectoryProjection(storage.personalData),
    householdReadModelsProjection,
    // The outbox of provider notifications (libs/notifications); its deliveries survive a rebuild.
    providerNotificationsProjection,
  ];
}

export function projectionNamed(projections: readonly Projection[], name: string): Projection | undefined {
  return projections.find((projection) => projection.name === name);
}

/** The names of allProjections' projections, in the same order, for validating a name before any store is open. */
export const PROJECTION_NAMES: readonly string[] = [HOUSEHOLD_DIRECTORY, householdReadModelsProjection.name, PROVIDER_NOTIFICATIONS_PROJECTION];
