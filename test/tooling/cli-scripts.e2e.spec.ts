import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

  // Usage must come at once: an entry point reads its command line before it loads the stores, NestJS or the domain.
  it.each(CLIS)('npm run %s -- --help and a wrong flag load no package', async (cli) => {
    const preload = join(dataDir.path, 'record-loaded-files.js');
    const record = join(dataDir.path, `loaded-by-${cli}.json`);
    writeFileSync(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(record)}, JSON.stringify(Object.keys(require.cache))));`);
    for (const args of [['--help'], ['--no-such-flag']]) {
      rmSync(record, { force: true });
      const { code } = await run(sourceOf(cli), args, { DATA_DIR: dataDir.path, NODE_OPTIONS: `--require ${preload}` });
      const loaded: string[] = JSON.parse(readFileSync(record, 'utf8'));
      expect({ code, packages: loaded.filter((file) => file.includes('/node_modules/')) }).toEqual({ code: args[0] === '--help' ? 0 : 2, packages: [] });
      // What the record holds is this CLI's own run.
      expect(loaded).toContain(builtEntry(sourceOf(cli)));
    }
  });

  it.each(CLIS)('npm run %s refuses an unknown flag with its usage on stderr and exit 2', async (cli) => {
    const { code, stdout, stderr } = await run(sourceOf(cli), ['--no-such-flag'], { DATA_DIR: dataDir.path });
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toMatch(new RegExp(`^casusregie ${cli}: Unknown option '--no-such-flag'`));
    expect(stderr).toContain(`Usage: npm run ${cli}`);
  });
});
