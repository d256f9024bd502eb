export * from './runtime.tokens';
export * from './runtime.module';
export * from './health/health.module';
export * from './describe-startup-error';
export * from './clock';
