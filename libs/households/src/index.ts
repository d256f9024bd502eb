export * from './household-stream';
export * from './household-repository';
export * from './personal-data';
export * from './household-command-handler';
export * from './keyed-serializer';
export * from './norm-settings-stream';
