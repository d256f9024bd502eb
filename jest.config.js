const { join } = require('node:path');
const ts = require('typescript');
const { pathsToModuleNameMapper } = require('ts-jest');
const { SWC_TRANSPILE } = require('./scripts/build');

// The @casusregie/* aliases come from tsconfig.json "paths" (one list); readConfigFile accepts its comments.
const tsconfig = ts.readConfigFile(join(__dirname, 'tsconfig.json'), ts.sys.readFile);
if (tsconfig.error) throw new Error(ts.flattenDiagnosticMessageText(tsconfig.error.messageText, '\n'));
const { baseUrl = '.', paths } = tsconfig.config.compilerOptions;

/** @type {import('jest').Config} */
module.exports = {
  rootDir: '.',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test', '<rootDir>/seeds'],
  // Tiers by suffix: *.unit.spec.ts, *.int.spec.ts, *.e2e.spec.ts (npm run test:unit, test:int, test:e2e). A spec
  // without a tier still runs here, and `npm run tier-tests -- --check` (in CI) refuses it.
  testRegex: '.*\\.spec\\.ts$',
  testPathIgnorePatterns: ['/node_modules/', '/test/bench/'],
  transform: {
    // The typed-client tests are type-checked as they run (isolatedModules off: ts-jest's language service, diagnostics
    // on), so a client that no longer matches the committed API types (openapi/) fails its test. Every other file is
    // only transpiled, for speed (type-checking costs some 15 s per test file); `npm run typecheck` checks them all.
    '/apps/api/test/contract/.*typed-client.*\\.ts$': ['ts-jest', { tsconfig: { ...tsconfig.config.compilerOptions, isolatedModules: false } }],
    // SWC, with the options the build uses (decorator metadata for NestJS, class fields as tsc emits them): the same
    // JavaScript the product runs, transpiled some ten times faster than ts-jest, which mattered for CI's time limit.
    // Source maps inline (jest has no files on disk); the aliases are moduleNameMapper's.
    '^.+\\.ts$': ['@swc/jest', { swcrc: false, sourceMaps: 'inline', ...SWC_TRANSPILE }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: pathsToModuleNameMapper(paths, { prefix: join('<rootDir>', baseUrl, '/') }),
  testEnvironment: 'node',
  // The product's processes start from compiled JavaScript, built once per run (test/support/built-app.ts).
  globalSetup: '<rootDir>/test/support/jest-global-setup.ts',
  globalTeardown: '<rootDir>/test/support/jest-global-teardown.ts',
  testTimeout: 60000,
  verbose: true,
};
