import { createHash, timingSafeEqual } from 'node:crypto';
import stringify from 'safe-stable-stringify';
import { Migration, runMigrations, SqlDatabase, SqlExecutor } from '@casusregie/sql';
import { ChainAnchor, ChainAnchorStore } from './chain-anchor';
import { ChainLink, formatLink } from './chain-link';
import { ProcessingActivityId } from './processing-activities';
import { ProcessingLogKey } from './processing-log-key';

/**
 * The processing log, after the Logboek Dataverwerkingen (standards-nl §1.6): one record per data subject per
 * processing (a read or a change of a person's data), append-only. Records name the subject by a pseudonymous
 * reference (the household or member id), never by BSN or name, and the activity by its id in the register of
 * processing activities (processing-activities.ts), which holds its purpose and legal basis.
 *
 * How it shows tampering. Each record carries an HMAC-SHA256 over its content and the MAC of the record before it,
 * under a key derived from the master key (ProcessingLogKey), which the database does not hold. After every committed
 * batch the head of the chain (seq and MAC, tagged with the key) is kept apart from the database — in Redis, or a file
 * in DATA_DIR without Redis (the anchor, chain-anchor.ts) — and logged at info level (`processing log anchor
 * <seq>:<mac>`) for a log store outside the database to keep. A writer only moves the anchor while the table still
 * passes through it, so records cut off between two batches are not hidden by the next batch: the anchor stays, and
 * the API logs an error per batch.
 *
 * Threat model:
 * - Write access to the database only (stolen credentials, an injection, a DBA, a doctored backup): a record changed,
 *   inserted, reordered or removed in the middle breaks the chain, whatever is recomputed with SHA-256 or any public
 *   algorithm, and so does a record put back in the first version's form (verify accepts no unkeyed link). Cutting
 *   records off the end leaves a chain that fits, but not the anchor: verify names the missing records.
 * - The database and the anchor store (Redis, or DATA_DIR): the stored anchor can be deleted (verify then reports the
 *   log as unanchored, exit 1) or rolled back to an anchor seen there before — a tag for any other point needs the
 *   key — and the records after it cut off. Only an anchor kept beyond their reach shows that: one from the log
 *   store, given to verify with --anchor.
 * - The master key (PERSONAL_DATA_MASTER_KEY; in embedded mode the file DATA_DIR/personal-data-master-key, beside
 *   the database and the anchor, so embedded mode protects against nobody who can read DATA_DIR): the chain and the
 *   stored anchor can be rewritten. Still, every record up to an anchor held beyond their reach stays as it was: the
 *   anchor's MAC commits to every record before it.
 *
 * What `verify` proves when it finds nothing: every record from the first to the last carries the MAC a holder of the
 * key made over its content and the record before it (so none was changed, added or removed in between), and the
 * table passes through every anchor it was given (so none up to the latest of them was cut off). It cannot know of
 * records cut off after the latest anchor, nor of processing that was never logged.
 */
export interface ProcessingRecord {
  /** The processing activity (`dpl.core.processing_activity_id`), a key of the register. */
  activity: ProcessingActivityId;
  /** Pseudonymous reference of the data subject: `household:<uuid>` or `member:<uuid>`. */
  subject: string;
  actor: { id: string; role: string; organisation?: string };
  /** W3C trace id of the request (32 hex), so the record can be tied to the request's logs. */
  traceId: string;
  /** The processing's own span (16 hex): one per processing, shared by its records (one per data subject). */
  spanId: string;
  /** The caller's span from `traceparent`, when the request came with one. */
  parentSpanId?: string;
  /** When the processing began (the request's arrival); `recordedAt` is when it was logged, after it was done. */
  startedAt: string;
  municipality?: string;
}

export interface StoredProcessingRecord extends Omit<ProcessingRecord, 'activity' | 'spanId' | 'startedAt'> {
  seq: number;
  /** A key of the register for every record written since the register exists. */
  activity: string;
  /** Absent on records written before the Logboek fields were recorded. */
  spanId?: string;
  startedAt?: string;
  recordedAt: string;
  previousMac: string;
  mac: string;
}

export interface ChainCheck {
  /** True when nothing below was found. */
  valid: boolean;
  /** How many records, from the first, have a MAC that follows from their content and the record before. */
  records: number;
  /** The last of those records. */
  head?: ChainLink;
  /** The first record whose MAC does not follow (changed, inserted, removed, or never keyed). */
  brokenAt?: number;
  /** What is wrong, one data-free sentence each, in the order found. */
  findings: string[];
}

/** A head of the chain seen elsewhere, to check the table against: the anchor store's, or one given by an operator. */
export interface AnchorClaim {
  link: ChainLink;
  /** The anchor store's anchors carry a tag made with the key; an operator's do not need one. */
  tag?: string;
  /** Where it comes from, for the findings: "the anchor in Redis (REDIS_URL)", "--anchor". */
  source: string;
}

/** What the log reports about its anchor; the API logs it. */
export interface AnchorObserver {
  /** The anchor moved to this head: logged, so that a log store outside the database keeps a copy. */
  anchored(head: ChainLink): void;
  /** The table no longer passes through the anchor; the anchor stays where it is until an operator looks. */
  diverged(finding: string): void;
  /** The anchor could not be read or moved (Redis away); the records were written all the same. */
  unavailable(error: unknown): void;
}

export interface ProcessingLogOptions {
  key: ProcessingLogKey;
  /** Where the head of the chain is kept apart from the database; without it, nothing is anchored. */
  anchors?: ChainAnchorStore;
  observer?: AnchorObserver;
  /** At most this many records per transaction; one append larger than this is written on its own, never split. */
  maxBatchRecords?: number;
}

const GENESIS = '0'.repeat(64);
// Any constant works as long as every writer uses the same one: batches take turns so the chain has one order.
const CHAIN_LOCK_KEY = 7_402_114;
const KEYED = 'hmac-sha256';
/** Records of the first version, linked by a plain SHA-256 that anyone can recompute. */
const LEGACY = 'sha256';

export const processingLogMigrations: readonly Migration[] = [
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
  {
    version: 2,
    name: 'keyed links and Logboek fields',
    sql: `
      ALTER TABLE processing_log RENAME COLUMN previous_hash TO previous_mac;
      ALTER TABLE processing_log RENAME COLUMN hash TO mac;
      -- The records written so far keep their SHA-256 link until sealLegacyRecords links them with the key.
      ALTER TABLE processing_log ADD COLUMN link text NOT NULL DEFAULT '${LEGACY}';
      ALTER TABLE processing_log ALTER COLUMN link DROP DEFAULT;
      ALTER TABLE processing_log ADD COLUMN span_id text, ADD COLUMN parent_span_id text, ADD COLUMN started_at timestamptz;
    `,
  },
];

/** The records from before keyed links no longer form their SHA-256 chain: they were not sealed. */
export class LegacyChainBrokenError extends Error {
  override readonly name = 'LegacyChainBrokenError';

  constructor(readonly brokenAt: number) {
    super(`The processing log's records from before keyed links are broken at record ${brokenAt}; they were not sealed`);
  }
}

interface PendingAppend {
  records: readonly ProcessingRecord[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class ProcessingLog {
  private readonly key: ProcessingLogKey;
  protected readonly anchors: ChainAnchorStore | undefined;
  private readonly observer: AnchorObserver | undefined;
  private readonly maxBatchRecords: number;
  private slot: string | undefined;
  private queued: PendingAppend[] = [];
  private writing: Promise<void> | undefined;

  constructor(
    private readonly db: SqlDatabase,
    options: ProcessingLogOptions,
  ) {
    this.key = options.key;
    this.anchors = options.anchors;
    this.observer = options.observer;
    this.maxBatchRecords = options.maxBatchRecords ?? 500;
  }

  async prepare(): Promise<void> {
    await runMigrations(this.db, 'processing-log', processingLogMigrations);
    const { rows } = await this.db.query<{ name: string }>('SELECT current_database() AS name');
    this.slot = this.key.anchorSlot(rows[0].name);
  }

  /** Where this chain's anchor is kept in the anchor store (after prepare). */
  get anchorSlot(): string {
    if (this.slot === undefined) throw new Error('ProcessingLog.prepare() has not run');
    return this.slot;
  }

  /**
   * Links the records written before links were keyed (migration 2) with the key, at the first start after the
   * upgrade: only while every record is still unkeyed, and only when their SHA-256 chain is intact (else it throws a
   * {@link LegacyChainBrokenError} and seals nothing; `verify` then reports them as unkeyed). Their content is trusted
   * as it is at that moment: it was only ever protected by the public hash. A table rewritten later into the old form,
   * to have it sealed anew, is sealed again, but no longer passes through its anchor: the writers stop moving the
   * anchor and `verify` reports it. Returns how many records it sealed.
   */
  async sealLegacyRecords(): Promise<number> {
    const head = await this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK_KEY]);
      const { rows } = await tx.query<{ legacy: string; keyed: string }>(
        `SELECT count(*) FILTER (WHERE link = '${LEGACY}')::text AS legacy, count(*) FILTER (WHERE link <> '${LEGACY}')::text AS keyed FROM processing_log`,
      );
      if (Number(rows[0].legacy) === 0 || Number(rows[0].keyed) > 0) return undefined;
      return this.sealAll(tx);
    });
    if (head === undefined) return 0;
    await this.moveAnchor(head);
    return head.seq;
  }

  private async sealAll(tx: SqlExecutor): Promise<ChainLink> {
    let previousHash = GENESIS;
    let previousMac = GENESIS;
    let seq = 0;
    for (;;) {
      const page = (await tx.query<Row>(`SELECT ${COLUMNS} FROM processing_log WHERE seq > $1 ORDER BY processing_log.seq LIMIT 5000`, [seq])).rows;
      if (page.length === 0) return { seq, mac: previousMac };
      const sealed = page.map((row) => {
        const record = toRecord(row);
        // What the first version computed: the hash under the name it had then, over the fields it had then.
        const { mac: hash, previousMac: storedPrevious, spanId: _s, parentSpanId: _p, startedAt: _t, ...firstVersion } = record;
        if (record.seq !== seq + 1 || storedPrevious !== previousHash || sha256Of({ ...firstVersion, previousHash }) !== hash) {
          throw new LegacyChainBrokenError(seq + 1);
        }
        const link = { seq: record.seq, previous_mac: previousMac, mac: this.key.recordMac(macContent({ ...record, previousMac })) };
        seq = record.seq;
        previousHash = hash;
        previousMac = link.mac;
        return link;
      });
      await tx.query(
        `UPDATE processing_log p SET previous_mac = s.previous_mac, mac = s.mac, link = '${KEYED}'
           FROM jsonb_to_recordset($1::jsonb) AS s(seq bigint, previous_mac text, mac text) WHERE p.seq = s.seq`,
        [JSON.stringify(sealed)],
      );
    }
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
    // Read before the lock: an anchor moved meanwhile by another writer is a later point of the same chain.
    const anchor = await this.readAnchor();
    let divergence: string | undefined;
    const head = await this.db.transaction(async (tx) => {
      // Other processes write to the same chain: the lock orders the batches, so each one links to the last committed.
      await tx.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK_KEY]);
      const last = await lastLink(tx);
      if (anchor !== undefined) divergence = await this.divergence(tx, anchor, last);
      let { seq, mac } = last;
      const recordedAt = new Date().toISOString();
      const rows = records.map((record) => {
        seq += 1;
        const stored = storedForm(record, seq, recordedAt, mac);
        mac = this.key.recordMac(stored);
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
          span_id: record.spanId,
          parent_span_id: record.parentSpanId ?? null,
          started_at: stored.startedAt,
          previous_mac: stored.previousMac,
          mac,
          link: KEYED,
        };
      });
      // One statement for the whole batch; jsonb_to_recordset takes one parameter whatever the number of rows.
      await tx.query(
        `INSERT INTO processing_log (${INSERTED})
         SELECT ${INSERTED}
           FROM jsonb_to_recordset($1::jsonb) AS r(seq bigint, recorded_at timestamptz, activity text, subject text, actor_id text,
                                                   actor_role text, actor_org text, municipality text, trace_id text, span_id text,
                                                   parent_span_id text, started_at timestamptz, previous_mac text, mac text, link text)`,
        [JSON.stringify(rows)],
      );
      return { seq, mac };
    });
    // The records are committed: a problem with the anchor is reported, never turned into a failed append.
    if (divergence !== undefined) this.observer?.diverged(divergence);
    else await this.moveAnchor(head);
  }

  private async readAnchor(): Promise<ChainAnchor | undefined> {
    if (this.anchors === undefined) return undefined;
    try {
      return await this.anchors.read(this.anchorSlot);
    } catch (error) {
      this.observer?.unavailable(error);
      return undefined;
    }
  }

  private async moveAnchor(head: ChainLink): Promise<void> {
    if (this.anchors === undefined) return;
    try {
      await this.anchors.advance(this.anchorSlot, { ...head, tag: this.key.anchorTag(head.seq, head.mac) });
      this.observer?.anchored(head);
    } catch (error) {
      this.observer?.unavailable(error);
    }
  }

  /**
   * Why the table no longer passes through the anchor, or undefined when it does. Without this check the next batch
   * would move the anchor past records cut off since the last one, and the cut would never show.
   */
  private async divergence(tx: SqlExecutor, anchor: ChainAnchor, last: ChainLink): Promise<string | undefined> {
    const source = this.anchors?.description ?? 'the anchor store';
    if (!sameHex(anchor.tag, this.key.anchorTag(anchor.seq, anchor.mac))) return `the anchor in ${source} is not genuine (its tag does not match)`;
    if (last.seq < anchor.seq) return `records ${last.seq + 1} to ${anchor.seq} are missing (the anchor in ${source} names record ${anchor.seq})`;
    if (last.seq === anchor.seq && last.mac === anchor.mac) return undefined;
    const { rows } = await tx.query<{ mac: string }>('SELECT mac FROM processing_log WHERE seq = $1', [anchor.seq]);
    return rows[0]?.mac === anchor.mac ? undefined : `record ${anchor.seq} is not the one the anchor in ${source} names`;
  }

  /** Moves the anchor to the table's head whatever it was: after an operator accepted the table as it is. */
  async reanchor(head: ChainLink): Promise<void> {
    if (this.anchors === undefined) throw new Error('No anchor store to move');
    await this.anchors.replace(this.anchorSlot, { ...head, tag: this.key.anchorTag(head.seq, head.mac) });
  }

  /** The anchor store's anchor as a claim for `verify`, or undefined when it holds none. */
  async storedAnchor(): Promise<AnchorClaim | undefined> {
    if (this.anchors === undefined) return undefined;
    const anchor = await this.anchors.read(this.anchorSlot);
    return anchor === undefined ? undefined : { link: { seq: anchor.seq, mac: anchor.mac }, tag: anchor.tag, source: `the anchor in ${this.anchors.description}` };
  }

  async find(query: {
    subject?: string;
    from?: string;
    to?: string;
    limit?: number;
    afterSeq?: number;
    /** Only the records of this municipality's processing (the controller of the data). */
    municipality?: string;
  }): Promise<StoredProcessingRecord[]> {
    const { rows } = await this.db.query<Row>(
      `SELECT ${COLUMNS} FROM processing_log
        WHERE ($1::text IS NULL OR subject = $1)
          AND ($2::timestamptz IS NULL OR recorded_at >= $2)
          AND ($3::timestamptz IS NULL OR recorded_at <= $3)
          AND seq > $4
          AND ($6::text IS NULL OR municipality = $6)
        ORDER BY processing_log.seq
        LIMIT $5`,
      [query.subject ?? null, query.from ?? null, query.to ?? null, query.afterSeq ?? 0, query.limit ?? 100, query.municipality ?? null],
    );
    return rows.map(toRecord);
  }

  /**
   * Recomputes every record's MAC from the first, and checks the chain against the anchors given. Valid means: every
   * record from 1 to the head is as a holder of the key wrote it, none is missing in between, and the chain passes
   * through every anchor (so no record up to the latest anchor was removed from the end). Records written after the
   * latest anchor could have been cut off without a trace: give verify the latest anchor there is.
   */
  async verify(options: { anchors?: readonly AnchorClaim[]; batchSize?: number } = {}): Promise<ChainCheck> {
    const anchors = options.anchors ?? [];
    const batchSize = options.batchSize ?? 5000;
    const anchoredMacs = new Map<number, string>();
    const findings: string[] = [];
    let previousMac = GENESIS;
    let expectedSeq = 1;
    let brokenAt: number | undefined;
    walk: for (;;) {
      const { rows } = await this.db.query<Row>(`SELECT ${COLUMNS}, link FROM processing_log WHERE seq >= $1 ORDER BY processing_log.seq LIMIT $2`, [expectedSeq, batchSize]);
      if (rows.length === 0) break;
      for (const row of rows) {
        const record = toRecord(row);
        if (row.link !== KEYED) {
          brokenAt = expectedSeq;
          findings.push(`BROKEN at record ${expectedSeq}: it carries the public SHA-256 link of the first version, not a MAC (never sealed, or rewritten)`);
          break walk;
        }
        // A gap (a deleted record), a broken link or a changed record all break the chain here.
        if (record.seq !== expectedSeq || record.previousMac !== previousMac || !sameHex(this.key.recordMac(macContent(record)), record.mac)) {
          brokenAt = expectedSeq;
          findings.push(`BROKEN at record ${expectedSeq}: it does not follow from its content and the record before it (changed, inserted or removed)`);
          break walk;
        }
        if (anchors.some((anchor) => anchor.link.seq === record.seq)) anchoredMacs.set(record.seq, record.mac);
        previousMac = record.mac;
        expectedSeq += 1;
      }
    }
    const records = expectedSeq - 1;
    const head = records === 0 ? undefined : { seq: records, mac: previousMac };
    for (const anchor of anchors) {
      if (anchor.tag !== undefined && !sameHex(anchor.tag, this.key.anchorTag(anchor.link.seq, anchor.link.mac))) {
        findings.push(`ANCHOR NOT GENUINE: ${anchor.source} does not carry a tag made with the key (${formatLink(anchor.link)})`);
      } else if (brokenAt !== undefined && anchor.link.seq >= brokenAt) {
        // Already reported: the chain breaks before it reaches this anchor.
      } else if (anchor.link.seq > records) {
        findings.push(`TRUNCATED: records ${records + 1} to ${anchor.link.seq} are missing (${anchor.source} names record ${anchor.link.seq}; the table ends at ${records})`);
      } else if (anchor.link.seq > 0 && anchoredMacs.get(anchor.link.seq) !== anchor.link.mac) {
        findings.push(`DIFFERS from ${anchor.source}: record ${anchor.link.seq} has another MAC than the anchor names`);
      }
    }
    return { valid: findings.length === 0, records, ...(head === undefined ? {} : { head }), ...(brokenAt === undefined ? {} : { brokenAt }), findings };
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
  span_id: string | null;
  parent_span_id: string | null;
  started_at: Date | string | null;
  previous_mac: string;
  mac: string;
  link?: string;
}

// The cast columns keep their names, so ORDER BY names the table's column (processing_log.seq): a bare `seq` would sort
// the text alias, and '10' comes before '9'.
const COLUMNS = `seq::text AS seq, recorded_at, activity, subject, actor_id, actor_role, actor_org, municipality, trace_id, span_id,
                 parent_span_id, started_at, previous_mac, mac`;
const INSERTED = `seq, recorded_at, activity, subject, actor_id, actor_role, actor_org, municipality, trace_id, span_id, parent_span_id,
                  started_at, previous_mac, mac, link`;

async function lastLink(tx: SqlExecutor): Promise<ChainLink> {
  const { rows } = await tx.query<{ seq: string; mac: string }>('SELECT seq::text AS seq, mac FROM processing_log ORDER BY processing_log.seq DESC LIMIT 1');
  return rows[0] === undefined ? { seq: 0, mac: GENESIS } : { seq: Number(rows[0].seq), mac: rows[0].mac };
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
    ...(row.span_id === null ? {} : { spanId: row.span_id }),
    ...(row.parent_span_id === null ? {} : { parentSpanId: row.parent_span_id }),
    ...(row.started_at === null ? {} : { startedAt: new Date(row.started_at).toISOString() }),
    previousMac: row.previous_mac,
    mac: row.mac,
  };
}

/**
 * A record as `toRecord` will read it back, field for field, so that the MAC made when writing is the MAC recomputed
 * when verifying: absent optional fields stay absent, and the start time is in the form the database gives back.
 */
function storedForm(record: ProcessingRecord, seq: number, recordedAt: string, previousMac: string): Omit<StoredProcessingRecord, 'mac'> {
  const { id, role, organisation } = record.actor;
  return {
    seq,
    recordedAt,
    activity: record.activity,
    subject: record.subject,
    actor: { id, role, ...(organisation === undefined ? {} : { organisation }) },
    ...(record.municipality === undefined ? {} : { municipality: record.municipality }),
    traceId: record.traceId,
    spanId: record.spanId,
    ...(record.parentSpanId === undefined ? {} : { parentSpanId: record.parentSpanId }),
    startedAt: new Date(record.startedAt).toISOString(),
    previousMac,
  };
}

/** What a record's MAC covers: every field but the MAC itself, the previous record's MAC included. */
function macContent(record: Omit<StoredProcessingRecord, 'mac'> & { mac?: string }): object {
  const { mac: _mac, ...content } = record;
  return content;
}

function sha256Of(content: object): string {
  return createHash('sha256').update(stringify(content) ?? '').digest('hex');
}

/** Compares two hex MACs in constant time. */
function sameHex(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
