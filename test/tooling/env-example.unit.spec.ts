import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { SECRET_VARIABLES } from '@casusregie/config';

const ROOT = join(__dirname, '..', '..');
/** An environment variable's name: upper-case words joined by underscores (EVENT_STORE, not ENOENT or GM0299). */
const VARIABLE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'test' || entry.name === 'node_modules' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/**
 * The variables the code reads. There is no single list (loadConfig and loadNotificationDeliveryOptions each read
 * their own), so: in every source file of apps/ and libs/ that reads the environment (`process.env` or a
 * `NodeJS.ProcessEnv` parameter) and in every file of libs/config (whose readers get a `value(name)` function), each `process.env.NAME` and each string literal shaped like a variable name; and the
 * `_FILE` variant of every secret.
 */
function variablesTheCodeReads(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of [...sourceFiles(join(ROOT, 'apps')), ...sourceFiles(join(ROOT, 'libs'))]) {
    const source = readFileSync(file, 'utf8');
    const isConfig = relative(ROOT, file).startsWith(join('libs', 'config'));
    if (!isConfig && !/process\.env|NodeJS\.ProcessEnv/.test(source)) continue;
    const names = [
      ...[...source.matchAll(/process\.env(?:\.([A-Z0-9_]+)|\[['"]([A-Z0-9_]+)['"]\])/g)].map((match) => match[1] ?? match[2]),
      ...[...source.matchAll(/'([A-Z0-9_]+)'|"([A-Z0-9_]+)"/g)].map((match) => match[1] ?? match[2]).filter((name) => VARIABLE.test(name)),
    ];
    for (const name of names) if (!found.has(name)) found.set(name, relative(ROOT, file));
  }
  for (const name of SECRET_VARIABLES) found.set(`${name}_FILE`, 'libs/config/src/secret-files.ts');
  return found;
}

function variablesInEnvExample(): Map<string, string> {
  const assignments = readFileSync(join(ROOT, '.env.example'), 'utf8')
    .split('\n')
    .map((line) => /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line))
    .filter((match) => match !== null);
  return new Map(assignments.map(([, name, value]) => [name, value]));
}

describe('.env.example', () => {
  const read = variablesTheCodeReads();
  const listed = variablesInEnvExample();

  it('lists every variable the code reads', () => {
    expect(read.size).toBeGreaterThan(25);
    expect([...read].filter(([name]) => !listed.has(name)).map(([name, file]) => `${name} (read in ${file})`)).toEqual([]);
  });

  it('lists nothing the code does not read', () => {
    expect([...listed.keys()].filter((name) => !read.has(name))).toEqual([]);
  });

  it('leaves every secret empty', () => {
    for (const name of SECRET_VARIABLES) expect({ name, value: listed.get(name) }).toEqual({ name, value: '' });
  });
});
