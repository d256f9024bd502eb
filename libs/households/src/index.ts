export * from './household-stream';
export * from './household-repository';
