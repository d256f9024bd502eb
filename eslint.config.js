// @ts-check
const eslint = require('@eslint/js');
const tseslint = require('typescript-eslint');

// Import boundaries (ARCHITECTURE: apps → libs → domain). Two rules carry them because in a flat config a later block's
// options replace an earlier block's options for the same rule: `no-restricted-imports` holds what a whole tree shares
// (every lib; seeds), `@typescript-eslint/no-restricted-imports` (the same rule) holds one lib's own boundary, so a file
// of libs/domain gets both. Patterns are regular expressions over the import text; relative paths count too.

/** Every lib sits below the apps and the seeds, and reaches another lib through its alias only. */
const LIB_BOUNDARY = [
  {
    regex: '^(\\.\\./)*(apps|seeds)/|^@casusregie/seeds(/|$)',
    message: 'A lib never imports apps/ or seeds/: move what both need into a lib.',
  },
  {
    regex: '^(\\.\\./)+(libs/)?[\\w-]+/src(/|$)',
    message: 'Reach another lib through its @casusregie/ alias, not a relative path into its src/.',
  },
];

/** The domain core is pure: no framework, no database or queue client, no other lib, no I/O. */
const DOMAIN_BOUNDARY = [
  { regex: '^@nestjs/', message: 'libs/domain is free of NestJS.' },
  {
    regex: '^(pg|pg-[\\w-]+|ioredis|bullmq|express|supertest|pino)(/|$)|^@(electric-sql|eventstore)/',
    message: 'libs/domain does no I/O: no database, queue, HTTP or logging client.',
  },
  { regex: '^(node:)?(fs|net|http|https|http2|child_process|dgram|dns|tls|cluster|worker_threads|readline)(/|$)', message: 'libs/domain does no I/O.' },
  { regex: '^@casusregie/', message: 'libs/domain depends on no other lib; the other libs depend on it.' },
];

/** libs/queue moves messages; what a message means belongs to the libs that use it. */
const QUEUE_BOUNDARY = [
  {
    regex: '^@casusregie/(domain|households|projections|notifications)(/|$)',
    message: 'libs/queue is transport only: it imports no domain lib.',
  },
];

// The one file let past the queue boundary: its test drives the transport with a real ProjectionRunner, as
// integration tests use real parts.
const QUEUE_BOUNDARY_EXCEPTIONS = ['libs/queue/src/in-process-projections.int.spec.ts'];

module.exports = tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'coverage/', '*.js'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Personal data must never reach a log line; structured logging goes through pino, not the console.
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts', '**/cli/**/*.ts', 'seeds/**/*.ts', 'scripts/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['libs/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: LIB_BOUNDARY }] },
  },
  {
    files: ['seeds/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(\\.\\./)*apps/', message: 'seeds write through the libs (the household command handler), not through apps/.' }] },
      ],
    },
  },
  {
    files: ['libs/domain/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: DOMAIN_BOUNDARY }] },
  },
  {
    files: ['libs/queue/**/*.ts'],
    ignores: QUEUE_BOUNDARY_EXCEPTIONS,
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: QUEUE_BOUNDARY }] },
  },
  {
    // The build script is plain CommonJS run by node before anything is compiled.
    files: ['scripts/**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
