export * from './test-services';
export * from './read-model-dump';
export * from './child-process';
