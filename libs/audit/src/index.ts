export * from './processing-log';
export * from './processing-log-key';
export * from './chain-link';
export * from './chain-anchor';
export * from './processing-activities';
