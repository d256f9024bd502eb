import { createHash } from 'node:crypto';
import stringify from 'safe-stable-stringify';
import { PostgresDatabase, runMigrations, SqlDatabase, SqlExecutor } from '@casusregie/sql';
import { createTempDir, createTestDatabase, openInMemoryPGlite, TempDir, TEST_MASTER_KEY, TestDatabase } from '@casusregie/test-support';
import { FileAnchorStore } from './chain-anchor';
import { ProcessingActivityId } from './processing-activities';
import { AnchorObserver, ProcessingLog, processingLogMigrations, ProcessingRecord } from './processing-log';
import { ProcessingLogKey } from './processing-log-key';

const key = ProcessingLogKey.fromMasterKey(TEST_MASTER_KEY);

const record = (n: number, subject = `member:00000000-0000-4000-8000-00000000000${n % 10}`, activity: ProcessingActivityId = 'household.read'): ProcessingRecord => ({
  activity,
  subject,
  actor: { id: `consultant-${n}`, role: 'consultant' },
  traceId: n.toString(16).padStart(32, '0'),
  spanId: n.toString(16).padStart(16, '0'),
  startedAt: '2026-11-23T10:00:00.000Z',
  municipality: 'GM0299',
});

/** What anyone can compute without the key: the first version's SHA-256 over a record's canonical JSON. */
const sha256 = (content: object) => createHash('sha256').update(stringify(content) ?? '').digest('hex');

describe.each(['pglite', 'postgres'] as const)('processing log on %s', (kind) => {
  let db: SqlDatabase;
  let testDb: TestDatabase | undefined;
  let log: ProcessingLog;

  // One database of each kind for the file (a PGlite takes seconds to start), emptied before every test. The timeout
  // is a guard against a hang, not a speed limit: a PGlite starting on a busy CI machine takes its time.
  beforeAll(async () => {
    if (kind === 'postgres') {
      testDb = await createTestDatabase();
      db = new PostgresDatabase({ connectionString: testDb.url });
    } else {
      db = await openInMemoryPGlite();
    }
  }, 180_000);
  afterAll(async () => {
    await db.close();
    await testDb?.drop();
  });
  const empty = () => db.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public');

  beforeEach(async () => {
    await empty();
    log = new ProcessingLog(db, { key });
    await log.prepare();
  });

  it('keeps records in order, findable by subject, each linked to the one before by its MAC', async () => {
    await log.append([record(1), record(2)]);
    await log.append([{ ...record(3, 'household:11111111-1111-4111-8111-111111111111'), parentSpanId: 'b7ad6b7169203331' }]);
    const all = await log.find({});
    expect(all.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(all[1].previousMac).toBe(all[0].mac);
    expect(all[0]).toMatchObject({ actor: { id: 'consultant-1', role: 'consultant' }, spanId: '0000000000000001', startedAt: '2026-11-23T10:00:00.000Z' });
    expect(all[2].parentSpanId).toBe('b7ad6b7169203331');
    expect((await log.find({ subject: 'household:11111111-1111-4111-8111-111111111111' })).map((r) => r.seq)).toEqual([3]);
    expect(await log.verify()).toEqual({ valid: true, records: 3, head: { seq: 3, mac: all[2].mac }, findings: [] });
  });

  it('detects a changed record, and names the first record that no longer fits', async () => {
    await log.append([record(1), record(2), record(3)]);
    await db.query(`UPDATE processing_log SET actor_id = 'someone-else' WHERE seq = 2`);
    expect(await log.verify()).toMatchObject({ valid: false, records: 1, brokenAt: 2, findings: [expect.stringMatching(/^BROKEN at record 2/)] });
  });

  it('detects a removed record', async () => {
    await log.append([record(1), record(2), record(3)]);
    await db.query('DELETE FROM processing_log WHERE seq = 2');
    expect(await log.verify()).toMatchObject({ valid: false, brokenAt: 2 });
  });

  it('detects a record rewritten with every link after it recomputed, by SHA-256 or with a key that is not the key', async () => {
    await log.append([record(1), record(2), record(3)]);
    const rewriteFrom2 = async (link: (content: object) => string, linkColumn: string) => {
      const stored = await log.find({});
      let previousMac = stored[0].mac;
      for (const r of stored.slice(1)) {
        const { mac: _mac, ...content } = { ...r, actor: { ...r.actor, id: r.seq === 2 ? 'someone-else' : r.actor.id }, previousMac };
        previousMac = link(content);
        await db.query(`UPDATE processing_log SET actor_id = $2, previous_mac = $3, mac = $4, link = $5 WHERE seq = $1`, [
          r.seq,
          content.actor.id,
          content.previousMac,
          previousMac,
          linkColumn,
        ]);
      }
    };
    await rewriteFrom2(sha256, 'hmac-sha256');
    expect(await log.verify()).toMatchObject({ valid: false, records: 1, brokenAt: 2 });
    await rewriteFrom2(sha256, 'sha256');
    expect(await log.verify()).toMatchObject({ valid: false, records: 1, brokenAt: 2, findings: [expect.stringContaining('public SHA-256 link')] });
    await rewriteFrom2((content) => ProcessingLogKey.fromMasterKey(Buffer.alloc(32, 8).toString('base64')).recordMac(content), 'hmac-sha256');
    expect(await log.verify()).toMatchObject({ valid: false, records: 1, brokenAt: 2 });
  });

  // What the anchor does is the same on either database: on one of them, to keep the suite short.
  (kind === 'postgres' ? describe : describe.skip)('with an anchor kept apart', () => {
    let dir: TempDir;
    let anchored: ProcessingLog;
    let events: string[];

    beforeEach(async () => {
      dir = createTempDir();
      events = [];
      const observer: AnchorObserver = {
        anchored: (head) => events.push(`anchored ${head.seq}`),
        diverged: (finding) => events.push(`diverged: ${finding}`),
        unavailable: () => events.push('unavailable'),
      };
      anchored = new ProcessingLog(db, { key, anchors: new FileAnchorStore(dir.path), observer });
      await anchored.prepare();
    });
    afterEach(() => dir.remove());

    it('moves the anchor after every batch and verifies against it', async () => {
      await anchored.append([record(1), record(2)]);
      await anchored.append([record(3)]);
      expect(events).toEqual(['anchored 2', 'anchored 3']);
      const stored = await anchored.storedAnchor();
      expect(stored?.link.seq).toBe(3);
      expect(await anchored.verify({ anchors: [stored!] })).toMatchObject({ valid: true, records: 3 });
    });

    it('finds records cut off the end, and does not let the next batches move the anchor past the cut', async () => {
      await anchored.append(Array.from({ length: 30 }, (_, i) => record(i)));
      await db.query('DELETE FROM processing_log WHERE seq > 5');
      expect(await anchored.verify({ anchors: [(await anchored.storedAnchor())!] })).toMatchObject({
        valid: false,
        records: 5,
        findings: [expect.stringMatching(/^TRUNCATED: records 6 to 30 are missing/)],
      });

      // New records link to the shortened chain and pass record 30 again, but the anchor stays where it was.
      await anchored.append(Array.from({ length: 40 }, (_, i) => record(i)));
      expect(events.at(-1)).toMatch(/^diverged: records 6 to 30 are missing/);
      const stored = (await anchored.storedAnchor())!;
      expect(stored.link.seq).toBe(30);
      expect(await anchored.verify({ anchors: [stored] })).toMatchObject({ valid: false, records: 45, findings: [expect.stringMatching(/^DIFFERS from .*record 30/)] });

      // Once an operator accepted the table as it is, the anchor moves on again.
      await anchored.reanchor({ seq: 45, mac: (await anchored.find({ afterSeq: 44 }))[0].mac });
      await anchored.append([record(1)]);
      expect(events.at(-1)).toBe('anchored 46');
    });

    it('checks anchors given by hand, and names a stored anchor that was not made with the key', async () => {
      await anchored.append([record(1), record(2), record(3)]);
      const [second] = await anchored.find({ afterSeq: 1, limit: 1 });
      expect(await anchored.verify({ anchors: [{ link: { seq: 2, mac: second.mac }, source: '--anchor' }] })).toMatchObject({ valid: true });
      expect(await anchored.verify({ anchors: [{ link: { seq: 2, mac: 'f'.repeat(64) }, source: '--anchor' }] })).toMatchObject({
        findings: ['DIFFERS from --anchor: record 2 has another MAC than the anchor names'],
      });
      expect(await anchored.verify({ anchors: [{ link: { seq: 9, mac: second.mac }, source: '--anchor' }] })).toMatchObject({
        findings: [expect.stringMatching(/^TRUNCATED: records 4 to 9 are missing \(--anchor names record 9/)],
      });
      await new FileAnchorStore(dir.path).replace(anchored.anchorSlot, { seq: 2, mac: second.mac, tag: 'a'.repeat(64) });
      expect(await anchored.verify({ anchors: [(await anchored.storedAnchor())!] })).toMatchObject({ findings: [expect.stringMatching(/^ANCHOR NOT GENUINE/)] });
    });
  });

  describe('records of the first version, linked by SHA-256', () => {
    /**
     * The database emptied again (beforeEach prepared it with every migration) and left as the first version left it:
     * migration 1 only, each record hashed with the public algorithm.
     */
    async function firstVersionTable(count: number): Promise<SqlDatabase> {
      await empty();
      await runMigrations(db, 'processing-log', processingLogMigrations.slice(0, 1));
      let previousHash = '0'.repeat(64);
      for (let seq = 1; seq <= count; seq++) {
        const content = { seq, recordedAt: '2026-01-01T00:00:00.000Z', activity: 'household.read', subject: `member:${seq}`, actor: { id: 'c-1', role: 'consultant' }, traceId: 'a'.repeat(32), previousHash };
        const hash = sha256(content);
        await db.query(
          `INSERT INTO processing_log VALUES ($1, '2026-01-01T00:00:00.000Z', 'household.read', $2, 'c-1', 'consultant', NULL, NULL, $3, $4, $5)`,
          [seq, content.subject, content.traceId, previousHash, hash],
        );
        previousHash = hash;
      }
      return db;
    }

    it('links them with the key once, at the first start after the upgrade, so that they verify from then on', async () => {
      const old = await firstVersionTable(4);
      const upgraded = new ProcessingLog(old, { key });
      await upgraded.prepare();
      expect(await upgraded.verify()).toMatchObject({ valid: false, brokenAt: 1, findings: [expect.stringContaining('public SHA-256 link')] });
      expect(await upgraded.sealLegacyRecords()).toBe(4);
      expect(await upgraded.sealLegacyRecords()).toBe(0);
      await upgraded.append([record(5)]);
      expect(await upgraded.verify()).toMatchObject({ valid: true, records: 5 });
      // From now on, whoever rewrites a sealed record with the old algorithm breaks the chain.
      await old.query(`UPDATE processing_log SET actor_id = 'someone-else', mac = $1, link = 'sha256' WHERE seq = 2`, ['b'.repeat(64)]);
      expect(await upgraded.sealLegacyRecords()).toBe(0);
      expect(await upgraded.verify()).toMatchObject({ valid: false, brokenAt: 2 });
    });

    it('refuses to seal them when their SHA-256 chain is already broken', async () => {
      const old = await firstVersionTable(3);
      await old.query(`UPDATE processing_log SET actor_id = 'someone-else' WHERE seq = 3`);
      const upgraded = new ProcessingLog(old, { key });
      await upgraded.prepare();
      await expect(upgraded.sealLegacyRecords()).rejects.toMatchObject({ name: 'LegacyChainBrokenError', brokenAt: 3 });
      expect(await upgraded.verify()).toMatchObject({ valid: false, brokenAt: 1 });
    });
  });

  it('keeps one chain under concurrent appends', async () => {
    await Promise.all(Array.from({ length: 25 }, (_, i) => log.append([record(i), record(i + 100)])));
    expect(await log.verify()).toMatchObject({ valid: true, records: 50 });
  });

  it('writes appends made while a batch is being written together, in one transaction', async () => {
    // The same database, counting the transactions begun on it.
    let transactions = 0;
    const counting: SqlDatabase = Object.assign(Object.create(db) as SqlDatabase, {
      transaction: <T>(work: (tx: SqlExecutor) => Promise<T>) => {
        transactions++;
        return db.transaction(work);
      },
    });
    const grouped = new ProcessingLog(counting, { key });
    await Promise.all(Array.from({ length: 50 }, (_, i) => grouped.append([record(i)])));
    // The first append is written at once, the other 49 queue behind it and share the next batch.
    expect(transactions).toBe(2);
    expect(await log.verify()).toMatchObject({ valid: true, records: 50 });
  });

  it('gives one chain with every record once, each append together and in order, from two writers on one database', async () => {
    // Two writers, as two API processes would be: on PostgreSQL each with its own pool.
    const otherDb = testDb === undefined ? db : new PostgresDatabase({ connectionString: testDb.url });
    const writers = [log, new ProcessingLog(otherDb, { key, maxBatchRecords: 20 })];
    const activities: ProcessingActivityId[] = ['household.read', 'trajectory.read', 'household.history.read', 'household.search'];
    try {
      const appends = Array.from({ length: 400 }, (_, i) =>
        Array.from({ length: 1 + (i % 4) }, (_, part) => record(i, undefined, activities[part])),
      );
      await Promise.all(appends.map((records, i) => writers[i % 2].append(records)));

      const stored = await log.find({ limit: 10_000 });
      expect(await log.verify()).toMatchObject({ valid: true, records: appends.flat().length });
      const byAppend = new Map<string, typeof stored>();
      for (const r of stored) byAppend.set(r.traceId, [...(byAppend.get(r.traceId) ?? []), r]);
      expect([...byAppend.keys()].sort()).toEqual(appends.map((records) => records[0].traceId).sort());
      for (const [traceId, records] of byAppend) {
        const expected = appends.find((a) => a[0].traceId === traceId) ?? [];
        expect(records.map((r) => r.activity)).toEqual(expected.map((r) => r.activity));
        expect(records.map((r) => r.seq)).toEqual(records.map((_, k) => records[0].seq + k));
      }
    } finally {
      if (otherDb !== db) await otherDb.close();
    }
  });

  it('writes an append larger than the batch cap whole', async () => {
    const small = new ProcessingLog(db, { key, maxBatchRecords: 3 });
    await Promise.all([small.append([record(1)]), small.append(Array.from({ length: 7 }, (_, i) => record(10 + i))), small.append([record(2)])]);
    expect((await small.find({})).map((r) => r.actor.id)).toEqual(['consultant-1', ...Array.from({ length: 7 }, (_, i) => `consultant-${10 + i}`), 'consultant-2']);
    expect(await small.verify()).toMatchObject({ valid: true, records: 9 });
  });

  it('fails every append of a batch that cannot be written, and goes on with the next', async () => {
    const broken = { ...record(2), subject: null as unknown as string };
    const results = await Promise.allSettled([log.append([record(1)]), log.append([broken]), log.append([record(3)])]);
    // The first is written alone; the other two share a batch, which the NOT NULL on subject rolls back.
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
    await log.append([record(4)]);
    expect((await log.find({})).map((r) => r.actor.id)).toEqual(['consultant-1', 'consultant-4']);
    expect(await log.verify()).toMatchObject({ valid: true, records: 2 });
  });

  it('flush waits for records still being written', async () => {
    const appended = Array.from({ length: 10 }, (_, i) => log.append([record(i)]));
    await log.flush();
    expect(await log.verify()).toMatchObject({ valid: true, records: 10 });
    await Promise.all(appended);
  });
});
