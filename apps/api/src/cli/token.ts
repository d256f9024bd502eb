// Only what reads the command line is imported here; the rest loads once the flags are good (runCli).
import { runCli } from '@casusregie/runtime/run-cli';
import { parseTokenArgs, TOKEN_USAGE } from './parse-token-args';

/**
 * `npm run token -- --role consultant --team T1 --municipality GM0299` prints a development access token for the
 * API started with the same environment. Only the token goes to stdout, so `TOKEN=$(npm run -s token -- …)` works;
 * a warning goes to stderr when it had to generate the development secret, since a server on another DATA_DIR or
 * with AUTH_JWT_SECRET set refuses tokens signed with it.
 */
runCli({ name: 'token', usage: TOKEN_USAGE }, async (args) => {
  const request = parseTokenArgs(args);
  if (request === 'help') return 'help';
  // The files themselves, not the libs' index: the index of auth loads NestJS's guards and modules, which would make
  // this one-line tool take seconds instead of a fraction of one.
  const [{ ConfigError, loadConfig }, { resolveJwtSecret }, { signAccessToken }] = await Promise.all([
    import('@casusregie/config'),
    import('@casusregie/auth/resolve-jwt-secret'),
    import('@casusregie/auth/sign-access-token'),
  ]);
  const config = loadConfig();
  if (config.auth.jwksUrl !== undefined) {
    throw new ConfigError('AUTH_JWKS_URL', 'is set: get tokens from that identity provider, this tool only signs HS256 tokens');
  }
  const secret = resolveJwtSecret(config, (path) => process.stderr.write(newSecretWarning(path)));
  process.stdout.write(`${signAccessToken(request.principal, secret, { expiresIn: request.expiresIn })}\n`);
  return 0;
});

function newSecretWarning(path: string): string {
  return (
    `casusregie token: warning: AUTH_JWT_SECRET is not set and ${path} did not exist, so a new development secret ` +
    'was generated there. Only an API started with the same DATA_DIR (and no AUTH_JWT_SECRET) accepts this token.\n'
  );
}
