import { readdirSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join, relative } from 'node:path';
import { builtDir } from '@casusregie/test-support';

const ROOT = join(__dirname, '..', '..');
const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };

/**
 * Runtime dependencies the compiled code never requires by name, and why they are still needed at run time. An entry
 * the code does come to require directly is refused too, so that this list cannot outlive its reasons.
 */
const LOADED_INDIRECTLY: Record<string, string> = {
  '@nestjs/platform-express': "NestFactory loads it as the HTTP adapter; our code imports only its types",
  'reflect-metadata': "the decorators' design:* metadata is written through Reflect.metadata; a peer dependency of @nestjs/core, which loads it",
};

/** Every package the compiled apps, libs and seeds require (what `npm run build` puts in dist/), with a file each. */
function requiredPackages(): Map<string, string> {
  const dir = builtDir();
  const packages = new Map<string, string>();
  const walk = (path: string): void => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const child = join(path, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (entry.name.endsWith('.js')) {
        for (const [, specifier] of readFileSync(child, 'utf8').matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)) {
          if (specifier.startsWith('.') || specifier.startsWith('/') || isBuiltin(specifier)) continue;
          const name = specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
          if (!packages.has(name)) packages.set(name, relative(dir, child));
        }
      }
    }
  };
  walk(dir);
  return packages;
}

describe('runtime dependencies (package.json "dependencies" against what dist/ requires)', () => {
  const required = requiredPackages();

  it('finds the compiled code and what it requires', () => {
    expect(required.get('@nestjs/core')).toMatch(/\.js$/);
  });

  it('lists every package the compiled code requires under "dependencies" (npm ci --omit=dev installs only those)', () => {
    const missing = [...required].filter(([name]) => !(name in PACKAGE.dependencies)).map(([name, file]) => `${name} (${file})`);
    expect(missing).toEqual([]);
  });

  it('lists nothing under "dependencies" that the compiled code does not need', () => {
    const unused = Object.keys(PACKAGE.dependencies).filter((name) => !required.has(name) && !(name in LOADED_INDIRECTLY));
    expect(unused).toEqual([]);
  });

  it('keeps no reason for a package the code requires directly, or one that is no dependency', () => {
    const stale = Object.keys(LOADED_INDIRECTLY).filter((name) => required.has(name) || !(name in PACKAGE.dependencies));
    expect(stale).toEqual([]);
  });
});
