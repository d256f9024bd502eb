import { randomUUID } from 'node:crypto';
import {
  AccessDeniedError,
  AllStreamResolvedEvent,
  AppendResult,
  AppendToStreamOptions,
  BACKWARDS,
  END,
  EventData,
  MaxAppendSizeExceededError,
  NO_STREAM,
  Position,
  ReadAllOptions,
  ReadStreamOptions,
  ResolvedEvent,
  START,
  STREAM_EXISTS,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import type { EventStoreDBClientPort } from '../eventstoredb/eventstoredb-client';

/**
 * An in-memory stand-in for EventStoreDB behind @eventstore/db-client v6, for driving the adapter where no server runs.
 * It keeps what the adapter relies on as the server does: revisions from 0, one global log with positions, `$all`
 * holding system events, expected-revision checks, idempotent retries of the last append (same ids at the same
 * expected revision), the maximum append size, tombstones, and errors that surface while a read is iterated. What a
 * server does under load, in a cluster or across reconnects, it does not pretend to: the suite against a real server
 * (ESDB_CONNECTION_STRING) covers that.
 *
 * Tests script the rest: an error for the next call, an action before a read starts (another writer's append), a
 * follower that lags, positions as old servers and followers send them, a read cut short by dispose().
 */
export interface FakeEventStoreDBOptions {
  /** The server's maximum append size in bytes (KurrentDB's MaxAppendSize; 1 MiB by default). */
  maxAppendSize?: number;
  /**
   * Positions on stream reads: as a current server sends them; 0:0 everywhere, as the v6 client reports the absent
   * ones of a server before 22.6; 0:0 or 2^64-1 (not committed on that node) from followers only.
   */
  streamReadPositions?: 'real' | 'zero-everywhere' | 'zero-on-followers' | 'uncommitted-on-followers';
  /** A follower this many events behind serves reads without requiresLeader. */
  followerLag?: number;
  /** Whether a conflict reports the stream's revision; servers before 21 send it in a field v6 does not read. */
  reportsRevisionOnConflict?: boolean;
  /** Whether reading `$all` is refused, as for a user outside $admins and $ops. */
  deniesReadAll?: boolean;
  /**
   * false: a refused append answers `success: false` instead of throwing (the connection string's
   * throwOnAppendFailure=false), with the v6 batch append's revision: 1n or 0n, a boolean, not the stream's.
   */
  throwOnAppendFailure?: boolean;
}

export type FakeCall =
  | { method: 'appendToStream'; streamName: string; options: AppendToStreamOptions }
  | { method: 'readStream'; streamName: string; options: ReadStreamOptions }
  | { method: 'readAll'; options: ReadAllOptions };

interface StoredRecord {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  data: unknown;
  metadata: unknown;
  contentType: string;
  created: Date;
  position: Position;
}

const NO_POSITION = 2n ** 64n - 1n;
const DEFAULT_MAX_APPEND_SIZE = 1_048_576;

export class FakeEventStoreDBClient implements EventStoreDBClientPort {
  /** Every call, in order, with the options it was given. */
  readonly calls: FakeCall[] = [];
  private readonly log: StoredRecord[] = [];
  private readonly tombstones = new Set<string>();
  private readonly scriptedErrors: { method: FakeCall['method']; error: Error }[] = [];
  private readonly beforeCalls: { method: FakeCall['method']; streamName?: string; action: () => Promise<void> | void }[] = [];
  private readonly whileReading: (() => Promise<void> | void)[] = [];
  private readonly stalls: FakeCall['method'][] = [];
  private disposed = false;
  private lastPosition = 1_000n;

  constructor(private readonly options: FakeEventStoreDBOptions = {}) {
    // A server's log starts with its own records, which read-all must step over.
    this.writeSystemEvent('$stats-127.0.0.1:2113', '$statsCollected');
    this.writeSystemEvent('$$$scavenges', '$metadata');
  }

  set(options: Partial<FakeEventStoreDBOptions>): void {
    Object.assign(this.options, options);
  }

  /** The next call of `method` fails with `error` (as the client throws it), before doing anything. */
  failNext(method: FakeCall['method'], error: Error): void {
    this.scriptedErrors.push({ method, error });
  }

  /** Runs `action` once, just before the next call of `method` (on `streamName`, if given) starts its work. */
  beforeNext(method: FakeCall['method'], action: () => Promise<void> | void, streamName?: string): void {
    this.beforeCalls.push({ method, streamName, action });
  }

  /** Runs `action` once, after a read has yielded its first item. */
  whileNextReadIsUnderWay(action: () => Promise<void> | void): void {
    this.whileReading.push(action);
  }

  /** The next read of `method` sends nothing until it is cancelled, as a server that stalls. */
  stallNext(method: 'readStream' | 'readAll'): void {
    this.stalls.push(method);
  }

  /** Deletes a stream for good, as `tombstoneStream` does. */
  tombstone(streamName: string): void {
    this.tombstones.add(streamName);
  }

  /** A system event in `$all`, such as the server's statistics write while it runs. */
  writeSystemEvent(streamId: string, type: string): void {
    const revision = BigInt(this.log.filter((record) => record.streamId === streamId).length);
    this.log.push(this.record(streamId, { id: randomUUID(), type, data: {}, metadata: undefined, contentType: 'application/json' }, revision));
  }

  async appendToStream(streamName: string, events: EventData[], options: AppendToStreamOptions = {}): Promise<AppendResult> {
    this.calls.push({ method: 'appendToStream', streamName, options });
    await this.startCall('appendToStream', streamName);
    if (this.tombstones.has(streamName)) throw StreamDeletedError.fromStreamName(streamName);
    // The server counts each event's data, metadata and type (Event.SizeOnDisk, less its few bytes of framing).
    const size = events.reduce((sum, event) => sum + byteSize(event.data) + byteSize(event.metadata) + Buffer.byteLength(event.type), 0);
    const maxAppendSize = this.options.maxAppendSize ?? DEFAULT_MAX_APPEND_SIZE;
    if (size > maxAppendSize) throw MaxAppendSizeExceededError.fromMaxAppendSize(maxAppendSize);

    const stream = this.streamRecords(streamName);
    const expected = options.expectedRevision ?? 'any';
    const retried = this.idempotentRetry(stream, events, expected);
    if (retried !== undefined) return { success: true, nextExpectedRevision: retried.revision, position: retried.position };

    const current = stream.length === 0 ? undefined : stream[stream.length - 1].revision;
    const holds =
      expected === 'any' ||
      (expected === NO_STREAM && current === undefined) ||
      (expected === STREAM_EXISTS && current !== undefined) ||
      (typeof expected === 'bigint' && current === expected);
    if (!holds) {
      if (this.options.throwOnAppendFailure === false) return { success: false, nextExpectedRevision: current === undefined ? 0n : 1n, position: undefined };
      throw new WrongExpectedVersionError(undefined, {
        streamName,
        expected,
        current: current === undefined || this.options.reportsRevisionOnConflict === false ? NO_STREAM : current,
      });
    }
    let revision = current ?? -1n;
    for (const event of events) this.log.push(this.record(streamName, event, ++revision));
    return { success: true, nextExpectedRevision: revision, position: this.log[this.log.length - 1].position };
  }

  readStream(streamName: string, options: ReadStreamOptions = {}): AsyncIterable<ResolvedEvent> {
    this.calls.push({ method: 'readStream', streamName, options });
    return this.iterate('readStream', streamName, () => {
      if (this.tombstones.has(streamName)) throw StreamDeletedError.fromStreamName(streamName);
      const stream = this.visibleLog(options.requiresLeader === true).filter((record) => record.streamId === streamName);
      if (stream.length === 0) throw new StreamNotFoundError(undefined, streamName);
      const backwards = options.direction === BACKWARDS;
      const from = options.fromRevision ?? (backwards ? END : START);
      let records = backwards ? [...stream].reverse() : stream;
      if (typeof from === 'bigint') records = records.filter((record) => (backwards ? record.revision <= from : record.revision >= from));
      return records.slice(0, options.maxCount === undefined ? undefined : Number(options.maxCount)).map((record) => ({
        event: this.asRead(record, this.streamReadPosition(record, options.requiresLeader === true)),
        commitPosition: record.position.commit,
      })) as ResolvedEvent[];
    });
  }

  readAll(options: ReadAllOptions = {}): AsyncIterable<AllStreamResolvedEvent> {
    this.calls.push({ method: 'readAll', options });
    return this.iterate('readAll', undefined, () => {
      if (this.options.deniesReadAll) throw new AccessDeniedError();
      const backwards = options.direction === BACKWARDS;
      const from = options.fromPosition ?? (backwards ? END : START);
      let records = backwards ? [...this.log].reverse() : this.log;
      if (typeof from === 'object') {
        records = records.filter((record) => (backwards ? record.position.commit <= from.commit : record.position.commit >= from.commit));
      }
      return records.slice(0, options.maxCount === undefined ? undefined : Number(options.maxCount)).map((record) => ({
        event: this.asRead(record, record.position),
        commitPosition: record.position.commit,
      })) as AllStreamResolvedEvent[];
    });
  }

  async dispose(): Promise<void> {
    this.disposed = true;
  }

  /** The events the stream holds, in revision order. */
  streamRecords(streamName: string): StoredRecord[] {
    return this.log.filter((record) => record.streamId === streamName);
  }

  /** The append as first written, when `events` repeat it at the same expected revision; as the server does. */
  private idempotentRetry(stream: StoredRecord[], events: EventData[], expected: AppendToStreamOptions['expectedRevision']): StoredRecord | undefined {
    const ids = events.map((event) => event.id);
    const start =
      typeof expected === 'bigint' ? Number(expected) + 1 : expected === NO_STREAM ? 0 : stream.findIndex((record) => record.id === ids[0]);
    if (start < 0) return undefined;
    const candidates = stream.slice(start, start + ids.length);
    const same = candidates.length === ids.length && candidates.every((record, i) => record.id === ids[i]);
    return same ? candidates[candidates.length - 1] : undefined;
  }

  /** What a read sees: a follower misses the last `followerLag` events of the log. */
  private visibleLog(fromLeader: boolean): StoredRecord[] {
    const lag = fromLeader ? 0 : (this.options.followerLag ?? 0);
    return lag === 0 ? this.log : this.log.slice(0, Math.max(0, this.log.length - lag));
  }

  private streamReadPosition(record: StoredRecord, fromLeader: boolean): Position {
    switch (this.options.streamReadPositions ?? 'real') {
      case 'zero-everywhere':
        return { commit: 0n, prepare: 0n };
      case 'zero-on-followers':
        return fromLeader ? record.position : { commit: 0n, prepare: 0n };
      case 'uncommitted-on-followers':
        return fromLeader ? record.position : { commit: NO_POSITION, prepare: NO_POSITION };
      default:
        return record.position;
    }
  }

  private async startCall(method: FakeCall['method'], streamName: string | undefined): Promise<void> {
    const before = this.beforeCalls.findIndex((entry) => entry.method === method && (entry.streamName === undefined || entry.streamName === streamName));
    if (before >= 0) await this.beforeCalls.splice(before, 1)[0].action();
    const scripted = this.scriptedErrors.findIndex((entry) => entry.method === method);
    if (scripted >= 0) throw this.scriptedErrors.splice(scripted, 1)[0].error;
  }

  /**
   * A streaming read as the client gives it: nothing happens until it is iterated, its errors surface while
   * iterating, and after dispose() it ends early without an error, as a cancelled gRPC stream does.
   */
  private iterate<T>(method: FakeCall['method'], streamName: string | undefined, snapshot: () => T[]): AsyncIterable<T> & { cancel(): Promise<void> } {
    const start = () => this.startCall(method, streamName);
    const disposed = () => this.disposed;
    const whileReading = this.whileReading;
    const stall = this.stalls.indexOf(method) >= 0 ? this.stalls.splice(this.stalls.indexOf(method), 1) : [];
    let cancelled = () => undefined as void;
    const untilCancelled = new Promise<void>((resolve) => (cancelled = resolve));
    return {
      async *[Symbol.asyncIterator]() {
        await start();
        if (stall.length > 0) {
          await untilCancelled;
          return;
        }
        const items = snapshot();
        for (const [index, item] of items.entries()) {
          if (disposed()) return;
          yield item;
          if (index === 0 && whileReading.length > 0) await whileReading.shift()?.();
        }
      },
      async cancel() {
        cancelled();
      },
    };
  }

  private record(streamId: string, event: Pick<EventData, 'id' | 'type' | 'data' | 'metadata' | 'contentType'>, revision: bigint): StoredRecord {
    this.lastPosition += 137n;
    return {
      streamId,
      id: event.id,
      revision,
      type: event.type,
      // The server keeps bytes: what comes back is a copy, never the caller's object.
      data: event.data instanceof Uint8Array ? event.data : JSON.parse(JSON.stringify(event.data)),
      metadata: event.metadata === undefined ? undefined : JSON.parse(JSON.stringify(event.metadata)),
      contentType: event.contentType,
      created: new Date(),
      position: { commit: this.lastPosition, prepare: this.lastPosition },
    };
  }

  private asRead(record: StoredRecord, position: Position | undefined) {
    return {
      streamId: record.streamId,
      id: record.id,
      isJson: record.contentType === 'application/json',
      revision: record.revision,
      type: record.type,
      created: record.created,
      data: record.data,
      metadata: record.metadata,
      position,
    };
  }
}

function byteSize(value: unknown): number {
  if (value === undefined) return 0;
  return value instanceof Uint8Array ? value.byteLength : Buffer.byteLength(JSON.stringify(value), 'utf8');
}
