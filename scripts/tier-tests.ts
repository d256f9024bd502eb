/**
 * Sorts the test files into tiers by what they use, and names them by it:
 *
 *   unit  *.unit.spec.ts  pure: no database, Redis, file, network or process
 *   int   *.int.spec.ts   real PostgreSQL, PGlite, Redis or files; no HTTP server, no child process
 *   e2e   *.e2e.spec.ts   HTTP (supertest, startApi, a server of its own) or child processes
 *
 *   npx ts-node --transpile-only scripts/tier-tests.ts            prints the plan, changes nothing
 *   npx ts-node --transpile-only scripts/tier-tests.ts --apply    git mv to the tier names; fixes the relative imports
 *                                                                 of a renamed file and the mentions of its old path
 *   npx ts-node --transpile-only scripts/tier-tests.ts --check    exits 1 when a test file has no tier in its name,
 *                                                                 or one lower than what it uses
 *
 * The descriptive part of a name stays: decide.property.spec.ts → decide.property.unit.spec.ts, api.pglite.e2e-spec.ts
 * → api.pglite.e2e.spec.ts. A file already named by tier keeps its name: the name may claim a higher tier than the
 * evidence (a judgement), never a lower one.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import * as ts from 'typescript';

export const TIERS = ['unit', 'int', 'e2e'] as const;
export type Tier = (typeof TIERS)[number];

const ROOT = join(__dirname, '..');
const TEST_FILE = /\.(spec|e2e-spec)\.ts$/;
const TIERED = /\.(unit|int|e2e)\.spec\.ts$/;

/** What puts a file in a tier: the modules it imports and the names it uses (its own or its test helpers'). */
const EVIDENCE: Record<Exclude<Tier, 'unit'>, { modules: RegExp; names: RegExp }> = {
  e2e: {
    modules: /^(supertest|(node:)?child_process)$/,
    names: /^(startApi|startApp|startApiProcess|startProcess|spawn|fork|execFile|createServer|listen)$/,
  },
  int: {
    modules: /^(pg|ioredis|bullmq|@electric-sql\/pglite|(node:)?net)$/,
    names:
      /^(PGlite|PGliteDatabase|PostgresDatabase|createTestDatabase|openWriteTransaction|TEST_DATABASE_URL|TEST_REDIS_URL|createTestRedis|Redis|openStorage|createApiApp|EventStoreDBEventStore|ESDB_CONNECTION_STRING|createTempDir|mkdtempSync|writeFileSync)$/,
  },
};

export interface Evidence {
  tier: Tier;
  /** What each tier found: `supertest`, `startApi via api-harness.ts`. */
  found: Record<Exclude<Tier, 'unit'>, string[]>;
}

/** The modules a source imports and the identifiers it uses (comments and strings do not count). */
export function usesOf(source: string): { modules: string[]; names: Set<string> } {
  const file = ts.createSourceFile('x.ts', source, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  const modules: string[] = [];
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      modules.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.arguments.length > 0 && ts.isStringLiteral(node.arguments[0])) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require')) modules.push(node.arguments[0].text);
    }
    if (ts.isIdentifier(node)) names.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return { modules, names };
}

/** The tier one source's own uses ask for; `via` names the helper they were found in. */
export function evidenceOf(source: string, via = ''): Evidence {
  const { modules, names } = usesOf(source);
  const found = { e2e: [] as string[], int: [] as string[] };
  for (const tier of ['e2e', 'int'] as const) {
    const rule = EVIDENCE[tier];
    const what = [...new Set(modules.filter((module) => rule.modules.test(module))), ...[...names].filter((name) => rule.names.test(name))];
    found[tier] = what.map((name) => `${name}${via}`);
  }
  return { tier: found.e2e.length > 0 ? 'e2e' : found.int.length > 0 ? 'int' : 'unit', found };
}

const higher = (a: Tier, b: Tier): Tier => (TIERS.indexOf(a) >= TIERS.indexOf(b) ? a : b);

/** A relative import of a test helper (a file under test/, testing/ or support/, not a spec), resolved to its path. */
function helperPath(fromFile: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = posix.join(posix.dirname(fromFile), specifier);
  const path = [`${base}.ts`, `${base}/index.ts`].find((candidate) => existsSync(join(ROOT, candidate)));
  if (!path || TEST_FILE.test(path) || !/(^|\/)(test|testing|support)\//.test(path)) return undefined;
  return path;
}

/** The tier a test file needs: its own uses and those of the test helpers it imports, transitively. */
export function classify(file: string): Evidence {
  const seen = new Set<string>();
  const walk = (path: string, via: string): Evidence => {
    seen.add(path);
    const source = readFileSync(join(ROOT, path), 'utf8');
    const own = evidenceOf(source, via);
    for (const specifier of usesOf(source).modules) {
      const helper = helperPath(path, specifier);
      if (!helper || seen.has(helper)) continue;
      const inner = walk(helper, ` via ${posix.basename(helper)}`);
      own.tier = higher(own.tier, inner.tier);
      own.found.e2e.push(...inner.found.e2e);
      own.found.int.push(...inner.found.int);
    }
    return own;
  };
  return walk(file, '');
}

/** foo.spec.ts, foo.e2e-spec.ts → foo.<tier>.spec.ts; a name with a tier keeps it. */
export function tieredName(file: string, tier: Tier): string {
  if (TIERED.test(file)) return file;
  return file.replace(TEST_FILE, `.${tier}.spec.ts`);
}

export function namedTier(file: string): Tier | undefined {
  return TIERED.exec(file)?.[1] as Tier | undefined;
}

/** Why a file's tier deserves a second look, or undefined. */
function doubt(file: string, { tier, found }: Evidence): string | undefined {
  const has = (list: string[], pattern: RegExp) => list.some((what) => pattern.test(what));
  if (tier === 'e2e' && !has(found.e2e, /^(startApi|startApp|startApiProcess|startProcess|spawn|fork|execFile|(node:)?child_process)\b/) && !has(found.int, /^createApiApp\b/)) {
    return has(found.e2e, /^supertest\b/) ? 'HTTP through supertest, but no app of the project and no process' : 'a local HTTP server, no app of the project and no process';
  }
  if (tier === 'int' && found.int.every((what) => /^(createTempDir|mkdtempSync|writeFileSync|(node:)?net)\b/.test(what))) return 'only files or sockets, no database or Redis';
  if (/\.e2e-spec\.ts$/.test(file) && tier !== 'e2e') return `named e2e-spec, but no HTTP or process`;
  if (tier === 'unit' && /\.(pglite|redis|postgres)\./.test(file)) return 'its name speaks of a store, its code uses none';
  return undefined;
}

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' });
}

function testFiles(): string[] {
  return git('ls-files', 'apps', 'libs', 'seeds', 'test')
    .split('\n')
    .filter((path) => TEST_FILE.test(path) && !path.startsWith('test/bench/'));
}

interface Entry {
  file: string;
  evidence: Evidence;
  /** The name it should have; equal to file when it keeps its name. */
  target: string;
  /** Its name claims a lower tier than it uses. */
  tooLow: boolean;
  doubt?: string;
}

function plan(): Entry[] {
  return testFiles().map((file) => {
    const evidence = classify(file);
    const named = namedTier(file);
    return {
      file,
      evidence,
      target: tieredName(file, evidence.tier),
      tooLow: named !== undefined && higher(named, evidence.tier) !== named,
      doubt: doubt(file, evidence),
    };
  });
}

function print(entries: Entry[]): void {
  for (const tier of TIERS) {
    const inTier = entries.filter((entry) => (namedTier(entry.target) ?? entry.evidence.tier) === tier);
    console.log(`\n${tier} (${inTier.length})`);
    for (const { file, target, evidence, doubt } of inTier) {
      const move = target === file ? file : `${file} → ${posix.basename(target)}`;
      console.log(`  ${move}${doubt ? `   ?? ${doubt}` : ''}`);
      if (evidence.tier !== 'unit') console.log(`      ${[...new Set(evidence.found[evidence.tier])].join(', ')}`);
    }
  }
  const renames = entries.filter((entry) => entry.target !== entry.file).length;
  const doubts = entries.filter((entry) => entry.doubt).length;
  const counts = TIERS.map((tier) => `${tier} ${entries.filter((entry) => (namedTier(entry.target) ?? entry.evidence.tier) === tier).length}`);
  console.log(`\n${entries.length} test files: ${counts.join(', ')}; ${renames} to rename, ${doubts} doubtful (??)`);
}

/** Rewrites relative imports of a renamed file, and mentions of its old path (docs, comments, configs). */
function fixReferences(renames: Map<string, string>): void {
  // This script and its spec name old and new names as examples: they stay as written.
  const examples = new Set(['scripts/tier-tests.ts', 'test/tooling/tier-tests.unit.spec.ts']);
  const tracked = git('ls-files')
    .split('\n')
    .filter((path) => /\.(ts|js|json|md|ya?ml)$|^\.ci\//.test(path) && !examples.has(path) && existsSync(join(ROOT, path)));
  // A bare file name (`supervision-sql.e2e-spec.ts` in a comment) is rewritten only when every file of that name goes
  // to the same new name.
  const byName = new Map<string, Set<string>>();
  for (const [from, to] of renames) byName.set(posix.basename(from), (byName.get(posix.basename(from)) ?? new Set()).add(posix.basename(to)));
  for (const path of tracked) {
    const before = readFileSync(join(ROOT, path), 'utf8');
    let text = before;
    if (path.endsWith('.ts')) {
      const specifiers = /(from\s+|import\s+|import\(\s*|require\(\s*|jest\.mock\(\s*)(['"])(\.{1,2}\/[^'"]+?)(\.ts)?\2/g;
      text = text.replace(specifiers, (whole, lead: string, quote: string, specifier: string, extension = '') => {
        const renamed = renames.get(`${posix.join(posix.dirname(path), specifier)}.ts`);
        if (!renamed) return whole;
        let next = posix.relative(posix.dirname(path), renamed.replace(/\.ts$/, ''));
        if (!next.startsWith('.')) next = `./${next}`;
        return `${lead}${quote}${next}${extension}${quote}`;
      });
    }
    for (const [from, to] of renames) text = text.split(from).join(to);
    for (const [name, targets] of byName) {
      if (targets.size !== 1) continue;
      const [to] = targets;
      const escaped = name.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
      text = text.replace(new RegExp(`(?<![\\w.-])${escaped}(?![\\w-])`, 'g'), to);
      // `supervision-sql.e2e-spec` without .ts, as comments name a test.
      if (name.endsWith('.e2e-spec.ts')) {
        text = text.replace(new RegExp(`(?<![\\w./-])${escaped.replace(/\\\.ts$/, '')}(?![\\w.-])`, 'g'), to.replace(/\.ts$/, ''));
      }
    }
    if (text !== before) {
      writeFileSync(join(ROOT, path), text);
      console.log(`  updated ${path}`);
    }
  }
}

function main(args: string[]): void {
  const entries = plan();
  const checking = args.includes('--check');
  // A check prints only what is wrong (and a count); the plan is for people deciding a rename.
  if (!checking) print(entries);
  const tooLow = entries.filter((entry) => entry.tooLow);
  for (const { file, evidence } of tooLow) console.log(`!! ${file} is named below what it uses: ${evidence.tier}`);
  if (checking) {
    const untiered = entries.filter((entry) => entry.target !== entry.file);
    for (const { file, target } of untiered) console.log(`!! ${file} has no tier in its name (${posix.basename(target)})`);
    const problems = untiered.length + tooLow.length;
    console.log(problems === 0 ? `${entries.length} test files, each named by its tier` : `${problems} test files to rename`);
    process.exitCode = problems > 0 ? 1 : 0;
    return;
  }
  if (!args.includes('--apply')) {
    console.log('\nDry run: nothing changed. --apply renames with git mv and fixes imports and mentions.');
    return;
  }
  const renames = new Map(entries.filter((entry) => entry.target !== entry.file).map((entry) => [entry.file, entry.target]));
  for (const [from, to] of renames) git('mv', from, to);
  console.log(`\nRenamed ${renames.size} files with git mv.`);
  fixReferences(renames);
  console.log('Now: npx tsc -p tsconfig.json --noEmit && npm run lint && npm test');
}

if (require.main === module) main(process.argv.slice(2));

