import type {
  AllStreamResolvedEvent,
  AppendResult,
  AppendToStreamOptions,
  EventData,
  ReadAllOptions,
  ReadStreamOptions,
  ResolvedEvent,
} from '@eventstore/db-client';

/**
 * The part of `@eventstore/db-client`'s EventStoreDBClient the adapter uses. The real client satisfies it as it is;
 * the tests drive the adapter with a fake of it (testing/fake-eventstoredb-client.ts), since no server runs here.
 * Reads are async iterables whose errors surface while iterating, as the client's streaming reads do.
 */
export interface EventStoreDBClientPort {
  appendToStream(streamName: string, events: EventData[], options?: AppendToStreamOptions): Promise<AppendResult>;
  readStream(streamName: string, options?: ReadStreamOptions): StreamingRead<ResolvedEvent>;
  readAll(options?: ReadAllOptions): StreamingRead<AllStreamResolvedEvent>;
  dispose(): Promise<void>;
}

/** A streaming read as far as the adapter uses it: iterated to the end, or cancelled past its deadline. */
export type StreamingRead<T> = AsyncIterable<T> & { cancel?(): Promise<void> };

/**
 * The connection-string schemes this client (v6) parses. KurrentDB's newer clients also take `kurrentdb://` and
 * `kdb://`; v6 does not, so they are refused where the setting is read, instead of failing later as a network error.
 */
export const ESDB_CONNECTION_SCHEMES = ['esdb:', 'esdb+discover:'] as const;

/** The client's own default deadline (ms): it applies it to appends; the adapter applies it to reads as well. */
export const DEFAULT_ESDB_DEADLINE_MS = 10_000;

/**
 * The deadline of each call: the connection string's `defaultDeadline` (read case-insensitively, as the client does),
 * else the client's default. The client sends reads with no deadline at all, whatever it is given, so the adapter
 * cancels a read itself once it is past this.
 */
export function deadlineOf(connectionString: string): number {
  const query = connectionString.split('?')[1] ?? '';
  for (const [key, value] of new URLSearchParams(query)) {
    if (key.toLowerCase() === 'defaultdeadline' && /^\d+$/.test(value) && Number(value) > 0) return Number(value);
  }
  return DEFAULT_ESDB_DEADLINE_MS;
}
