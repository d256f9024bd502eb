export * from './vocabulary';
export * from './household-events';
export * from './household-commands';
export * from './household-state';
export * from './domain-error';
export * from './check-fact';
export * from './decide';
export * from './evolve';
