// @ts-check
/**
 * Compiles the TypeScript of apps/, libs/ and seeds/ to CommonJS in dist/ with SWC, file by file (tests, test
 * harnesses and `testing/` helpers left out), and bundles the dashboard (apps/dashboard, a browser app) with esbuild
 * into dist/dashboard, which the API serves at /dashboard/. Type checking is `npm run typecheck`'s job; this only
 * strips types, so a build of the whole tree takes about two seconds.
 *
 *   node scripts/build.js                     always builds (npm run build; the Dockerfile)
 *   node scripts/build.js --if-changed        builds only when a source or this build's settings changed since the
 *                                             last build (npm start and the CLI scripts, before they run dist/)
 *   node scripts/build.js --out-dir <dir>     builds into another directory (the tests' processes)
 *
 * The @casusregie/* aliases of tsconfig.json "paths" become relative paths at compile time, so dist/ runs on plain
 * `node` with nothing registered. Decorators compile as tsc compiles them with experimentalDecorators and
 * emitDecoratorMetadata: NestJS injects by the constructor's `design:paramtypes`, class-transformer and @nestjs/swagger
 * read `design:type`.
 *
 * A build writes into a fresh directory beside the output and then swaps it in, so a process that is starting from
 * dist/ never reads a half-written file, and a deleted source leaves no stale .js behind. The last build's input hash
 * is kept in <out-dir>/.build-inputs for --if-changed.
 */
const { createHash } = require('node:crypto');
const { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const { dirname, join, relative, resolve } = require('node:path');
const { parseArgs } = require('node:util');

const ROOT = resolve(__dirname, '..');
const SOURCE_DIRS = ['apps', 'libs', 'seeds'];
/** Test code, which runs under jest (ts-jest) and never in dist/. */
const NOT_BUILT = [/\.spec\.ts$/, /\/testing\//, /^apps\/[^/]+\/test\//, /^apps\/dashboard\//];
/** The dashboard: a browser app, bundled (not compiled file by file) from these. */
const DASHBOARD = 'apps/dashboard';
const INPUTS_FILE = '.build-inputs';

const USAGE = `Usage: node scripts/build.js [--if-changed] [--out-dir <dir>]

Compiles apps/, libs/ and seeds/ to JavaScript in dist/ (or <dir>) with SWC, and bundles the dashboard.

  --if-changed      do nothing when no source changed since the last build into that directory
  --out-dir <dir>   where to build (default: dist)
  --help            show this text`;

/** The source files to build, relative to the repository, in a stable order. */
function sourceFiles() {
  /** @type {string[]} */
  const files = [];
  const walk = (/** @type {string} */ dir) => {
    for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (path.endsWith('.ts') && !path.endsWith('.d.ts') && !NOT_BUILT.some((pattern) => pattern.test(path))) files.push(path);
    }
  };
  SOURCE_DIRS.forEach(walk);
  return files.sort();
}

/** Every file of the dashboard's sources, in a stable order (for the input hash). */
function dashboardFiles() {
  /** @type {string[]} */
  const files = [];
  const walk = (/** @type {string} */ dir) => {
    if (!existsSync(join(ROOT, dir))) return;
    for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else files.push(path);
    }
  };
  walk(DASHBOARD);
  return files.sort();
}

/**
 * Bundles the dashboard into <out>/dashboard: app.js (ES modules, minified, with its source map), app.css (the NL
 * Design System CSS and ours, with the fonts it refers to) and index.html. Everything it loads is served from there:
 * no CDN.
 */
async function bundleDashboard(/** @type {string} */ outDir) {
  if (!existsSync(join(ROOT, DASHBOARD, 'src', 'main.ts'))) return;
  const esbuild = require('esbuild');
  const out = join(outDir, 'dashboard');
  const common = { absWorkingDir: ROOT, bundle: true, minify: true, outdir: out, logLevel: 'silent', legalComments: 'linked' };
  await esbuild.build({
    ...common,
    entryPoints: { app: `${DASHBOARD}/src/main.ts` },
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    sourcemap: true,
  });
  await esbuild.build({
    ...common,
    entryPoints: { app: `${DASHBOARD}/src/styles.css` },
    loader: { '.woff2': 'file', '.woff': 'file', '.ttf': 'file', '.svg': 'file', '.png': 'file' },
    assetNames: 'assets/[name]-[hash]',
  });
  copyFileSync(join(ROOT, DASHBOARD, 'index.html'), join(out, 'index.html'));
}

/**
 * How SWC turns our TypeScript into JavaScript: decorators and their metadata as tsc emits them (NestJS needs both),
 * class fields as tsc emits them. The build and jest (jest.config.js) both use it, so tests run what the image runs.
 */
const SWC_TRANSPILE = {
  module: { type: 'commonjs', strict: true },
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
    keepClassNames: true,
  },
};

/** SWC's options; the aliases come from tsconfig.json, the one list jest reads them from as well. */
function swcOptions() {
  const ts = require('typescript');
  const tsconfig = ts.readConfigFile(join(ROOT, 'tsconfig.json'), ts.sys.readFile);
  if (tsconfig.error) throw new Error(ts.flattenDiagnosticMessageText(tsconfig.error.messageText, '\n'));
  const { baseUrl = '.', paths } = tsconfig.config.compilerOptions;
  return {
    swcrc: false,
    configFile: false,
    sourceMaps: true,
    // Stack traces name the .ts file and line; the image carries no sources, so the maps carry none either.
    inlineSourcesContent: false,
    module: SWC_TRANSPILE.module,
    jsc: { ...SWC_TRANSPILE.jsc, baseUrl: resolve(ROOT, baseUrl), paths },
  };
}

/** A hash of everything a build depends on: the sources, tsconfig.json (the aliases) and this script. */
function inputsHash(files) {
  const hash = createHash('sha256');
  for (const path of [...files, ...dashboardFiles(), 'tsconfig.json', 'scripts/build.js']) {
    hash.update(`${path}\0`).update(readFileSync(join(ROOT, path))).update('\0');
  }
  // Another SWC compiles differently: an upgrade rebuilds too.
  hash.update(`@swc/core ${require('@swc/core/package.json').version}`);
  hash.update(`esbuild ${require('esbuild/package.json').version}`);
  return hash.digest('hex');
}

/** @param {{ outDir: string, ifChanged: boolean }} options */
async function build({ outDir, ifChanged }) {
  const files = sourceFiles();
  const hash = inputsHash(files);
  const stamp = join(outDir, INPUTS_FILE);
  if (ifChanged && existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return false;

  const swc = require('@swc/core');
  const options = swcOptions();
  const fresh = `${outDir}.building-${process.pid}`;
  rmSync(fresh, { recursive: true, force: true });
  try {
    await Promise.all(
      files.map(async (path) => {
        const filename = join(ROOT, path);
        const output = path.replace(/\.ts$/, '.js');
        // The map names the source relative to where the .js ends up, as tsc's do.
        const sourceFileName = relative(dirname(join(outDir, output)), filename);
        const { code, map } = await swc.transform(readFileSync(filename, 'utf8'), { ...options, filename, sourceFileName });
        const target = join(fresh, output);
        const name = target.slice(dirname(target).length + 1);
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, `${code}\n//# sourceMappingURL=${name}.map\n`);
        if (map !== undefined) writeFileSync(`${target}.map`, map);
      }),
    );
    await bundleDashboard(fresh);
    writeFileSync(join(fresh, INPUTS_FILE), hash);
    swapIn(fresh, outDir);
  } catch (error) {
    rmSync(fresh, { recursive: true, force: true });
    throw error;
  }
  return true;
}

/**
 * Puts the fresh build where the old one was. Two renames, not one (a directory cannot be renamed over a full one);
 * when another build (a second `npm start`) swaps its own in between, this one moves that aside as well and tries again.
 */
function swapIn(fresh, outDir) {
  const old = `${outDir}.old-${process.pid}`;
  for (let attempt = 1; ; attempt++) {
    rmSync(old, { recursive: true, force: true });
    if (existsSync(outDir)) renameSync(outDir, old);
    try {
      renameSync(fresh, outDir);
      break;
    } catch (error) {
      const code = /** @type {{ code?: string }} */ (error).code;
      if ((code !== 'ENOTEMPTY' && code !== 'EEXIST') || attempt === 5) throw error;
    }
  }
  rmSync(old, { recursive: true, force: true });
}

module.exports = { build, SWC_TRANSPILE };

if (require.main === module) {
  let values;
  try {
    ({ values } = parseArgs({
      strict: true,
      allowPositionals: false,
      options: { 'if-changed': { type: 'boolean', default: false }, 'out-dir': { type: 'string', default: 'dist' }, help: { type: 'boolean', default: false } },
    }));
  } catch (error) {
    process.stderr.write(`build: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}\n`);
    process.exit(2);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const outDir = resolve(process.cwd(), values['out-dir']);
  const started = Date.now();
  build({ outDir, ifChanged: values['if-changed'] }).then(
    (built) => {
      if (built) process.stderr.write(`built ${relative(process.cwd(), outDir) || '.'} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    },
    (error) => {
      process.stderr.write(`build: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
