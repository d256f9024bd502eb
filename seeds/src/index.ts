export * from './generate-households';
export * from './regional-providers';
export * from './seeded-random';
