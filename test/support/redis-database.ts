import Redis from 'ioredis';
import { TEST_REDIS_URL } from './test-services';

/**
 * The URL of database `index` of the test Redis, emptied. A test file that runs queue workers takes an index of its
 * own, so that no other file's jobs (test files run side by side on one machine) reach its workers.
 */
export async function emptyRedisDatabase(index: number): Promise<string> {
  const url = new URL(TEST_REDIS_URL);
  url.pathname = `/${index}`;
  const redis = new Redis(url.toString());
  try {
    await redis.flushdb();
  } finally {
    redis.disconnect();
  }
  return url.toString();
}

/**
 * Everything database `url` of the test Redis holds, as one text: every key with its value (strings, hashes such as
 * BullMQ's job records with their `failedReason` and `stacktrace`, lists, sets, sorted sets, streams). For asserting
 * that no personal data was written there.
 */
export async function redisDatabaseText(url: string): Promise<string> {
  const redis = new Redis(url);
  try {
    const parts: string[] = [];
    for (const key of await redis.keys('*')) {
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
  } finally {
    redis.disconnect();
  }
}
