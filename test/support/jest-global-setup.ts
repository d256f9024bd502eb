import { execFileSync } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILD_DIR_VARIABLE } from './built-app';

const ROOT = join(__dirname, '..', '..');

/**
 * Builds apps/, libs/ and seeds/ once for the whole run, with the script of `npm run build`, into a directory of this
 * run's own (another run, in this checkout or another, builds its own). The workers inherit the variable naming it.
 */
export default function buildForTests(): void {
  const dir = mkdtempSync(join(tmpdir(), 'casusregie-build-'));
  // The compiled files require their packages as dist/ does: from a node_modules above them.
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const outDir = join(dir, 'dist');
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.js'), '--out-dir', outDir], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  process.env[BUILD_DIR_VARIABLE] = outDir;
}
