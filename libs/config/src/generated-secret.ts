import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ConfigError } from './app-config';

/**
 * A secret that embedded mode invents once and keeps in `dataDir/<file>`, so that every process on that data
 * directory (the API, `npm run token`, a seed run) agrees on it and it survives restarts. Server deployments are
 * given their secrets in the environment instead.
 *
 * `check` returns a problem with the stored text (too short, not base64) or undefined when it is usable; `onCreated`
 * hears the path when this call wrote a new secret (not when another process did so first).
 */
export function readOrCreateSecretFile(
  dataDir: string,
  file: string,
  create: () => string,
  check: (content: string) => string | undefined,
  onCreated?: (path: string) => void,
): string {
  const path = join(dataDir, file);
  const existing = readSecret(path, check);
  if (existing !== undefined) return existing;

  mkdirSync(dataDir, { recursive: true });
  const secret = create();
  try {
    // 'wx' fails when the file exists: if two processes start together, both end up with the first one.
    writeFileSync(path, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    onCreated?.(path);
    return secret;
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'EEXIST') throw error;
    return readSecret(path, check) ?? secret;
  }
}

function readSecret(path: string, check: (content: string) => string | undefined): string | undefined {
  let content: string;
  try {
    content = readFileSync(path, 'utf8').trim();
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return undefined;
    throw error;
  }
  const problem = check(content);
  if (problem !== undefined) throw new ConfigError('DATA_DIR', `${basename(path)} ${problem}; delete it to generate a new one`);
  try {
    // A copied or restored file may have lost its mode, and these secrets guard every role or every person.
    chmodSync(path, 0o600);
  } catch {
    // Not ours to change (read-only mount, other owner): still usable.
  }
  return content;
}
