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
