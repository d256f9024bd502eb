import { readFileSync } from 'node:fs';
import { ConfigError } from './app-config';

/**
 * The settings that hold a secret (a key, or a URL that may carry a password). Each may instead be given as
 * `<NAME>_FILE`: the path of a file holding the value, as Docker and Kubernetes secrets are mounted, so the value
 * never shows in `docker inspect`, the process list or a crash dump of the environment.
 */
export const SECRET_VARIABLES = [
  'AUTH_JWT_SECRET',
  'PERSONAL_DATA_MASTER_KEY',
  'DATABASE_URL',
  'REDIS_URL',
  'ESDB_CONNECTION_STRING',
  'NOTIFICATIONS_NRC_SECRET',
  'NOTIFICATIONS_NRC_AUTHORIZATION',
] as const;

/**
 * The environment with every `<NAME>_FILE` of `variables` read into `<NAME>` (one trailing newline dropped, as
 * `echo … > file` leaves one). Throws a {@link ConfigError} when both are set, or the file cannot be read or is
 * empty; the message names the variable and the path, never the content.
 */
export function resolveSecretFiles(
  env: NodeJS.ProcessEnv,
  variables: readonly string[] = SECRET_VARIABLES,
  readFile: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): NodeJS.ProcessEnv {
  const resolved: NodeJS.ProcessEnv = { ...env };
  for (const name of variables) {
    const fileVariable = `${name}_FILE`;
    const path = env[fileVariable]?.trim();
    if (path === undefined || path === '') continue;
    if (env[name] !== undefined && env[name].trim() !== '') {
      throw new ConfigError(name, `is set and so is ${fileVariable}; set only one of them`);
    }
    let content: string;
    try {
      content = readFile(path);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      throw new ConfigError(fileVariable, `cannot read ${path}${typeof code === 'string' ? ` (${code})` : ''}`);
    }
    const value = content.replace(/\r?\n$/, '');
    if (value.trim() === '') throw new ConfigError(fileVariable, `${path} is empty`);
    resolved[name] = value;
  }
  return resolved;
}
