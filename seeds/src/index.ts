export * from './comparable-history';
export * from './generate-households';
export * from './regional-providers';
export * from './seeded-random';
export * from './seed-args';
