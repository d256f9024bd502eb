import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { createTempDir, createTestRedis, TempDir } from '@casusregie/test-support';
import { anchorRedisKey, ChainAnchorStore, FileAnchorStore, RedisAnchorStore } from './chain-anchor';
import { parseLink } from './chain-link';

const anchor = (seq: number) => ({ seq, mac: seq.toString(16).padStart(64, '0'), tag: 'a'.repeat(64) });

describe.each([
  ['Redis', () => new RedisAnchorStore(redis)],
  ['a file in DATA_DIR', () => new FileAnchorStore(dir.path)],
])('the chain anchor in %s', (_where, open) => {
  let store: ChainAnchorStore;
  const slot = randomBytes(16).toString('hex');

  beforeEach(() => {
    store = open();
  });
  afterEach(async () => {
    await store.close();
  });

  it('holds nothing at first, then only ever moves forward; replace sets it whatever it was', async () => {
    expect(await store.read(slot)).toBeUndefined();
    await store.advance(slot, anchor(10));
    await store.advance(slot, anchor(7));
    expect(await store.read(slot)).toEqual(anchor(10));
    await store.advance(slot, anchor(12));
    expect(await store.read(slot)).toEqual(anchor(12));
    await store.replace(slot, anchor(3));
    expect(await store.read(slot)).toEqual(anchor(3));
  });
});

// A key prefix of this file's own: the shared Redis is never emptied.
const redis = createTestRedis();
let dir: TempDir;
beforeAll(() => {
  dir = createTempDir();
});
afterAll(async () => {
  dir.remove();
  await redis.remove();
});

describe('the anchor in Redis', () => {
  it('lives under REDIS_KEY_PREFIX, where deployments with the default prefix have always kept it', async () => {
    const slot = randomBytes(16).toString('hex');
    const store = new RedisAnchorStore(redis);
    await store.advance(slot, anchor(5));
    await store.close();
    const client = new Redis(redis.url);
    try {
      expect(await client.get(`${redis.keyPrefix}:processing-log-anchor:${slot}`)).toBe(`5:${anchor(5).mac}:${anchor(5).tag}`);
    } finally {
      client.disconnect();
    }
    expect(anchorRedisKey('casusregie', slot)).toBe(`casusregie:processing-log-anchor:${slot}`);
  });
});

describe('parseLink', () => {
  it('reads seq:mac as the API logs it, and nothing else', () => {
    expect(parseLink(`42:${'ab'.repeat(32)}`)).toEqual({ seq: 42, mac: 'ab'.repeat(32) });
    for (const text of ['42', `x:${'ab'.repeat(32)}`, `42:${'ab'.repeat(31)}`, `42:${'AB'.repeat(32)}`, `-1:${'ab'.repeat(32)}`]) expect(parseLink(text)).toBeUndefined();
  });
});
