import { householdDirectoryProjection, householdReadModelsProjection, Projection } from '@casusregie/projections';
import { providerNotificationsProjection } from '@casusregie/queue';

/** Every projection the product runs, in the order a rebuild replays them. */
export const ALL_PROJECTIONS: readonly Projection[] = [
  householdDirectoryProjection,
  householdReadModelsProjection,
  // The outbox of provider notifications (libs/queue/src/notifications); its deliveries survive a rebuild.
  providerNotificationsProjection,
];

export function projectionNamed(name: string): Projection | undefined {
  return ALL_PROJECTIONS.find((projection) => projection.name === name);
}
