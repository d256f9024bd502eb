import { ConcurrencyConflictError } from '../errors';
import { EventStore, RecordedEvent } from '../event-store';

export interface RaceOptions {
  /** Where the reader starts: the end of the log before the race. */
  start: string | undefined;
  writers: number;
  rounds: number;
  /** One round of one writer: the events it appended, or none; a ConcurrencyConflictError makes it try the round again. */
  round(writerIndex: number, round: number): Promise<readonly RecordedEvent[]>;
  /** The reader's batch size. */
  readerLimit: number;
  /** What the reader does at the end of the log while the writers still write (poll again soon). */
  atEnd(): Promise<void>;
}

export interface RaceOutcome {
  /** Every event the reader saw, in the order it saw them. */
  seen: RecordedEvent[];
  /** The ids of every event an append reported as written. */
  committed: Set<string>;
  conflicts: number;
}

/**
 * Writers appending side by side while a reader follows the log from checkpoint to checkpoint, as a projector does:
 * the common part of the concurrent-writer tests of every store.
 */
export async function raceWritersAndReader(store: EventStore, options: RaceOptions): Promise<RaceOutcome> {
  const committed = new Set<string>();
  const seen: RecordedEvent[] = [];
  let conflicts = 0;
  let writing = true;

  const reader = (async () => {
    let checkpoint = options.start;
    for (;;) {
      const stillWriting = writing;
      const batch = await store.readAll({ after: checkpoint, limit: options.readerLimit });
      seen.push(...batch.events);
      checkpoint = batch.checkpoint;
      if (batch.isEnd && !stillWriting) return;
      if (batch.isEnd) await options.atEnd();
    }
  })();

  const writer = async (writerIndex: number) => {
    for (let round = 0; round < options.rounds; round++) {
      for (;;) {
        try {
          (await options.round(writerIndex, round)).forEach((event) => committed.add(event.eventId));
          break;
        } catch (error) {
          if (!(error instanceof ConcurrencyConflictError)) throw error;
          conflicts++;
        }
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: options.writers }, (_, w) => writer(w)));
  } finally {
    writing = false;
  }
  await reader;
  return { seen, committed, conflicts };
}
