import { ConfigError, loadConfig } from '@casusregie/config';
import { resolveJwtSecret, signAccessToken } from '@casusregie/auth';
import { describeStartupError } from '@casusregie/runtime';
import { parseTokenArgs, TOKEN_USAGE, UsageError } from './parse-token-args';

/**
 * `npm run token -- --role consultant --team T1 --municipality GM0299` prints a development access token for the
 * API started with the same environment. Only the token goes to stdout, so `TOKEN=$(npm run -s token -- …)` works.
 */
function main(): number {
  let request;
  try {
    request = parseTokenArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`token: ${error.message}\n\n${TOKEN_USAGE}\n`);
    return 2;
  }
  if (request === 'help') {
    process.stdout.write(`${TOKEN_USAGE}\n`);
    return 0;
  }

  try {
    const config = loadConfig();
    if (config.auth.jwksUrl !== undefined) {
      throw new ConfigError('AUTH_JWKS_URL', 'is set: get tokens from that identity provider, this tool only signs HS256 tokens');
    }
    const token = signAccessToken(request.principal, resolveJwtSecret(config), { expiresIn: request.expiresIn });
    process.stdout.write(`${token}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`casusregie: ${describeStartupError(error)}\n`);
    return 1;
  }
}

process.exitCode = main();
