import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

/**
 * An OpenID Connect identity provider for the dashboard's browser test, on 127.0.0.1 in the test process: discovery,
 * an /authorize that logs the user in without a form (it redirects straight back with a code), a /token that insists
 * on PKCE S256 (base64url(sha256(code_verifier)) must equal the code_challenge /authorize got) and a /jwks with the
 * public key of the RS256 pair it signs its tokens with. Tokens are signed with node:crypto: `jose` is ESM-only, which
 * Jest cannot load (see libs/auth/src/jwks-token-verifier.ts).
 */
export interface FakeIdentityProviderOptions {
  clientId: string;
  /** The `aud` of the access tokens (the API's AUTH_AUDIENCE). */
  audience: string;
  /** The claims of the user every /authorize logs in (sub, roles, municipality, team, ...). */
  user: Record<string, unknown>;
  accessTokenSeconds?: number;
}

/** One /authorize request as the provider saw it. */
export interface AuthorizeSeen {
  responseType: string | null;
  clientId: string | null;
  redirectUri: string | null;
  codeChallenge: string | null;
  codeChallengeMethod: string | null;
  state: string | null;
  nonce: string | null;
  scope: string | null;
}

/** One /token request and how it was answered. */
export interface TokenExchange {
  grantType: string | null;
  codeVerifier: string | null;
  /** Whether base64url(sha256(code_verifier)) equalled the code's recorded challenge. */
  verifierMatched: boolean;
  status: number;
  error?: string;
}

export interface FakeIdentityProvider {
  issuer: string;
  jwksUrl: string;
  authorizations: AuthorizeSeen[];
  exchanges: TokenExchange[];
  /** Every token it issued (access and id tokens), to look for where they must not be. */
  issuedTokens: string[];
  /** Requests it refused or did not know, with why (an empty list is a flow that went as the test meant). */
  problems: string[];
  /**
   * The next code's recorded challenge is tampered with, so that the browser's verifier no longer matches it: the
   * token endpoint refuses the exchange, exactly as it would a wrong verifier.
   */
  tamperWithNextChallenge(): void;
  close(): Promise<void>;
}

const KID = 'fake-idp-key-1';

export async function startFakeIdentityProvider(options: FakeIdentityProviderOptions): Promise<FakeIdentityProvider> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid: KID, alg: 'RS256', use: 'sig' };
  const codes = new Map<string, { challenge: string; clientId: string; redirectUri: string; nonce: string | null }>();
  let tamper = false;
  let issuer = '';

  const provider: Omit<FakeIdentityProvider, 'issuer' | 'jwksUrl' | 'close'> = {
    authorizations: [],
    exchanges: [],
    issuedTokens: [],
    problems: [],
    tamperWithNextChallenge: () => {
      tamper = true;
    },
  };

  function signJwt(payload: Record<string, unknown>): string {
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const input = `${part({ alg: 'RS256', typ: 'JWT', kid: KID })}.${part(payload)}`;
    const token = `${input}.${sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`;
    provider.issuedTokens.push(token);
    return token;
  }

  function json(response: ServerResponse, status: number, body: unknown): void {
    // The browser fetches discovery, token and keys from the dashboard's origin: cross-origin.
    response.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', 'Access-Control-Allow-Origin': '*' });
    response.end(JSON.stringify(body));
  }

  function refuse(response: ServerResponse, status: number, error: string, description: string): void {
    provider.problems.push(`${error}: ${description}`);
    json(response, status, { error, error_description: description });
  }

  function authorize(url: URL, response: ServerResponse): void {
    const q = url.searchParams;
    const seen: AuthorizeSeen = {
      responseType: q.get('response_type'),
      clientId: q.get('client_id'),
      redirectUri: q.get('redirect_uri'),
      codeChallenge: q.get('code_challenge'),
      codeChallengeMethod: q.get('code_challenge_method'),
      state: q.get('state'),
      nonce: q.get('nonce'),
      scope: q.get('scope'),
    };
    provider.authorizations.push(seen);
    if (seen.responseType !== 'code') return refuse(response, 400, 'unsupported_response_type', 'response_type must be code');
    if (seen.clientId !== options.clientId) return refuse(response, 400, 'invalid_client', 'unknown client_id');
    if (seen.redirectUri === null || !/^http:\/\/127\.0\.0\.1:\d+\/dashboard\/$/.test(seen.redirectUri)) {
      return refuse(response, 400, 'invalid_request', 'redirect_uri is not registered');
    }
    if (seen.codeChallengeMethod !== 'S256' || seen.codeChallenge === null || !/^[\w-]{43}$/.test(seen.codeChallenge)) {
      return refuse(response, 400, 'invalid_request', 'a code_challenge with code_challenge_method S256 is required');
    }
    if (seen.state === null) return refuse(response, 400, 'invalid_request', 'state is required');
    const code = randomBytes(24).toString('base64url');
    const challenge = tamper ? `${seen.codeChallenge.slice(0, -1)}${seen.codeChallenge.endsWith('A') ? 'B' : 'A'}` : seen.codeChallenge;
    tamper = false;
    codes.set(code, { challenge, clientId: seen.clientId, redirectUri: seen.redirectUri, nonce: seen.nonce });
    const back = new URL(seen.redirectUri);
    back.searchParams.set('code', code);
    back.searchParams.set('state', seen.state);
    response.writeHead(302, { Location: back.toString(), 'Cache-Control': 'no-store' });
    response.end();
  }

  function token(form: URLSearchParams, response: ServerResponse): void {
    const code = form.get('code') ?? '';
    const verifier = form.get('code_verifier');
    const issued = codes.get(code);
    // A code is good for one exchange only.
    codes.delete(code);
    const verifierMatched =
      issued !== undefined && verifier !== null && createHash('sha256').update(verifier).digest('base64url') === issued.challenge;
    const exchange: TokenExchange = { grantType: form.get('grant_type'), codeVerifier: verifier, verifierMatched, status: 400 };
    provider.exchanges.push(exchange);
    const fail = (error: string, description: string) => {
      exchange.error = error;
      refuse(response, 400, error, description);
    };
    if (exchange.grantType !== 'authorization_code') return fail('unsupported_grant_type', 'grant_type must be authorization_code');
    if (issued === undefined) return fail('invalid_grant', 'unknown or used code');
    if (form.get('client_id') !== issued.clientId) return fail('invalid_client', 'client_id does not match the code');
    if (form.get('redirect_uri') !== issued.redirectUri) return fail('invalid_grant', 'redirect_uri does not match the code');
    if (!verifierMatched) return fail('invalid_grant', 'PKCE verification failed');
    const now = Math.floor(Date.now() / 1000);
    const expiresIn = options.accessTokenSeconds ?? 300;
    exchange.status = 200;
    json(response, 200, {
      access_token: signJwt({ ...options.user, iss: issuer, aud: options.audience, iat: now, exp: now + expiresIn }),
      id_token: signJwt({
        iss: issuer,
        aud: issued.clientId,
        sub: options.user.sub,
        iat: now,
        exp: now + expiresIn,
        ...(issued.nonce === null ? {} : { nonce: issued.nonce }),
      }),
      token_type: 'Bearer',
      expires_in: expiresIn,
      scope: 'openid profile',
    });
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', issuer);
    if (request.method === 'OPTIONS') {
      response.writeHead(204, {
        'Access-Control-Allow-Origin': '*',
        'Access-Control-Allow-Methods': 'GET, POST',
        'Access-Control-Allow-Headers': request.headers['access-control-request-headers'] ?? '',
      });
      return void response.end();
    }
    if (request.method === 'GET' && url.pathname === '/.well-known/openid-configuration') {
      return json(response, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        grant_types_supported: ['authorization_code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['none'],
        scopes_supported: ['openid', 'profile'],
      });
    }
    if (request.method === 'GET' && url.pathname === '/jwks') return json(response, 200, { keys: [jwk] });
    if (request.method === 'GET' && url.pathname === '/authorize') return authorize(url, response);
    if (request.method === 'POST' && url.pathname === '/token') {
      let body = '';
      for await (const chunk of request) body += chunk;
      if (!/^application\/x-www-form-urlencoded\b/.test(request.headers['content-type'] ?? '')) {
        return refuse(response, 400, 'invalid_request', 'the token request must be a form');
      }
      return token(new URLSearchParams(body), response);
    }
    refuse(response, 404, 'not_found', `${request.method} ${url.pathname}`);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      provider.problems.push(`crashed: ${String(error)}`);
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(provider, {
    issuer,
    jwksUrl: `${issuer}/jwks`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
