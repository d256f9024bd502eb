import {
  AppendResult as EsdbAppendResult,
  BACKWARDS,
  END,
  EventStoreDBClient,
  Position,
  ResolvedEvent,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import {
  AppendedButNotReadBackError,
  ConcurrencyConflictError,
  EventStoreUnavailableError,
  EventStoreUsageError,
} from '../errors';
import { checkAppend, checkReadAllLimit, checkReadStreamOptions } from '../read-arguments';
import {
  AppendOptions,
  AppendResult,
  EventStore,
  ExpectedVersion,
  NewEvent,
  ReadAllOptions,
  ReadAllResult,
  ReadStreamOptions,
  ReadStreamResult,
  RecordedEvent,
} from '../event-store';
import { deadlineOf, DEFAULT_ESDB_DEADLINE_MS, ESDB_CONNECTION_SCHEMES, EventStoreDBClientPort, StreamingRead } from './eventstoredb-client';
import {
  decodeCheckpoint,
  encodeCheckpoint,
  isSystemEvent,
  NoPositionError,
  positionOf,
  reportedVersionOf,
  samePosition,
  toEventData,
  toExpectedRevision,
  toPortError,
  toRecordedEvent,
  versionOfRevision,
} from './eventstoredb-mapping';

/**
 * $all holds system events (stats, projection output, stream metadata) that read-all skips. This client cannot filter
 * a read on the server, so pages are never smaller than this, to avoid a round trip per skipped event.
 */
const MIN_READ_ALL_PAGE = 256;

/** How often an append's events are read back before it is reported as written but not returned. */
const READ_BACK_ATTEMPTS = 3;

export interface EventStoreDBOptions {
  /** The deadline of every call, in ms; the connection string's `defaultDeadline`, else the client's default. */
  deadlineMs?: number;
}

/**
 * The event store on EventStoreDB / KurrentDB over gRPC. The server keeps stream order, concurrency checks and the
 * global log; this adapter translates between its numbering and the port's, and its errors into the port's.
 * Written for @eventstore/db-client v6 and servers from EventStoreDB 22.10 (stream reads with positions) to
 * KurrentDB 26.
 */
export class EventStoreDBEventStore implements EventStore {
  readonly kind = 'eventstoredb';
  private readonly deadline: number;
  private closed = false;

  private constructor(
    private readonly client: EventStoreDBClientPort,
    options: EventStoreDBOptions,
  ) {
    this.deadline = options.deadlineMs ?? DEFAULT_ESDB_DEADLINE_MS;
  }

  /**
   * Connects and checks the server answers and is one this adapter can work with, so that a wrong connection string
   * or too old a server fails at start-up rather than on first use.
   */
  static async connect(connectionString: string): Promise<EventStoreDBEventStore> {
    if (!ESDB_CONNECTION_SCHEMES.some((scheme) => connectionString.startsWith(`${scheme}//`))) {
      throw new EventStoreUsageError(`An EventStoreDB connection string starts with ${ESDB_CONNECTION_SCHEMES.map((s) => `${s}//`).join(' or ')}`);
    }
    return EventStoreDBEventStore.open(EventStoreDBClient.connectionString(connectionString), { deadlineMs: deadlineOf(connectionString) });
  }

  /** The store over a client (the real one, or a fake in the tests), checked as {@link connect} checks it. */
  static async open(client: EventStoreDBClientPort, options: EventStoreDBOptions = {}): Promise<EventStoreDBEventStore> {
    const store = new EventStoreDBEventStore(client, options);
    try {
      await store.ping();
      await store.checkStreamReadsCarryPositions();
    } catch (error) {
      // The caller needs to know why the server was unusable, not whether closing the half-open client failed.
      await client.dispose().catch(() => undefined);
      throw error;
    }
    return store;
  }

  /** The store over a client of one's own choosing, unchecked: the contract tests' fake. */
  static overClient(client: EventStoreDBClientPort, options: EventStoreDBOptions = {}): EventStoreDBEventStore {
    return new EventStoreDBEventStore(client, options);
  }

  /**
   * Servers before 22.6 send no position with a stream read (the client then says 0:0): every read would fail and every
   * append's read-back too. The newest event of the log, read again through its stream from the leader, tells.
   */
  private async checkStreamReadsCarryPositions(): Promise<void> {
    const [newest] = await this.read(() => this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }));
    if (newest?.event === undefined) return;
    const { streamId, revision } = newest.event;
    const [again] = await this.read(() => this.client.readStream(streamId, { fromRevision: revision, maxCount: 1, requiresLeader: true })).catch(
      () => [],
    );
    if (again?.event !== undefined && positionOf(again.event) === undefined) {
      throw new EventStoreUsageError('This EventStoreDB sends no positions with stream reads: the adapter needs EventStoreDB 22.10 or later');
    }
  }

  async appendToStream(streamId: string, events: readonly NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    const expected = options.expectedVersion ?? 'any';
    checkAppend(expected, events);
    const proposed = events.map(toEventData);

    let appended: EsdbAppendResult;
    try {
      appended = await this.client.appendToStream(streamId, proposed, {
        expectedRevision: toExpectedRevision(expected),
        deadline: this.deadline,
      });
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        throw await this.conflict(streamId, expected, reportedVersionOf(error.actualVersion));
      }
      throw toPortError(error, streamId);
    }
    // Only when the connection string sets throwOnAppendFailure=false. The v6 client's batch append then reports no
    // revision worth reading (it puts a boolean in it): the conflict looks the stream's version up.
    if (!appended.success) throw await this.conflict(streamId, expected, undefined);

    // The server answers an append with its last revision and position only; the events' own positions and recording
    // times come from reading them back. A retry the server took as idempotent reads back the first attempt's events.
    const nextExpectedVersion = versionOfRevision(appended.nextExpectedRevision);
    const recorded = await this.readBack(streamId, nextExpectedVersion - events.length + 1, proposed.map((event) => event.id));
    if (recorded === undefined) throw new AppendedButNotReadBackError(streamId, nextExpectedVersion);
    return { nextExpectedVersion, events: recorded };
  }

  /**
   * The appended events from `firstVersion`, read from the leader (a follower may not have them yet), or undefined
   * when they cannot be had: the write stands either way, so a failed read is not reported as a failed write.
   */
  private async readBack(streamId: string, firstVersion: number, eventIds: string[]): Promise<RecordedEvent[] | undefined> {
    for (let attempt = 1; attempt <= READ_BACK_ATTEMPTS; attempt++) {
      try {
        const read = await this.read(() =>
          this.client.readStream(streamId, {
            fromRevision: BigInt(firstVersion - 1),
            maxCount: eventIds.length,
            requiresLeader: true,
          }),
        );
        const events = ownEvents(read);
        if (events.length === eventIds.length && events.every((event, i) => event.eventId === eventIds[i])) return events;
      } catch (error) {
        // Worth another try only when the store could not answer now (NoPositionError included: a follower behind).
        if (this.closed || !(toPortError(error, streamId) instanceof EventStoreUnavailableError)) return undefined;
      }
    }
    return undefined;
  }

  /**
   * The conflict to report. The client says "no stream" both for a missing stream and when the server's answer held
   * no revision it could read, so that one is checked against the stream itself.
   */
  private async conflict(streamId: string, expected: ExpectedVersion, reported: number | undefined): Promise<ConcurrencyConflictError> {
    if (reported !== undefined) return new ConcurrencyConflictError(streamId, expected, reported);
    const actual = await this.lastVersion(streamId, true).then(
      (last) => last ?? 0,
      () => undefined,
    );
    return new ConcurrencyConflictError(streamId, expected, actual);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<ReadStreamResult> {
    const { fromVersion, maxCount } = checkReadStreamOptions(options);
    try {
      const { read, events } = await this.readStreamEvents(streamId, fromVersion, maxCount);
      const lastRead = read.length > 0 ? versionOfRevision(read[read.length - 1].event?.revision ?? BigInt(fromVersion - 1)) : undefined;
      // A read to the end gives the stream as it was when read: its last event is the current version. Taking the
      // version from a second read instead would let an append in between raise it above the events returned, and a
      // caller who decides on them and appends at that version would overwrite the other writer's events.
      if (lastRead !== undefined && (maxCount === undefined || read.length < maxCount)) {
        return { exists: true, currentVersion: lastRead, events };
      }
      const last = await this.lastVersion(streamId, false);
      if (last === undefined) return { exists: false, currentVersion: 0, events: [] };
      // Nothing from `fromVersion` on: the stream was at most just before it when read, even if it grew since.
      const currentVersion = lastRead === undefined ? Math.min(last, fromVersion - 1) : Math.max(last, lastRead);
      return { exists: true, currentVersion, events };
    } catch (error) {
      if (error instanceof StreamNotFoundError) return { exists: false, currentVersion: 0, events: [] };
      throw toPortError(error, streamId);
    }
  }

  /** The stream's events from `fromVersion`, again from the leader when a follower gave one without its position. */
  private async readStreamEvents(
    streamId: string,
    fromVersion: number,
    maxCount: number | undefined,
  ): Promise<{ read: ResolvedEvent[]; events: RecordedEvent[] }> {
    const readFrom = async (requiresLeader: boolean) => {
      const read = await this.read(() =>
        this.client.readStream(streamId, { fromRevision: BigInt(fromVersion - 1), maxCount, requiresLeader }),
      );
      return { read, events: ownEvents(read) };
    };
    try {
      return await readFrom(false);
    } catch (error) {
      if (!(error instanceof NoPositionError)) throw error;
      return readFrom(true);
    }
  }

  /** The version of the stream's last event, undefined for a missing stream. */
  private async lastVersion(streamId: string, requiresLeader: boolean): Promise<number | undefined> {
    try {
      const [last] = await this.read(() =>
        this.client.readStream(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1, requiresLeader }),
      );
      return last?.event === undefined ? 0 : versionOfRevision(last.event.revision);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return undefined;
      throw error;
    }
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllResult> {
    const limit = checkReadAllLimit(options);
    let lastExamined: Position | undefined = options.after === undefined ? undefined : await this.positionOf(options.after);

    const events: RecordedEvent[] = [];
    let checkpoint = options.after;
    let isEnd = false;
    try {
      while (events.length < limit && !isEnd) {
        const from = lastExamined;
        // A read from a position starts with the event at that position, which the caller has already seen.
        const pageSize = Math.max(limit - events.length, MIN_READ_ALL_PAGE) + (from === undefined ? 0 : 1);
        const page = await this.read(() =>
          this.client.readAll({ fromPosition: from ?? START, maxCount: pageSize, resolveLinkTos: false }),
        );
        isEnd = page.length < pageSize;

        for (const { event } of page) {
          if (event === undefined || (from !== undefined && samePosition(event.position, from))) continue;
          if (events.length === limit) {
            // The rest of the page is for the next call.
            isEnd = false;
            break;
          }
          const position = positionOf(event);
          if (position === undefined) throw new NoPositionError(event.streamId);
          // Skipped events move the checkpoint too, so a reader behind a run of system events still makes progress.
          lastExamined = position;
          checkpoint = encodeCheckpoint(position);
          const recorded = isSystemEvent(event) ? undefined : toRecordedEvent(event);
          if (recorded !== undefined) events.push(recorded);
        }
      }
    } catch (error) {
      throw toPortError(error);
    }
    return { events, checkpoint, isEnd };
  }

  /**
   * Where a checkpoint of this store stands. One written before checkpoints were tagged (`<commit>:<prepare>`) is taken
   * only when an event of this log sits at exactly that position: the same two numbers from the SQL store would
   * otherwise read as a position here.
   */
  private async positionOf(checkpoint: string): Promise<Position> {
    const { position, tagged } = decodeCheckpoint(checkpoint);
    if (tagged) return position;
    const [at] = await this.read(() => this.client.readAll({ fromPosition: position, maxCount: 1, resolveLinkTos: false })).catch((error: unknown) => {
      throw toPortError(error);
    });
    if (at?.event === undefined || !samePosition(at.event.position, position)) {
      throw new EventStoreUsageError('An untagged checkpoint that names no event of this store: rebuild the projections');
    }
    return position;
  }

  async ping(): Promise<void> {
    try {
      await this.read(() => this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }));
    } catch (error) {
      throw toPortError(error);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.client.dispose();
  }

  /**
   * Reads to the end. Draining, rather than leaving a loop early, lets the gRPC call finish on its own; a read's errors
   * (StreamNotFoundError among them) surface here. The client sends reads without a deadline (whatever it is given), so
   * a stalled server would hang a read for ever: past the store's deadline the read is cancelled and fails. A read that
   * the store's closing cut short ends without an error and would pass for a short page at the end of the log: it is
   * reported as a failed read instead.
   */
  private async read<T>(start: () => StreamingRead<T>): Promise<T[]> {
    if (this.closed) throw new EventStoreUnavailableError('The EventStoreDB store is closed');
    const stream = start();
    const items: T[] = [];
    const drained = (async () => {
      for await (const item of stream) items.push(item);
      return 'drained' as const;
    })();
    let timer: NodeJS.Timeout | undefined;
    const pastDeadline = new Promise<'past-deadline'>((resolve) => (timer = setTimeout(() => resolve('past-deadline'), this.deadline)));
    try {
      if ((await Promise.race([drained, pastDeadline])) === 'past-deadline') {
        drained.catch(() => undefined);
        await stream.cancel?.().catch(() => undefined);
        throw new EventStoreUnavailableError(`An EventStoreDB read took longer than its deadline (${this.deadline} ms)`);
      }
    } finally {
      clearTimeout(timer);
    }
    if (this.closed) throw new EventStoreUnavailableError('The EventStoreDB store was closed during a read');
    return items;
  }
}

/** The events this store wrote, in the port's terms; anything else in the stream is skipped. */
function ownEvents(read: ResolvedEvent[]): RecordedEvent[] {
  return read.map((resolved) => toRecordedEvent(resolved.event)).filter((event): event is RecordedEvent => event !== undefined);
}
