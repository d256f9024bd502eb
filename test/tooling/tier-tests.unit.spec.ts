import { evidenceOf, tieredName } from '../../scripts/tier-tests';

describe('scripts/tier-tests', () => {
  it.each([
    ['libs/domain/src/household/decide.property.spec.ts', 'unit', 'libs/domain/src/household/decide.property.unit.spec.ts'],
    ['apps/api/test/api.pglite.e2e-spec.ts', 'e2e', 'apps/api/test/api.pglite.e2e.spec.ts'],
    ['seeds/src/generate-households.e2e-spec.ts', 'int', 'seeds/src/generate-households.int.spec.ts'],
    ['libs/sql/src/postgres-database.int.spec.ts', 'e2e', 'libs/sql/src/postgres-database.int.spec.ts'],
  ] as const)('names %s for tier %s: %s', (file, tier, expected) => {
    expect(tieredName(file, tier)).toBe(expected);
  });

  it.each([
    ["import request from 'supertest';", 'e2e'],
    ["import { startApi } from '../support/api-harness';", 'e2e'],
    ["import { spawn } from 'node:child_process';", 'e2e'],
    ["import { createTestDatabase } from '@casusregie/test-support';", 'int'],
    ["import { PGliteDatabase } from '@casusregie/sql';", 'int'],
    ["import Redis from 'ioredis';", 'int'],
    ["import { IncomingMessage } from 'node:http'; /* startApi, createTestDatabase */ const s = 'supertest';", 'unit'],
    ["import { decide } from './decide';", 'unit'],
  ])('%s → %s', (source, tier) => {
    expect(evidenceOf(source).tier).toBe(tier);
  });
});
