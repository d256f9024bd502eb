export * from './projection-trigger';
export * from './catch-up-runner';
export * from './redis-connection';
export * from './bull-projection-trigger';
export * from './bull-projection-workers';
export * from './in-process-projections';
export * from './queue-job-counts';
