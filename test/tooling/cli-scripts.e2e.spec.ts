import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtEntry, createTempDir, exited, startProcess, TempDir } from '@casusregie/test-support';

const ROOT = join(__dirname, '..', '..');
const SCRIPTS: Record<string, string> = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts;
const CLIS = ['token', 'seed', 'projections:rebuild', 'projections:parked', 'processing-log:verify'];

/** The source of the compiled file an npm script runs: `… node … dist/apps/api/src/cli/token.js` → apps/api/src/cli/token.ts. */
function sourceOf(script: string): string {
  const compiled = /\bnode (?:--[\w-]+ )*dist\/(\S+)\.js$/.exec(SCRIPTS[script] ?? '');
  if (compiled === null) throw new Error(`npm run ${script} does not end in node dist/….js: ${SCRIPTS[script]}`);
  return `${compiled[1]}.ts`;
}

async function run(source: string, args: string[], env: Record<string, string>) {
  const child = startProcess(source, env, args);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => (stdout += chunk));
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  return { code: await exited(child), stdout, stderr };
}

describe('the npm scripts that run the product', () => {
  let dataDir: TempDir;
  beforeAll(() => (dataDir = createTempDir()));
  afterAll(() => dataDir.remove());

  it.each(['start', 'start:api', 'start:projector', ...CLIS])('npm run %s builds when sources changed and runs a compiled entry point', (script) => {
    expect(SCRIPTS[script]).toMatch(/^node scripts\/build\.js --if-changed && exec node /);
    expect(existsSync(builtEntry(sourceOf(script)))).toBe(true);
  });

  it.each(CLIS)('npm run %s -- --help prints its usage on stdout and exits 0', async (cli) => {
    const { code, stdout, stderr } = await run(sourceOf(cli), ['--help'], { DATA_DIR: dataDir.path });
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(new RegExp(`^Usage: npm run ${cli}\\b`));
    expect(stdout).toContain('--help');
  });

  it.each(CLIS)('npm run %s refuses an unknown flag with its usage on stderr and exit 2', async (cli) => {
    const { code, stdout, stderr } = await run(sourceOf(cli), ['--no-such-flag'], { DATA_DIR: dataDir.path });
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toMatch(new RegExp(`^casusregie ${cli}: Unknown option '--no-such-flag'`));
    expect(stderr).toContain(`Usage: npm run ${cli}`);
  });
});
