import { PGliteDatabase, PostgresDatabase, SqlDatabase, SqlExecutor } from '@casusregie/sql';
import { createTestDatabase, TestDatabase } from '@casusregie/test-support';
import { ProcessingLog, ProcessingRecord } from './processing-log';

const record = (n: number, subject = `member:00000000-0000-4000-8000-00000000000${n % 10}`): ProcessingRecord => ({
  activity: 'household.read',
  subject,
  actor: { id: `consultant-${n}`, role: 'consultant' },
  traceId: n.toString(16).padStart(32, '0'),
  municipality: 'GM0299',
});

describe.each(['pglite', 'postgres'] as const)('processing log on %s', (kind) => {
  let db: SqlDatabase;
  let testDb: TestDatabase | undefined;
  let log: ProcessingLog;

  beforeEach(async () => {
    if (kind === 'postgres') {
      testDb = await createTestDatabase();
      db = new PostgresDatabase({ connectionString: testDb.url });
    } else {
      db = await PGliteDatabase.open();
    }
    log = new ProcessingLog(db);
    await log.prepare();
  });
  afterEach(async () => {
    await db.close();
    await testDb?.drop();
  });

  it('keeps records in order, findable by subject, with a valid chain', async () => {
    await log.append([record(1), record(2)]);
    await log.append([record(3, 'household:11111111-1111-4111-8111-111111111111')]);
    const all = await log.find({});
    expect(all.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(all[1].previousHash).toBe(all[0].hash);
    expect(all[0].actor).toEqual({ id: 'consultant-1', role: 'consultant' });
    expect((await log.find({ subject: 'household:11111111-1111-4111-8111-111111111111' })).map((r) => r.seq)).toEqual([3]);
    expect(await log.verify()).toEqual({ valid: true, records: 3 });
  });

  it('detects a changed record, and names the first record that no longer fits', async () => {
    await log.append([record(1), record(2), record(3)]);
    await db.query(`UPDATE processing_log SET actor_id = 'someone-else' WHERE seq = 2`);
    expect(await log.verify()).toEqual({ valid: false, records: 1, brokenAt: 2 });
  });

  it('detects a removed record', async () => {
    await log.append([record(1), record(2), record(3)]);
    await db.query('DELETE FROM processing_log WHERE seq = 2');
    expect((await log.verify()).valid).toBe(false);
  });

  it('detects a record rewritten together with its own hash', async () => {
    await log.append([record(1), record(2), record(3)]);
    const [second] = await log.find({ afterSeq: 1, limit: 1 });
    // Whoever recomputes the hash of a changed record still breaks the link to the next one.
    await db.query(`UPDATE processing_log SET actor_id = 'someone-else', hash = repeat('a', 64) WHERE seq = $1`, [second.seq]);
    expect(await log.verify()).toEqual({ valid: false, records: 1, brokenAt: 2 });
  });

  it('keeps one chain under concurrent appends', async () => {
    await Promise.all(Array.from({ length: 25 }, (_, i) => log.append([record(i), record(i + 100)])));
    expect(await log.verify()).toEqual({ valid: true, records: 50 });
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
    const grouped = new ProcessingLog(counting);
    await Promise.all(Array.from({ length: 50 }, (_, i) => grouped.append([record(i)])));
    // The first append is written at once, the other 49 queue behind it and share the next batch.
    expect(transactions).toBe(2);
    expect(await log.verify()).toEqual({ valid: true, records: 50 });
  });

  it('gives one chain with every record once, each append together and in order, from two writers on one database', async () => {
    // Two writers, as two API processes would be: on PostgreSQL each with its own pool.
    const otherDb = testDb === undefined ? db : new PostgresDatabase({ connectionString: testDb.url });
    const writers = [log, new ProcessingLog(otherDb, { maxBatchRecords: 20 })];
    try {
      const appends = Array.from({ length: 400 }, (_, i) =>
        Array.from({ length: 1 + (i % 4) }, (_, part) => ({ ...record(i), activity: `household.read.${part}` })),
      );
      await Promise.all(appends.map((records, i) => writers[i % 2].append(records)));

      const stored = await log.find({ limit: 10_000 });
      expect(await log.verify()).toEqual({ valid: true, records: appends.flat().length });
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
    const small = new ProcessingLog(db, { maxBatchRecords: 3 });
    await Promise.all([small.append([record(1)]), small.append(Array.from({ length: 7 }, (_, i) => record(10 + i))), small.append([record(2)])]);
    expect((await small.find({})).map((r) => r.actor.id)).toEqual(['consultant-1', ...Array.from({ length: 7 }, (_, i) => `consultant-${10 + i}`), 'consultant-2']);
    expect(await small.verify()).toEqual({ valid: true, records: 9 });
  });

  it('fails every append of a batch that cannot be written, and goes on with the next', async () => {
    const broken = { ...record(2), activity: null as unknown as string };
    const results = await Promise.allSettled([log.append([record(1)]), log.append([broken]), log.append([record(3)])]);
    // The first is written alone; the other two share a batch, which the NOT NULL on activity rolls back.
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
    await log.append([record(4)]);
    expect((await log.find({})).map((r) => r.actor.id)).toEqual(['consultant-1', 'consultant-4']);
    expect(await log.verify()).toEqual({ valid: true, records: 2 });
  });

  it('flush waits for records still being written', async () => {
    const appended = Array.from({ length: 10 }, (_, i) => log.append([record(i)]));
    await log.flush();
    expect(await log.verify()).toEqual({ valid: true, records: 10 });
    await Promise.all(appended);
  });
});
