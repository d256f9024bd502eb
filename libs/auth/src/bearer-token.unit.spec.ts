import { extractBearerToken } from './bearer-token';

describe('extractBearerToken', () => {
  it('takes the token of a Bearer header, whatever the case of the scheme', () => {
    expect(extractBearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(extractBearerToken('bearer abc.def-_ghi')).toBe('abc.def-_ghi');
  });

  it('finds nothing in other schemes, empty or repeated headers', () => {
    expect(extractBearerToken(undefined)).toBeUndefined();
    expect(extractBearerToken('')).toBeUndefined();
    expect(extractBearerToken('Bearer')).toBeUndefined();
    expect(extractBearerToken('Basic dXNlcjpwYXNz')).toBeUndefined();
    expect(extractBearerToken('Bearer a b')).toBeUndefined();
    expect(extractBearerToken(['Bearer a', 'Bearer b'])).toBeUndefined();
  });
});
