import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiHarness, startApi } from '../support/api-harness';

/**
 * The API contract as committed in openapi/: the OpenAPI document the API serves, and the TypeScript types
 * openapi-typescript generates from it for integrators. `npm run openapi:export` writes both from the running app;
 * contract-drift.e2e.spec.ts fails when the served document and the committed files differ.
 */
const ROOT = join(__dirname, '../../../..');
export const CONTRACT_DIR = join(ROOT, 'openapi');
export const CONTRACT_FILES = {
  document: join(CONTRACT_DIR, 'openapi.json'),
  types: join(CONTRACT_DIR, 'casusregie-api.d.ts'),
} as const;
export const EXPORT_COMMAND = 'npm run openapi:export';

export interface Contract {
  document: string;
  types: string;
}

/**
 * Fetches the document the app serves and renders both files. The key order is the one the app serves: it follows
 * the code (controllers and DTOs in declaration order), so it is the same on every run and reads like the code.
 */
export async function servedContract(api: ApiHarness): Promise<Contract> {
  const { body } = await api.http().get('/api/v1/openapi.json').expect(200);
  const document = `${JSON.stringify(body, null, 2)}\n`;
  return { document, types: typesOf(document) };
}

/** Starts the API on PGlite (no server needed: the document does not depend on the store) just to read its contract. */
export async function exportContract(): Promise<Contract> {
  const api = await startApi('pglite');
  try {
    return await servedContract(api);
  } finally {
    await api.close();
  }
}

export function committedContract(): Contract {
  return { document: readFileSync(CONTRACT_FILES.document, 'utf8'), types: readFileSync(CONTRACT_FILES.types, 'utf8') };
}

/** The document's TypeScript types, from openapi-typescript (in a node of its own: see scripts/openapi-types.mjs). */
export function typesOf(document: string): string {
  return execFileSync(process.execPath, [join(ROOT, 'scripts/openapi-types.mjs')], { input: document, encoding: 'utf8' });
}

/**
 * Where two texts part, in a few lines: the first differing line with some context from each side, and how many lines
 * each has. Enough to see what changed without printing a 9,000-line document.
 */
export function shortDiff(committed: string, served: string, context = 4): string {
  const a = committed.split('\n');
  const b = served.split('\n');
  let first = 0;
  while (first < a.length && first < b.length && a[first] === b[first]) first++;
  const show = (lines: string[], sign: string) =>
    lines
      .slice(Math.max(0, first - context), first + context + 1)
      .map((line, i) => `${Math.max(0, first - context) + i === first ? sign : ' '} ${Math.max(1, first - context + 1) + i}: ${line}`)
      .join('\n');
  return [
    `first difference at line ${first + 1} (committed ${a.length} lines, served ${b.length})`,
    '--- committed',
    show(a, '-'),
    '+++ served',
    show(b, '+'),
  ].join('\n');
}
