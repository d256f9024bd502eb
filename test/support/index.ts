export * from './test-services';
export * from './read-model-dump';
