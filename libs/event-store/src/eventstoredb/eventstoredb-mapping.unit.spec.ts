import {
  AccessDeniedError,
  ANY,
  DeadlineExceededError,
  JSONEventData,
  MaxAppendSizeExceededError,
  NO_STREAM,
  NotLeaderError,
  RecordedEvent as EsdbRecordedEvent,
  STREAM_EXISTS,
  StreamDeletedError as EsdbStreamDeletedError,
  UnavailableError,
  UnknownError,
} from '@eventstore/db-client';
import {
  AppendTooLargeError,
  EventStoreAccessDeniedError,
  EventStoreUnavailableError,
  EventStoreUsageError,
  StreamDeletedError,
} from '../errors';
import {
  decodeCheckpoint,
  encodeCheckpoint,
  isSystemEvent,
  NoPositionError,
  positionOf,
  reportedVersionOf,
  samePosition,
  toPortError,
  toEventData,
  toExpectedRevision,
  toRecordedEvent,
} from './eventstoredb-mapping';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** An event as the client hands it back from a read, written by this store unless overridden. */
function storedEvent(overrides: Partial<EsdbRecordedEvent> = {}): EsdbRecordedEvent {
  return {
    streamId: 'household-1',
    id: '6f1c2a9e-0b7d-4c3e-9f5a-2d8e1b4c7a60',
    isJson: true,
    revision: 0n,
    type: 'HouseholdRegistered',
    created: new Date('2025-03-01T09:30:00.000Z'),
    data: { municipality: 'GM0299' },
    metadata: { correlationId: 'c-1', schemaVersion: 2 },
    position: { commit: 4096n, prepare: 4096n },
    ...overrides,
  } as EsdbRecordedEvent;
}

describe('toExpectedRevision', () => {
  it('maps version 0 and "no-stream" to no stream', () => {
    expect(toExpectedRevision(0)).toBe(NO_STREAM);
    expect(toExpectedRevision('no-stream')).toBe(NO_STREAM);
  });

  it('maps version N to revision N - 1', () => {
    expect(toExpectedRevision(1)).toBe(0n);
    expect(toExpectedRevision(42)).toBe(41n);
  });

  it('maps "stream-exists" and "any" to their markers', () => {
    expect(toExpectedRevision('stream-exists')).toBe(STREAM_EXISTS);
    expect(toExpectedRevision('any')).toBe(ANY);
  });

  it.each([-1, 1.5, Number.NaN])('refuses %p as a usage error', (version) => {
    expect(() => toExpectedRevision(version)).toThrow(EventStoreUsageError);
  });
});

describe('reportedVersionOf', () => {
  it('turns revision R into version R + 1', () => {
    expect(reportedVersionOf(0n)).toBe(1);
    expect(reportedVersionOf(2n)).toBe(3);
  });

  it('leaves "no stream" and negative markers unknown: the client says no stream also when it could not read the revision', () => {
    expect(reportedVersionOf(NO_STREAM)).toBeUndefined();
    expect(reportedVersionOf(-1n)).toBeUndefined();
    expect(reportedVersionOf(-2n)).toBeUndefined();
  });
});

describe('toEventData', () => {
  it('writes a JSON event carrying the schema version in its metadata', () => {
    const data = toEventData({
      eventId: '0a3d7e52-5b1f-4f0e-8c2a-93b4d6e1f7c8',
      type: 'MemberAdded',
      schemaVersion: 3,
      data: { memberId: 'm-1' },
      metadata: { actor: 'u1' },
    }) as JSONEventData;

    expect(data).toEqual({
      id: '0a3d7e52-5b1f-4f0e-8c2a-93b4d6e1f7c8',
      contentType: 'application/json',
      type: 'MemberAdded',
      data: { memberId: 'm-1' },
      metadata: { actor: 'u1', schemaVersion: 3 },
    });
  });

  it('generates an event id and defaults the schema version to 1', () => {
    const data = toEventData({ type: 'MemberAdded', data: {} });
    expect(data.id).toMatch(UUID);
    expect(data.metadata).toEqual({ schemaVersion: 1 });
    expect(toEventData({ type: 'MemberAdded', data: {} }).id).not.toBe(data.id);
  });
});

describe('toRecordedEvent', () => {
  it('gives the port view: version from revision + 1, schema version taken out of the metadata', () => {
    expect(toRecordedEvent(storedEvent({ revision: 4n }))).toEqual({
      eventId: '6f1c2a9e-0b7d-4c3e-9f5a-2d8e1b4c7a60',
      type: 'HouseholdRegistered',
      schemaVersion: 2,
      data: { municipality: 'GM0299' },
      metadata: { correlationId: 'c-1' },
      streamId: 'household-1',
      streamVersion: 5,
      globalPosition: 4096n,
      recordedAt: new Date('2025-03-01T09:30:00.000Z'),
      checkpoint: 'esdb:4096:4096',
    });
  });

  it('defaults a missing schema version to 1 and missing metadata to empty', () => {
    const recorded = toRecordedEvent(storedEvent({ metadata: undefined }));
    expect(recorded?.schemaVersion).toBe(1);
    expect(recorded?.metadata).toEqual({});
  });

  it('round-trips what toEventData writes', () => {
    const written = toEventData({
      type: 'PlanAgreed',
      schemaVersion: 7,
      data: { planId: 'p-1' },
      metadata: { note: 'x' },
    }) as JSONEventData;
    const { id, type, data, metadata } = written;
    expect(toRecordedEvent(storedEvent({ id, type, data, metadata }))).toMatchObject({
      eventId: id,
      type: 'PlanAgreed',
      schemaVersion: 7,
      data: { planId: 'p-1' },
      metadata: { note: 'x' },
    });
  });

  it('skips what this store did not write: no event, binary data, a JSON payload that is not an object', () => {
    expect(toRecordedEvent(undefined)).toBeUndefined();
    expect(toRecordedEvent(storedEvent({ isJson: false, data: new Uint8Array([1, 2]) }))).toBeUndefined();
    expect(toRecordedEvent(storedEvent({ data: ['a', 'b'] }))).toBeUndefined();
    expect(toRecordedEvent(storedEvent({ data: 'not json' }))).toBeUndefined();
  });

  it.each([
    ['absent (servers before 22.6)', undefined],
    ['0:0 (the v6 client for an absent one)', { commit: 0n, prepare: 0n }],
    ['2^64-1 (not committed on the node read)', { commit: 2n ** 64n - 1n, prepare: 2n ** 64n - 1n }],
  ])('refuses an event whose position is %s: no checkpoint can be given for it', (_, position) => {
    expect(() => toRecordedEvent(storedEvent({ position }))).toThrow(NoPositionError);
    expect(positionOf({ position })).toBeUndefined();
  });

  it('takes a real position, also one with commit 0 but a prepare', () => {
    expect(positionOf({ position: { commit: 0n, prepare: 12n } })).toEqual({ commit: 0n, prepare: 12n });
  });
});

describe('isSystemEvent', () => {
  it('recognises system streams and system event types', () => {
    expect(isSystemEvent({ streamId: '$stats-127.0.0.1:2113', type: '$statsCollected' })).toBe(true);
    expect(isSystemEvent({ streamId: '$$household-1', type: '$metadata' })).toBe(true);
    expect(isSystemEvent({ streamId: '$ce-household', type: 'HouseholdRegistered' })).toBe(true);
    expect(isSystemEvent({ streamId: 'household-1', type: '$>' })).toBe(true);
    expect(isSystemEvent({ streamId: 'household-1', type: 'HouseholdRegistered' })).toBe(false);
  });
});

describe('checkpoints', () => {
  it('encode a position as esdb:commit:prepare and decode back to the same position', () => {
    const position = { commit: 18446744073709551615n, prepare: 1234n };
    expect(encodeCheckpoint(position)).toBe('esdb:18446744073709551615:1234');
    expect(decodeCheckpoint('esdb:18446744073709551615:1234')).toEqual({ position, tagged: true });
  });

  it.each(['', 'not-a-checkpoint', 'esdb:12', 'esdb:12:', 'esdb::12', 'esdb:-1:0', 'esdb:1:2:3', 'esdb:1.5:2', 'esdb:18446744073709551616:0', ' esdb:1:2'])(
    'refuse %p as a usage error',
    (checkpoint) => {
      expect(() => decodeCheckpoint(checkpoint)).toThrow(EventStoreUsageError);
    },
  );

  it('refuse one of the SQL store as a usage error that says to rebuild', () => {
    expect(() => decodeCheckpoint('pg:812345:17')).toThrow(EventStoreUsageError);
    expect(() => decodeCheckpoint('pg:812345:17')).toThrow(/rebuild the projections/);
  });

  it('say of an untagged one that it is untagged, for the store to check against its log', () => {
    expect(decodeCheckpoint('812345:17')).toEqual({ position: { commit: 812345n, prepare: 17n }, tagged: false });
  });

  it('compare positions by commit and prepare', () => {
    expect(samePosition({ commit: 5n, prepare: 5n }, { commit: 5n, prepare: 5n })).toBe(true);
    expect(samePosition({ commit: 5n, prepare: 5n }, { commit: 5n, prepare: 4n })).toBe(false);
    expect(samePosition({ commit: 5n, prepare: 5n }, { commit: 6n, prepare: 5n })).toBe(false);
  });
});

describe('toPortError', () => {
  it('maps the maximum append size to AppendTooLargeError with the limit', () => {
    const mapped = toPortError(MaxAppendSizeExceededError.fromMaxAppendSize(1_048_576), 'household-1');
    expect(mapped).toBeInstanceOf(AppendTooLargeError);
    expect(mapped).toMatchObject({ streamId: 'household-1', maxAppendBytes: 1_048_576 });
  });

  it('maps a tombstoned stream to StreamDeletedError and denied access to EventStoreAccessDeniedError', () => {
    expect(toPortError(EsdbStreamDeletedError.fromStreamName('household-1'), 'household-1')).toBeInstanceOf(StreamDeletedError);
    const denied = toPortError(new AccessDeniedError());
    expect(denied).toBeInstanceOf(EventStoreAccessDeniedError);
    expect((denied as Error).message).toMatch(/\$admins/);
  });

  it('maps what a retry may mend to EventStoreUnavailableError, whose code the API answers with 503', () => {
    for (const error of [new UnavailableError(), new DeadlineExceededError(), Object.create(NotLeaderError.prototype) as Error]) {
      const mapped = toPortError(error);
      expect(mapped).toBeInstanceOf(EventStoreUnavailableError);
      expect(mapped).toMatchObject({ code: 'EVENT_STORE_UNAVAILABLE' });
    }
  });

  it('passes an error it has no name for through unchanged, the client\'s UnknownError too: not known to pass with a retry', () => {
    const error = new TypeError('x');
    expect(toPortError(error)).toBe(error);
    const unknown = new UnknownError();
    expect(toPortError(unknown)).toBe(unknown);
  });
});
