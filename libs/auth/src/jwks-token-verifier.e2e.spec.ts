import { spawn } from 'node:child_process';
import { generateKeyPairSync, KeyObject } from 'node:crypto';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { JwtService } from '@nestjs/jwt';

const ROOT = join(__dirname, '../../..');
const PROBE = join(__dirname, 'testing/verify-with-jwks.probe.ts');
const claims = { sub: 'u-1', roles: ['supervisor'], team: 'T1', municipality: 'GM0299' };

type ProbeResult = { principal: unknown } | { error: { name: string; code?: string; message: string; status?: number } };

/** A real identity provider's JWKS endpoint, in this process. */
async function serveJwks(keys: { kid: string; publicKey: KeyObject }[]): Promise<{ url: string; close(): Promise<void> }> {
  const body = JSON.stringify({
    keys: keys.map(({ kid, publicKey }) => ({ ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' })),
  });
  const server = createServer((_request, response) => {
    response.setHeader('Content-Type', 'application/json');
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Verifies every case with JwksTokenVerifier in a plain Node process (see the probe for why). */
async function probe(cases: { jwksUrl: string; token: string }[]): Promise<ProbeResult[]> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', PROBE], {
    cwd: ROOT,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  child.stdin.end(JSON.stringify(cases));
  const exitCode = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (exitCode !== 0) throw new Error(`probe exited with ${exitCode}: ${stderr}`);
  return JSON.parse(stdout) as ProbeResult[];
}

describe('JwksTokenVerifier (RS256 against a JWKS endpoint)', () => {
  const jwt = new JwtService();
  const idpKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const strangerKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const sign = (privateKey: KeyObject, kid: string, payload: object = claims) =>
    jwt.sign(payload, {
      privateKey: privateKey.export({ format: 'pem', type: 'pkcs8' }),
      algorithm: 'RS256',
      keyid: kid,
      expiresIn: 60,
    });

  let results: ProbeResult[];

  beforeAll(async () => {
    const jwks = await serveJwks([{ kid: 'key-1', publicKey: idpKey.publicKey }]);
    const gone = await serveJwks([]);
    await gone.close();
    const publicPem = idpKey.publicKey.export({ format: 'pem', type: 'spki' }).toString();
    try {
      results = await probe([
        { jwksUrl: jwks.url, token: sign(idpKey.privateKey, 'key-1') },
        { jwksUrl: jwks.url, token: sign(strangerKey.privateKey, 'key-1') },
        { jwksUrl: jwks.url, token: sign(strangerKey.privateKey, 'key-2') },
        { jwksUrl: jwks.url, token: jwt.sign(claims, { secret: publicPem, algorithm: 'HS256', keyid: 'key-1', expiresIn: 60 }) },
        { jwksUrl: jwks.url, token: sign(idpKey.privateKey, 'key-1', { sub: 'u-1', municipality: 'GM0299' }) },
        { jwksUrl: gone.url, token: sign(idpKey.privateKey, 'key-1') },
      ]);
    } finally {
      await jwks.close();
    }
  });

  it('accepts an RS256 token signed with a published key', () => {
    expect(results[0]).toEqual({ principal: claims });
  });

  it('rejects a token signed with another key under a published key id', () => {
    expect(results[1]).toMatchObject({ error: { name: 'InvalidTokenError', code: 'invalid-token' } });
  });

  it('rejects a token with a key id the provider does not publish', () => {
    expect(results[2]).toMatchObject({ error: { name: 'InvalidTokenError', message: expect.stringMatching(/does not publish/) } });
  });

  it('rejects an HS256 token that uses the public key as its secret', () => {
    expect(results[3]).toMatchObject({ error: { name: 'InvalidTokenError', message: expect.stringMatching(/RS256/) } });
  });

  it('rejects a validly signed token without roles', () => {
    expect(results[4]).toMatchObject({ error: { name: 'InvalidTokenError', message: expect.stringMatching(/roles/) } });
  });

  it('answers 503, not 401, when the identity provider cannot be reached', () => {
    expect(results[5]).toMatchObject({ error: { status: 503, code: 'token-keys-unavailable' } });
  });
});
