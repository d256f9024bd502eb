import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { createTempDir, TempDir, TEST_REDIS_URL } from '@casusregie/test-support';
import { anchorRedisKey, ChainAnchorStore, FileAnchorStore, parseLink, RedisAnchorStore } from './chain-anchor';

const anchor = (seq: number) => ({ seq, mac: seq.toString(16).padStart(64, '0'), tag: 'a'.repeat(64) });

describe.each([
  ['Redis', () => new RedisAnchorStore(TEST_REDIS_URL)],
  ['a file in DATA_DIR', () => new FileAnchorStore(dir.path)],
])('the chain anchor in %s', (_where, open) => {
  let store: ChainAnchorStore;
  // A slot of this test's own: the shared Redis (database 0) is not emptied.
  const slot = randomBytes(16).toString('hex');

  beforeEach(() => {
    store = open();
  });
  afterEach(async () => {
    await store.close();
  });
  afterAll(async () => {
    const redis = new Redis(TEST_REDIS_URL);
    await redis.del(anchorRedisKey(slot));
    redis.disconnect();
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

let dir: TempDir;
beforeAll(() => {
  dir = createTempDir();
});
afterAll(() => dir.remove());

describe('parseLink', () => {
  it('reads seq:mac as the API logs it, and nothing else', () => {
    expect(parseLink(`42:${'ab'.repeat(32)}`)).toEqual({ seq: 42, mac: 'ab'.repeat(32) });
    for (const text of ['42', `x:${'ab'.repeat(32)}`, `42:${'ab'.repeat(31)}`, `42:${'AB'.repeat(32)}`, `-1:${'ab'.repeat(32)}`]) expect(parseLink(text)).toBeUndefined();
  });
});
