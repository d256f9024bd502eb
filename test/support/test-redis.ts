import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { TEST_REDIS_URL } from './test-services';

/**
 * The test Redis as one test file sees it: a key prefix of its own (REDIS_KEY_PREFIX) on the shared database, so that
 * no other file's or other run's jobs reach its workers. Nothing here empties a database: other test runs, and
 * perhaps a deployment, use the same one.
 */
export interface TestRedis {
  url: string;
  keyPrefix: string;
  /** REDIS_URL and REDIS_KEY_PREFIX, for startApi or a process. */
  env: { REDIS_URL: string; REDIS_KEY_PREFIX: string };
  /**
   * Every key under this prefix with its value, as one text: strings, hashes such as BullMQ's job records with their
   * `failedReason` and `stacktrace`, lists, sets, sorted sets, streams. For asserting that no personal data was
   * written there.
   */
  text(): Promise<string>;
  /** Deletes the keys of this prefix, and only those. */
  remove(): Promise<void>;
}

/** A fresh key prefix on the test Redis (TEST_REDIS_URL, or `url`), like createTestDatabase's fresh database. */
export function createTestRedis(url = TEST_REDIS_URL): TestRedis {
  const keyPrefix = `casusregie-test-${randomBytes(6).toString('hex')}`;
  return {
    url,
    keyPrefix,
    env: { REDIS_URL: url, REDIS_KEY_PREFIX: keyPrefix },
    text: () => withRedis(url, (redis) => textOf(redis, keysOf(redis, keyPrefix))),
    remove: () =>
      withRedis(url, async (redis) => {
        for await (const key of keysOf(redis, keyPrefix)) await redis.del(key);
      }),
  };
}

/** The keys that start with `keyPrefix:` (SCAN MATCH, so Redis is never blocked as by KEYS). */
async function* keysOf(redis: Redis, keyPrefix: string): AsyncGenerator<string> {
  for await (const keys of redis.scanStream({ match: `${keyPrefix}:*`, count: 1000 }) as AsyncIterable<string[]>) yield* keys;
}

async function textOf(redis: Redis, keys: AsyncIterable<string>): Promise<string> {
  const parts: string[] = [];
  for await (const key of keys) {
    const type = await redis.type(key);
    if (type === 'string') parts.push(key, (await redis.get(key)) ?? '');
    else if (type === 'hash') parts.push(key, JSON.stringify(await redis.hgetall(key)));
    else if (type === 'list') parts.push(key, ...(await redis.lrange(key, 0, -1)));
    else if (type === 'set') parts.push(key, ...(await redis.smembers(key)));
    else if (type === 'zset') parts.push(key, ...(await redis.zrange(key, 0, -1)));
    // BullMQ's event streams: job ids, and the return values and failed reasons of jobs already removed.
    else if (type === 'stream') parts.push(key, JSON.stringify(await redis.xrange(key, '-', '+')));
    else parts.push(key, type);
  }
  return parts.join('\n');
}

async function withRedis<T>(url: string, work: (redis: Redis) => Promise<T>): Promise<T> {
  const redis = new Redis(url);
  try {
    return await work(redis);
  } finally {
    redis.disconnect();
  }
}
