import { AuthenticatedRequest } from './authenticated-request';
import { identifyRequest } from './identify-request';
import { InvalidTokenError } from './invalid-token.error';
import { Principal } from './principal';
import { TokenVerifier } from './token-verifier';

const principal: Principal = { sub: 'u-1', roles: ['consultant'], municipality: 'GM0299' };
const requestWith = (authorization?: string) => ({ headers: { authorization } }) as unknown as AuthenticatedRequest;

describe('identifyRequest', () => {
  it('verifies a bearer token once per request, however often it is asked', async () => {
    const verify = jest.fn<Promise<Principal>, [string]>().mockResolvedValue(principal);
    const request = requestWith('Bearer a.b.c');
    expect(await identifyRequest(request, { verify })).toEqual({ kind: 'verified', principal });
    expect(await identifyRequest(request, { verify })).toEqual({ kind: 'verified', principal });
    expect(verify).toHaveBeenCalledTimes(1);
    expect(verify).toHaveBeenCalledWith('a.b.c');
  });

  it('says missing without a bearer token, and invalid for a token the verifier refuses', async () => {
    const refusing: TokenVerifier = { verify: () => Promise.reject(new InvalidTokenError('nope')) };
    expect(await identifyRequest(requestWith(), refusing)).toEqual({ kind: 'missing' });
    expect(await identifyRequest(requestWith('Basic dXNlcjpwdw=='), refusing)).toEqual({ kind: 'missing' });
    const invalid = await identifyRequest(requestWith('Bearer a.b.c'), refusing);
    expect(invalid).toMatchObject({ kind: 'invalid', error: { message: 'nope', code: 'invalid-token' } });
  });

  it('rethrows what is not the token’s fault (the identity provider unreachable)', async () => {
    const failing: TokenVerifier = { verify: () => Promise.reject(new Error('JWKS down')) };
    await expect(identifyRequest(requestWith('Bearer a.b.c'), failing)).rejects.toThrow('JWKS down');
  });
});
