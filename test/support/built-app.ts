import { join } from 'node:path';

/**
 * The variable jest's global setup (test/support/jest-global-setup.ts) sets to the directory it built apps/, libs/ and
 * seeds/ into with `npm run build`'s script, once per test run: tests start the product's processes from the same
 * compiled JavaScript the image and `npm start` run (an API answers in about 3 s where ts-node took 7 s or more).
 */
export const BUILD_DIR_VARIABLE = 'CASUSREGIE_BUILD_DIR';

/** That directory; fails outside a jest run that built it. */
export function builtDir(): string {
  const dir = process.env[BUILD_DIR_VARIABLE];
  if (dir === undefined) throw new Error(`${BUILD_DIR_VARIABLE} is not set: run the tests through jest (jest.config.js builds the apps first)`);
  return dir;
}

/** The compiled file of a source entry point: `apps/api/src/main.ts` → `<build>/apps/api/src/main.js`. */
export function builtEntry(entry: string): string {
  if (!/^(apps|libs|seeds)\/.+\.ts$/.test(entry)) throw new Error(`${entry} is not a source file of apps/, libs/ or seeds/`);
  return join(builtDir(), entry.replace(/\.ts$/, '.js'));
}
