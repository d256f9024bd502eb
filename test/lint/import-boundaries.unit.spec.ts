import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';

// The boundaries of eslint.config.js, checked through ESLint's own API with the repository's config, the way
// `npm run lint` applies them. The files need not exist: lintText judges the text as if it stood at filePath.
const ROOT = join(__dirname, '..', '..');
const eslint = new ESLint({ cwd: ROOT });

async function boundaryErrors(source: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: join(ROOT, filePath) });
  return result.messages.filter((message) => message.ruleId?.endsWith('no-restricted-imports')).map((message) => message.message);
}

describe('import boundaries (eslint.config.js)', () => {
  const nestInTheDomain = readFileSync(join(__dirname, 'fixtures', 'nest-in-the-domain.ts'), 'utf8');

  it('refuses an import of @nestjs/common into libs/domain', async () => {
    expect(await boundaryErrors(nestInTheDomain, 'libs/domain/src/norms/nest-in-the-domain.ts')).toEqual([
      expect.stringContaining('libs/domain is free of NestJS'),
    ]);
  });

  it('allows the same file in a lib that may use NestJS', async () => {
    expect(await boundaryErrors(nestInTheDomain, 'libs/http/src/nest-in-the-domain.ts')).toEqual([]);
  });

  it.each([
    ['libs/domain/src/x.ts', "import { Pool } from 'pg';", 'libs/domain does no I/O'],
    ['libs/domain/src/x.ts', "import type { PGlite } from '@electric-sql/pglite';", 'libs/domain does no I/O'],
    ['libs/domain/src/x.ts', "import { Redis } from 'ioredis';", 'libs/domain does no I/O'],
    ['libs/domain/src/x.ts', "import { readFileSync } from 'node:fs';", 'libs/domain does no I/O'],
    ['libs/domain/src/x.ts', "import { createServer } from 'http';", 'libs/domain does no I/O'],
    ['libs/domain/src/x.ts', "import { SqlDatabase } from '@casusregie/sql';", 'libs/domain depends on no other lib'],
    ['libs/domain/src/norms/x.ts', "import { householdIdOf } from '../../../households/src';", 'not a relative path'],
    ['libs/projections/src/x.ts', "import { createApiApp } from '../../../apps/api/src/create-api-app';", 'A lib never imports apps/ or seeds/'],
    ['libs/sql/src/x.ts', "import { generateHouseholds } from '@casusregie/seeds';", 'A lib never imports apps/ or seeds/'],
    ['libs/queue/src/x.ts', "import { evolve } from '@casusregie/domain';", 'libs/queue is transport only'],
    ['seeds/src/x.ts', "import { createApiApp } from '../../apps/api/src/create-api-app';", 'seeds write through the libs'],
  ])('%s: refuses %s', async (filePath, source, reason) => {
    expect(await boundaryErrors(source, filePath)).toContainEqual(expect.stringContaining(reason));
  });

  it.each([
    ['libs/domain/src/x.ts', "import { LocalDate } from '@js-joda/core'; import { judgeItem } from './norms';"],
    ['libs/queue/src/x.ts', "import { SqlDatabase } from '@casusregie/sql';"],
    ['apps/api/src/x.ts', "import { Pool } from 'pg'; import { evolve } from '@casusregie/domain'; import { generateHouseholds } from '@casusregie/seeds';"],
  ])('%s: allows %s', async (filePath, source) => {
    expect(await boundaryErrors(source, filePath)).toEqual([]);
  });
});
