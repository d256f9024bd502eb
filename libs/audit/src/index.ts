export * from './processing-log';
