/**
 * What the queue runs for a projection: a catch-up of at most `maxBatches` batches of `batchSize` events, reporting
 * how many it applied. ProjectionRunner (libs/projections) is one; the queue knows projections only by name, so that
 * transport stays apart from what is projected.
 */
export interface CatchUpRunner<P extends { readonly name: string }> {
  catchUp(projection: P, batchSize?: number, maxBatches?: number): Promise<{ processed: number }>;
}
