import { householdDirectoryProjection, householdReadModelsProjection, Projection } from '@casusregie/projections';

/** Every projection the product runs, in the order a rebuild replays them. */
export const ALL_PROJECTIONS: readonly Projection[] = [householdDirectoryProjection, householdReadModelsProjection];

export function projectionNamed(name: string): Projection | undefined {
  return ALL_PROJECTIONS.find((projection) => projection.name === name);
}
