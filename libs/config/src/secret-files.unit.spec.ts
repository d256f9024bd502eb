import { ConfigError } from './app-config';
import { resolveSecretFiles, SECRET_VARIABLES } from './secret-files';

const KEY = 'q83vEjR3ZmdYwH2b2A0Yxk1R9kKQbq5mGq9Jv0vJ2mQ=';

/** A reader over an in-memory set of files that fails like readFileSync for any other path. */
function files(contents: Record<string, string>): (path: string) => string {
  return (path) => {
    if (path in contents) return contents[path];
    throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
  };
}

describe('resolveSecretFiles', () => {
  it('reads X_FILE into X for every secret setting, dropping one trailing newline', () => {
    const env = Object.fromEntries(SECRET_VARIABLES.map((name) => [`${name}_FILE`, `/run/secrets/${name}`]));
    const contents = Object.fromEntries(SECRET_VARIABLES.map((name) => [`/run/secrets/${name}`, `value of ${name}\n`]));
    const resolved = resolveSecretFiles(env, SECRET_VARIABLES, files(contents));
    for (const name of SECRET_VARIABLES) expect(resolved[name]).toBe(`value of ${name}`);
  });

  it('drops a Windows line end too, but only one', () => {
    expect(resolveSecretFiles({ X_FILE: '/s' }, ['X'], files({ '/s': 'secret\r\n' })).X).toBe('secret');
    expect(resolveSecretFiles({ X_FILE: '/s' }, ['X'], files({ '/s': 'secret\n\n' })).X).toBe('secret\n');
  });

  it('leaves the environment as it is when no X_FILE is set, and other variables always', () => {
    const env = { AUTH_JWT_SECRET: 'in the environment', PORT: '3000', PORT_FILE: '/not/a/secret' };
    expect(resolveSecretFiles(env, SECRET_VARIABLES, files({}))).toEqual(env);
  });

  it('refuses X and X_FILE both set, naming both and neither value', () => {
    const resolve = () => resolveSecretFiles({ PERSONAL_DATA_MASTER_KEY: KEY, PERSONAL_DATA_MASTER_KEY_FILE: '/s' }, SECRET_VARIABLES, files({ '/s': KEY }));
    expect(resolve).toThrow(ConfigError);
    expect(resolve).toThrow('PERSONAL_DATA_MASTER_KEY: is set and so is PERSONAL_DATA_MASTER_KEY_FILE; set only one of them');
  });

  it('names the variable, the path and the reason for a file it cannot read', () => {
    const resolve = () => resolveSecretFiles({ AUTH_JWT_SECRET_FILE: '/run/secrets/missing' }, SECRET_VARIABLES, files({}));
    expect(resolve).toThrow(ConfigError);
    expect(resolve).toThrow('AUTH_JWT_SECRET_FILE: cannot read /run/secrets/missing (ENOENT)');
  });

  it('refuses an empty file rather than starting without the secret', () => {
    expect(() => resolveSecretFiles({ DATABASE_URL_FILE: '/s' }, SECRET_VARIABLES, files({ '/s': '\n' }))).toThrow('DATABASE_URL_FILE: /s is empty');
  });

  it('never repeats the content of a file in an error about it', () => {
    // A value the later checks refuse is refused by them, not here; here only reading can fail, and says no content.
    const secret = 'postgresql://casusregie:hunter2@db/x';
    const resolve = () => resolveSecretFiles({ DATABASE_URL: secret, DATABASE_URL_FILE: '/s' }, SECRET_VARIABLES, files({ '/s': secret }));
    expect(resolve).toThrow(ConfigError);
    expect(() => resolve()).not.toThrow(/hunter2/);
  });
});
