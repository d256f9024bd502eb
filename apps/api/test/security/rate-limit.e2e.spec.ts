import { signAccessToken } from '@casusregie/auth';
import { ApiHarness, consultant, startApi } from '../support/api-harness';

const LIMIT = 10;

/** Tokens signed with a key the API does not know: anyone can make them, with any claims. */
function forged(sub: string): string {
  return `Bearer ${signAccessToken({ ...consultant, sub }, 'not-the-api-secret-but-just-as-long-0123', { expiresIn: '10m' })}`;
}

/** Issue 14, finding 3: the rate limiter keys on the verified principal, and on the address without one. */
describe('rate limiting keys on the verified principal', () => {
  let api: ApiHarness;
  beforeEach(async () => {
    api = await startApi('postgres', '2026-11-23', { RATE_LIMIT_PER_MINUTE: String(LIMIT) });
  });
  afterEach(() => api.close());

  const me = (authorization: string) => api.http().get('/api/v1/me').set('Authorization', authorization);

  it('does not lock a consultant out when forged tokens carry their sub', async () => {
    for (let i = 0; i < LIMIT * 2; i++) expect([401, 429]).toContain((await me(forged(consultant.sub))).status);
    const answer = await me(api.bearer(consultant));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ sub: consultant.sub });
  });

  it('limits forged tokens with fresh subs by address: 401 up to the limit, then 429 problem+json', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 3; i++) statuses.push((await me(forged(`attacker-${i}`))).status);
    expect(statuses.slice(0, LIMIT)).toEqual(Array(LIMIT).fill(401));
    expect(statuses.slice(LIMIT)).toEqual([429, 429, 429]);
    const limited = await me(forged('attacker-fresh'));
    expect(limited.status).toBe(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
    // Where the client stands, as on every counted answer: nothing left, and when the count starts again.
    expect(limited.headers['x-ratelimit-limit']).toBe(String(LIMIT));
    expect(limited.headers['x-ratelimit-remaining']).toBe('0');
    expect(limited.headers['x-ratelimit-reset']).toMatch(/^\d+$/);
    // Requests without any token come from the same address and share its allowance.
    expect((await api.http().get('/api/v1/me')).status).toBe(429);
    // A verified consultant at that address is not held to the address's allowance.
    expect((await me(api.bearer(consultant))).status).toBe(200);
  });

  it('still limits a real consultant at the configured rate, per principal (sub and municipality)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 2; i++) statuses.push((await me(api.bearer(consultant))).status);
    expect(statuses).toEqual([...Array(LIMIT).fill(200), 429, 429]);
    // The same sub in another municipality is another principal.
    expect((await me(api.bearer({ ...consultant, municipality: 'GM0300' }))).status).toBe(200);
    // The address is not spent by the consultant's requests.
    expect((await api.http().get('/api/v1/me')).status).toBe(401);
  });
});
