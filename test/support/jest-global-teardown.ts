import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { BUILD_DIR_VARIABLE } from './built-app';

/** Removes the build of jest-global-setup.ts. */
export default function removeTestBuild(): void {
  const outDir = process.env[BUILD_DIR_VARIABLE];
  if (outDir !== undefined) rmSync(dirname(outDir), { recursive: true, force: true });
}
