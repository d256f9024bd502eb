export * from './test-services';
export * from './read-model-dump';
export * from './child-process';
export * from './test-redis';
export * from './rebuilt-read-models';
export * from './read-model-probes';
export * from './prometheus-text';
export * from './throw-away-databases';
