import { createHash } from 'node:crypto';
import stringify from 'safe-stable-stringify';
import { Migration, runMigrations, SqlDatabase, SqlExecutor } from '@casusregie/sql';

/**
 * The processing log, in the spirit of the Logboek Dataverwerkingen (standards-nl §1.6): one record per data subject
 * per processing (a read or a change of a person's data), append-only, each record chained to the one before by a
 * SHA-256 hash so that altering or removing a record shows. Records name the subject by a pseudonymous reference
 * (the household or member id), never by BSN or name.
 */
export interface ProcessingRecord {
  /** The processing activity, as in the register of processing activities (AVG art. 30), e.g. `household.read`. */
  activity: string;
  /** Pseudonymous reference of the data subject: `household:<uuid>` or `member:<uuid>`. */
  subject: string;
  actor: { id: string; role: string; organisation?: string };
  /** W3C trace id of the request (32 hex), so the record can be tied to the request's logs. */
  traceId: string;
  municipality?: string;
}

export interface StoredProcessingRecord extends ProcessingRecord {
  seq: number;
  recordedAt: string;
  previousHash: string;
  hash: string;
}

export interface ChainCheck {
  valid: boolean;
  records: number;
  /** The first record whose hash does not follow from its content and the one before. */
  brokenAt?: number;
}

export interface ProcessingLogOptions {
  /** At most this many records per transaction; one append larger than this is written on its own, never split. */
  maxBatchRecords?: number;
}

const GENESIS = '0'.repeat(64);
// Any constant works as long as every writer uses the same one: batches take turns so the chain has one order.
const CHAIN_LOCK_KEY = 7_402_114;

const migrations: Migration[] = [
  {
    version: 1,
    name: 'processing log',
    sql: `
      CREATE TABLE processing_log (
        seq           bigint      PRIMARY KEY,
        recorded_at   timestamptz NOT NULL,
        activity      text        NOT NULL,
        subject       text        NOT NULL,
        actor_id      text        NOT NULL,
        actor_role    text        NOT NULL,
        actor_org     text,
        municipality  text,
        trace_id      text        NOT NULL,
        previous_hash text        NOT NULL,
        hash          text        NOT NULL
      );
      CREATE INDEX processing_log_subject ON processing_log (subject, recorded_at);
      CREATE INDEX processing_log_recorded_at ON processing_log (recorded_at);
    `,
  },
];

interface PendingAppend {
  records: readonly ProcessingRecord[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class ProcessingLog {
  private readonly maxBatchRecords: number;
  private queued: PendingAppend[] = [];
  private writing: Promise<void> | undefined;

  constructor(
    private readonly db: SqlDatabase,
    options: ProcessingLogOptions = {},
  ) {
    this.maxBatchRecords = options.maxBatchRecords ?? 500;
  }

  async prepare(): Promise<void> {
    await runMigrations(this.db, 'processing-log', migrations);
  }

  /**
   * Appends one record per subject, chained after the last record, and resolves once they are committed. Appends
   * made while a batch is being written go together into the next one (group commit), so the chain's lock, its last
   * link and the commit are paid once per batch rather than once per request. An append's records stay together and
   * in order; when a batch fails, every append in it fails.
   */
  append(records: readonly ProcessingRecord[]): Promise<void> {
    if (records.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.queued.push({ records, resolve, reject });
      this.writing ??= this.writeQueued();
    });
  }

  /** Resolves once everything appended so far was written or failed: for shutdown, before the database closes. */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  /** Writes batch after batch until nothing is queued; appends that come in meanwhile wait for the next batch. */
  private async writeQueued(): Promise<void> {
    try {
      while (this.queued.length > 0) {
        const batch = this.takeBatch();
        try {
          await this.write(batch.flatMap((append) => append.records));
          for (const append of batch) append.resolve();
        } catch (error) {
          for (const append of batch) append.reject(error);
        }
      }
    } finally {
      // In the same turn as the check of the queue above: an append after it starts a new writer.
      this.writing = undefined;
    }
  }

  /** Whole appends from the front of the queue, up to the cap, but at least one. */
  private takeBatch(): PendingAppend[] {
    let records = this.queued[0].records.length;
    let count = 1;
    while (count < this.queued.length && records + this.queued[count].records.length <= this.maxBatchRecords) {
      records += this.queued[count].records.length;
      count++;
    }
    return this.queued.splice(0, count);
  }

  private async write(records: readonly ProcessingRecord[]): Promise<void> {
    await this.db.transaction(async (tx) => {
      // Other processes write to the same chain: the lock orders the batches, so each one links to the last committed.
      await tx.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK_KEY]);
      let { seq, hash } = await lastLink(tx);
      const recordedAt = new Date().toISOString();
      const rows = records.map((record) => {
        seq += 1;
        const stored = { ...record, seq, recordedAt, previousHash: hash };
        hash = hashOf(stored);
        return {
          seq,
          recorded_at: recordedAt,
          activity: record.activity,
          subject: record.subject,
          actor_id: record.actor.id,
          actor_role: record.actor.role,
          actor_org: record.actor.organisation ?? null,
          municipality: record.municipality ?? null,
          trace_id: record.traceId,
          previous_hash: stored.previousHash,
          hash,
        };
      });
      // One statement for the whole batch; jsonb_to_recordset takes one parameter whatever the number of rows.
      await tx.query(
        `INSERT INTO processing_log (seq, recorded_at, activity, subject, actor_id, actor_role, actor_org, municipality, trace_id,
                                     previous_hash, hash)
         SELECT seq, recorded_at, activity, subject, actor_id, actor_role, actor_org, municipality, trace_id, previous_hash, hash
           FROM jsonb_to_recordset($1::jsonb) AS r(seq bigint, recorded_at timestamptz, activity text, subject text, actor_id text,
                                                   actor_role text, actor_org text, municipality text, trace_id text,
                                                   previous_hash text, hash text)`,
        [JSON.stringify(rows)],
      );
    });
  }

  async find(query: { subject?: string; from?: string; to?: string; limit?: number; afterSeq?: number }): Promise<StoredProcessingRecord[]> {
    const { rows } = await this.db.query<Row>(
      `SELECT ${COLUMNS} FROM processing_log
        WHERE ($1::text IS NULL OR subject = $1)
          AND ($2::timestamptz IS NULL OR recorded_at >= $2)
          AND ($3::timestamptz IS NULL OR recorded_at <= $3)
          AND seq > $4
        ORDER BY processing_log.seq
        LIMIT $5`,
      [query.subject ?? null, query.from ?? null, query.to ?? null, query.afterSeq ?? 0, query.limit ?? 100],
    );
    return rows.map(toRecord);
  }

  /** Recomputes the whole chain: valid only if every record's hash follows from its content and its predecessor. */
  async verify(batchSize = 5000): Promise<ChainCheck> {
    let previousHash = GENESIS;
    let expectedSeq = 1;
    for (;;) {
      const { rows } = await this.db.query<Row>(`SELECT ${COLUMNS} FROM processing_log WHERE seq >= $1 ORDER BY processing_log.seq LIMIT $2`, [expectedSeq, batchSize]);
      if (rows.length === 0) return { valid: true, records: expectedSeq - 1 };
      for (const row of rows) {
        const record = toRecord(row);
        // A gap (a deleted record), a broken link or a changed record all break the chain here.
        if (record.seq !== expectedSeq || record.previousHash !== previousHash || hashOf(record) !== record.hash) {
          return { valid: false, records: expectedSeq - 1, brokenAt: expectedSeq };
        }
        previousHash = record.hash;
        expectedSeq += 1;
      }
    }
  }
}

interface Row {
  seq: string;
  recorded_at: Date | string;
  activity: string;
  subject: string;
  actor_id: string;
  actor_role: string;
  actor_org: string | null;
  municipality: string | null;
  trace_id: string;
  previous_hash: string;
  hash: string;
}

// The cast columns keep their names, so ORDER BY names the table's column (processing_log.seq): a bare `seq` would sort
// the text alias, and '10' comes before '9'.
const COLUMNS = `seq::text AS seq, recorded_at, activity, subject, actor_id, actor_role, actor_org, municipality, trace_id, previous_hash, hash`;

async function lastLink(tx: SqlExecutor): Promise<{ seq: number; hash: string }> {
  const { rows } = await tx.query<{ seq: string; hash: string }>('SELECT seq::text AS seq, hash FROM processing_log ORDER BY processing_log.seq DESC LIMIT 1');
  return rows[0] === undefined ? { seq: 0, hash: GENESIS } : { seq: Number(rows[0].seq), hash: rows[0].hash };
}

function toRecord(row: Row): StoredProcessingRecord {
  return {
    seq: Number(row.seq),
    recordedAt: new Date(row.recorded_at).toISOString(),
    activity: row.activity,
    subject: row.subject,
    actor: { id: row.actor_id, role: row.actor_role, ...(row.actor_org === null ? {} : { organisation: row.actor_org }) },
    ...(row.municipality === null ? {} : { municipality: row.municipality }),
    traceId: row.trace_id,
    previousHash: row.previous_hash,
    hash: row.hash,
  };
}

/** The hash covers every field but itself, in a canonical JSON form. */
function hashOf(record: Omit<StoredProcessingRecord, 'hash'> & { hash?: string }): string {
  const { hash: _hash, ...content } = record;
  return createHash('sha256').update(stringify(content) ?? '').digest('hex');
}
