export * from './household-stream';
export * from './household-repository';
export * from './personal-data';
