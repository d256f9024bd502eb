export * from './metrics';
export * from './metrics.module';
export * from './metered-event-store';
export * from './observe-requests.middleware';
export * from './create-log';
export * from './pino-logger';
export * from './shutdown-on-signals';
