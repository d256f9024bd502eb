import type { RedisOptions } from 'bullmq';

/**
 * Connection options for BullMQ from REDIS_URL. Producers (the API) fail fast when Redis is away, so a command is
 * never held up by its notification; workers (the projector) wait and reconnect, as BullMQ requires
 * (maxRetriesPerRequest: null).
 */
export function redisOptions(redisUrl: string, role: 'producer' | 'worker'): RedisOptions {
  const url = new URL(redisUrl);
  const options: RedisOptions = {
    host: url.hostname,
    port: url.port ? Number(url.port) : 6379,
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : undefined,
    tls: url.protocol === 'rediss:' ? {} : undefined,
    // Reconnect forever, a little slower each time, up to every 2 s.
    retryStrategy: (attempt) => Math.min(attempt * 100, 2000),
  };
  return role === 'worker'
    ? { ...options, maxRetriesPerRequest: null }
    : { ...options, maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 1000 };
}

/**
 * Where the queues are: the Redis of REDIS_URL, and the start of every key there (REDIS_KEY_PREFIX, BullMQ's `prefix`),
 * so that deployments and test runs sharing one Redis database never see each other's jobs.
 */
export interface RedisTarget {
  url: string;
  keyPrefix: string;
}

/** The connection and key prefix of a BullMQ Queue, Worker or QueueEvents on `redis`. */
export function bullOptions(redis: RedisTarget, role: 'producer' | 'worker'): { connection: RedisOptions; prefix: string } {
  return { connection: redisOptions(redis.url, role), prefix: redis.keyPrefix };
}

/** The queue of provider notification deliveries (libs/notifications). */
export const NOTIFICATION_QUEUE = 'notifications';

export function projectionQueueName(projection: string): string {
  return `projection-${projection}`;
}
