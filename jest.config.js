// Path aliases mirror tsconfig.json "paths": one source of truth would be nicer, but ts-jest does not read them.
const libs = ['config', 'domain', 'event-store', 'sql', 'auth', 'http', 'queue', 'storage', 'runtime', 'households', 'projections', 'providers', 'audit', 'operations', 'notifications'];
const moduleNameMapper = {
  ...Object.fromEntries(libs.map((lib) => [`^@casusregie/${lib}(|/.*)$`, `<rootDir>/libs/${lib}/src$1`])),
  '^@casusregie/test-support(|/.*)$': '<rootDir>/test/support$1',
  '^@casusregie/seeds(|/.*)$': '<rootDir>/seeds/src$1',
};

/** @type {import('jest').Config} */
module.exports = {
  rootDir: '.',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test', '<rootDir>/seeds'],
  testRegex: '.*\\.(spec|e2e-spec)\\.ts$',
  testPathIgnorePatterns: ['/node_modules/', '/test/bench/'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
  testEnvironment: 'node',
  testTimeout: 60000,
  verbose: true,
};
