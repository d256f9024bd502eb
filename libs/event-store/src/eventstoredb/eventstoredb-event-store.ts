import {
  AppendResult as EsdbAppendResult,
  BACKWARDS,
  END,
  EventStoreDBClient,
  Position,
  RecordedEvent as EsdbRecordedEvent,
  START,
  StreamingRead,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { ConcurrencyConflictError } from '../errors';
import { checkAppend, checkReadAllLimit, checkReadStreamOptions } from '../read-arguments';
import {
  AppendOptions,
  AppendResult,
  EventStore,
  NewEvent,
  ReadAllOptions,
  ReadAllResult,
  ReadStreamOptions,
  ReadStreamResult,
  RecordedEvent,
} from '../event-store';
import {
  actualVersionOf,
  encodeCheckpoint,
  isSystemEvent,
  parseCheckpoint,
  samePosition,
  toEventData,
  toExpectedRevision,
  toRecordedEvent,
  versionOfRevision,
} from './eventstoredb-mapping';

/**
 * $all holds system events (stats, projection output, stream metadata) that read-all skips. This client cannot filter
 * a read on the server, so pages are never smaller than this, to avoid a round trip per skipped event.
 */
const MIN_READ_ALL_PAGE = 256;

/**
 * The event store on EventStoreDB / KurrentDB over gRPC. The server keeps stream order, concurrency checks and the
 * global log; this adapter only translates between its numbering and the port's.
 */
export class EventStoreDBEventStore implements EventStore {
  readonly kind = 'eventstoredb';

  private constructor(private readonly client: EventStoreDBClient) {}

  /** Connects and checks the server answers, so a wrong connection string fails at startup rather than on first use. */
  static async connect(connectionString: string): Promise<EventStoreDBEventStore> {
    const client = EventStoreDBClient.connectionString(connectionString);
    const store = new EventStoreDBEventStore(client);
    try {
      await store.ping();
    } catch (error) {
      // The caller needs to know why the server was unreachable, not whether closing the half-open client failed.
      await client.dispose().catch(() => undefined);
      throw error;
    }
    return store;
  }

  async appendToStream(streamId: string, events: readonly NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    const expected = options.expectedVersion ?? 'any';
    checkAppend(expected, events.length);
    const expectedRevision = toExpectedRevision(expected);

    let appended: EsdbAppendResult;
    try {
      appended = await this.client.appendToStream(streamId, events.map(toEventData), { expectedRevision });
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        throw new ConcurrencyConflictError(streamId, expected, actualVersionOf(error.actualVersion));
      }
      throw error;
    }
    // Only when the connection string sets throwOnAppendFailure=false; then the revision is the stream's current one.
    if (!appended.success) {
      throw new ConcurrencyConflictError(streamId, expected, actualVersionOf(appended.nextExpectedRevision));
    }

    // The append reports only the last revision and position; the events' own positions and recording times come
    // from reading them back.
    const nextExpectedVersion = versionOfRevision(appended.nextExpectedRevision);
    const firstVersion = nextExpectedVersion - events.length + 1;
    const recorded = await collect(
      this.client.readStream(streamId, { fromRevision: BigInt(firstVersion - 1), maxCount: events.length }),
    );
    return { nextExpectedVersion, events: ownEvents(recorded.map((resolved) => resolved.event)) };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<ReadStreamResult> {
    const { fromVersion, maxCount } = checkReadStreamOptions(options);

    try {
      const [read, lastVersion] = await Promise.all([
        collect(this.client.readStream(streamId, { fromRevision: BigInt(fromVersion - 1), maxCount })),
        this.lastVersion(streamId),
      ]);
      const events = ownEvents(read.map((resolved) => resolved.event));
      // The two reads are not one snapshot: an append between them must not leave the version behind the events.
      const lastRead = events.length > 0 ? events[events.length - 1].streamVersion : 0;
      return { exists: true, currentVersion: Math.max(lastVersion, lastRead), events };
    } catch (error) {
      if (error instanceof StreamNotFoundError) return { exists: false, currentVersion: 0, events: [] };
      throw error;
    }
  }

  /** The version of the stream's last event; throws StreamNotFoundError for a missing stream. */
  private async lastVersion(streamId: string): Promise<number> {
    const [last] = await collect(this.client.readStream(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1 }));
    return last?.event === undefined ? 0 : versionOfRevision(last.event.revision);
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllResult> {
    const limit = checkReadAllLimit(options);

    const events: RecordedEvent[] = [];
    let lastExamined: Position | undefined = options.after === undefined ? undefined : parseCheckpoint(options.after);
    let checkpoint = options.after;
    let isEnd = false;
    while (events.length < limit && !isEnd) {
      const from = lastExamined;
      // A read from a position starts with the event at that position, which the caller has already seen.
      const pageSize = Math.max(limit - events.length, MIN_READ_ALL_PAGE) + (from === undefined ? 0 : 1);
      const page = await collect(this.client.readAll({ fromPosition: from ?? START, maxCount: pageSize, resolveLinkTos: false }));
      isEnd = page.length < pageSize;

      for (const { event } of page) {
        if (event === undefined || (from !== undefined && samePosition(event.position, from))) continue;
        if (events.length === limit) {
          // The rest of the page is for the next call.
          isEnd = false;
          break;
        }
        // Skipped events move the checkpoint too, so a reader behind a run of system events still makes progress.
        lastExamined = event.position;
        checkpoint = encodeCheckpoint(event.position);
        const recorded = isSystemEvent(event) ? undefined : toRecordedEvent(event);
        if (recorded !== undefined) events.push(recorded);
      }
    }
    return { events, checkpoint, isEnd };
  }

  async ping(): Promise<void> {
    await collect(this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }));
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }
}

/**
 * Reads to the end. Draining, rather than leaving a loop early, lets the gRPC call finish on its own; a read's errors
 * (StreamNotFoundError among them) surface here.
 */
async function collect<T>(read: StreamingRead<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of read) items.push(item);
  return items;
}

/** The events this store wrote, in the port's terms; anything else in the stream is skipped. */
function ownEvents(events: (EsdbRecordedEvent | undefined)[]): RecordedEvent[] {
  return events.map(toRecordedEvent).filter((event): event is RecordedEvent => event !== undefined);
}
