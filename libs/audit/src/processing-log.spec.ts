import { PGliteDatabase, PostgresDatabase, SqlDatabase } from '@casusregie/sql';
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
});
