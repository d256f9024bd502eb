export * from './runtime.tokens';
export * from './runtime.module';
export * from './health/health.module';
export * from './describe-startup-error';
export * from './clock';
export * from './projections/all-projections';
export * from './projections/projection-trigger.provider';
export * from './projections/projections.module';
