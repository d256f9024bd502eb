import Redis from 'ioredis';

/**
 * Connects, sends PING and disconnects. A client per check, without retries or an offline queue: a long-lived client
 * would keep reconnecting (and logging) in the background while Redis is down, and the health check is the only
 * user of this connection.
 */
export async function pingRedis(url: string, timeoutMs: number): Promise<void> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  // Without a listener ioredis reports socket errors on stderr. Keep the first: connect() itself only rejects
  // with "Connection is closed", while this one has the code (ECONNREFUSED, ENOTFOUND, …) the health report shows.
  let socketError: Error | undefined;
  client.on('error', (error: Error) => {
    socketError ??= error;
  });
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw socketError ?? error;
  } finally {
    // After a refused connection the client has ended already; disconnect() would then leave a 2 s timer behind.
    if (client.status !== 'end') client.disconnect();
  }
}
