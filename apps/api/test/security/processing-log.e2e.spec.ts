import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import stringify from 'safe-stable-stringify';
import { isProcessingActivityId, PROCESSING_ACTIVITIES, StoredProcessingRecord } from '@casusregie/audit';
import { Principal } from '@casusregie/auth';
import { HouseholdCommand } from '@casusregie/domain';
import { exited, startProcess } from '@casusregie/test-support';
import { ProcessingLogService } from '../../src/processing-log/processing-log.service';
import { ApiHarness, consultant, startApi } from '../support/api-harness';
import { HouseholdClient } from '../support/household-client';

const auditor: Principal = { sub: 'privacy-officer', roles: ['auditor'], municipality: 'GM0299' };
const admin: Principal = { sub: 'beheerder', roles: ['admin'], municipality: 'GM0299' };
const provider: Principal = { sub: 'aanbieder-medewerker', roles: ['provider'], org: '98765432', municipality: 'GM0299' };
const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

/**
 * Issue 14, finding 7: the processing log noticed neither records cut off its end nor a record rewritten by someone
 * who recomputed the chain with the public algorithm. Now records are linked by a MAC under a key the database does
 * not hold, the head is anchored apart from the database (here the file in DATA_DIR: the harness runs without Redis),
 * and `npm run processing-log:verify` (its real process) checks the table against the anchor. And every record names
 * an activity of the register, with its purpose and legal basis.
 */
describe('processing log: truncation and rewriting found, every record in the register (PostgreSQL)', () => {
  let api: ApiHarness;
  let log: ProcessingLogService;
  let householdId: string;

  const as = (principal: Principal) => ({
    get: (path: string) => api.http().get(`/api/v1${path}`).set('Authorization', api.bearer(principal)),
    post: (path: string, body: object) => api.http().post(`/api/v1${path}`).set('Authorization', api.bearer(principal)).send(body),
  });
  const verifyCli = async (...args: string[]) => {
    const child = startProcess('apps/api/src/cli/verify-processing-log.ts', api.env, args);
    const code = await exited(child);
    return { code, output: child.output() };
  };
  /** The check the CLI makes, in this process: for the steps in between. */
  const verifyHere = async () => log.verify({ anchors: [(await log.storedAnchor())!] });
  const stored = async () => log.find({ limit: 10_000 });
  const readHousehold = () => as(consultant).get(`/households/${householdId}`).expect(200);
  const anchorFile = () => join(api.env.DATA_DIR, readdirSync(api.env.DATA_DIR).find((name) => name.startsWith('processing-log-anchor-'))!);

  beforeAll(async () => {
    api = await startApi('postgres', '2026-11-23');
    log = api.app.get(ProcessingLogService);
    const client = new HouseholdClient(api);
    await as(admin).post('/providers', { agbCode: provider.org, name: 'Begeleiding Plus', productCategories: ['maatwerk'] }).expect(201);
    const household = await client.register({
      municipality: 'GM0299',
      team: 'T1',
      registeredOn: '2026-03-01',
      residences: [{ key: 'A' }],
      members: [
        { givenName: 'Sanne', familyName: 'Visser', birthDate: '1987-04-01', role: 'parent', bsn: '111222333', residenceKeys: ['A'] },
        { givenName: 'Noa', familyName: 'Visser', birthDate: '2015-05-20', role: 'child', residenceKeys: ['A'] },
      ],
    });
    householdId = household.id;
    // A short session through every kind of processing: reads, a search, commands, a provider's reads and report.
    await api.http().get(`/api/v1/households/${householdId}`).set('Authorization', api.bearer(consultant)).set('traceparent', TRACEPARENT).expect(200);
    await as(consultant).post('/households/_search', { bsn: '111222333' }).expect(200);
    await client.put(`/households/${householdId}/plan`, { date: '2026-03-02', goals: [{ memberId: household.memberIds.Noa, lifeDomain: 'onderwijs', description: 'Weer naar school' }] });
    const trajectoryId = await client.openTrajectory(householdId, {
      memberId: household.memberIds.Sanne,
      date: '2026-03-02',
      source: 'self',
      channel: 'phone',
      question: 'Hulp bij het huishouden',
      lifeDomains: ['zelfredzaamheid'],
      legalBasis: 'wmo-2015',
    });
    await as(consultant).get(`/households/${householdId}/trajectories/${trajectoryId}`).expect(200);
    await as(consultant).get(`/households/${householdId}/events`).expect(200);
    await client.post(`/households/${householdId}/trajectories/${trajectoryId}/triage`, { date: '2026-03-05', level: 'L3' });
    const referralId = await client.refer(householdId, trajectoryId, {
      date: '2026-03-10',
      organisation: { agbCode: provider.org, name: 'Begeleiding Plus' },
      category: 'maatwerk',
      warmHandover: true,
    });
    await as(provider).get('/provider/referrals').expect(200);
    await as(provider).get(`/provider/referrals/${referralId}`).expect(200);
    await as(provider).post(`/provider/referrals/${referralId}/acceptance`, { date: '2026-03-12' }).expect(201);
  });
  afterAll(async () => {
    await api.close();
    expect(api.serverErrors).toEqual([]);
  });

  it('(d) logs every processing under an activity of the register, and shows its purpose, legal basis and Logboek fields', async () => {
    const { rows } = await api.storage.readModels.query<{ activity: string }>('SELECT DISTINCT activity FROM processing_log ORDER BY activity');
    expect(rows.map((row) => row.activity)).toEqual(
      [
        'household.read',
        'household.search',
        'household.history.read',
        'trajectory.read',
        'household.RegisterHousehold',
        'household.SetPlan',
        'household.OpenTrajectory',
        'household.CompleteTriage',
        'household.MakeReferral',
        'household.AcceptReferral',
        'provider.referrals.read',
        'provider.referral.read',
      ].sort(),
    );
    expect(rows.every((row) => isProcessingActivityId(row.activity))).toBe(true);

    const { body } = await as(auditor).get('/processing-log?limit=1000').expect(200);
    for (const record of body.records) {
      expect(record.processingActivity).toMatchObject({ id: record.activity, purpose: expect.any(String), legalBasis: { avg: expect.arrayContaining([expect.stringMatching(/^AVG art\./)]) } });
      expect(record.processingActivity.dataCategories.length).toBeGreaterThan(0);
      expect(record.attributes).toEqual({
        'dpl.core.processing_activity_id': `urn:casusregie:processing-activity:${record.activity}`,
        'dpl.core.data_subject_id': record.subject.split(':')[1],
        'dpl.core.data_subject_id_type': `urn:casusregie:${record.subject.split(':')[0]}-id`,
      });
      expect(record).toMatchObject({ traceId: expect.stringMatching(/^[0-9a-f]{32}$/), spanId: expect.stringMatching(/^[0-9a-f]{16}$/), startedAt: expect.any(String) });
    }
    const traced = body.records.filter((r: { traceId: string }) => r.traceId === TRACEPARENT.split('-')[1]);
    expect(traced.map((r: { parentSpanId: string }) => r.parentSpanId)).toEqual(['00f067aa0ba902b7', '00f067aa0ba902b7', '00f067aa0ba902b7']);
    expect(new Set(traced.map((r: { spanId: string }) => r.spanId)).size).toBe(1);

    // The register, read-only: every household command has its entry (the compiler sees to that; this shows it).
    const register = (await as(admin).get('/processing-activities').expect(200)).body;
    const commandTypes: HouseholdCommand['type'][] = ['RegisterHousehold', 'ErasePersonalData', 'WithdrawEvent', 'GrantTrajectoryAccess'];
    expect(register.activities.map((a: { id: string }) => a.id)).toEqual(expect.arrayContaining(commandTypes.map((type) => `household.${type}`)));
    expect(register.activities).toHaveLength(Object.keys(PROCESSING_ACTIVITIES).length);
    await as(auditor).get('/processing-activities').expect(200);
    await as(consultant).get('/processing-activities').expect(403);
  });

  it('(c) verifies an intact log against its anchor, with npm run processing-log:verify', async () => {
    const { code, output } = await verifyCli();
    const head = (await stored()).at(-1)!;
    expect(output).toContain(`processing log intact: ${head.seq} records, head ${head.seq}:${head.mac}; passes through the anchor in the file`);
    expect(code).toBe(0);
  }, 30_000);

  it('(b) finds a record rewritten with the chain after it recomputed by plain SHA-256, or by the first version’s algorithm', async () => {
    const original = await stored();
    const target = original[Math.floor(original.length / 2)].seq;
    const sha256 = (content: object) => createHash('sha256').update(stringify(content) ?? '').digest('hex');
    const rewrite = async (link: 'hmac-sha256' | 'sha256', hashOf: (record: StoredProcessingRecord, previous: string) => string) => {
      let previous = original.find((r) => r.seq === target - 1)!.mac;
      for (const record of original.filter((r) => r.seq >= target)) {
        const changed = { ...record, actor: { ...record.actor, id: record.seq === target ? 'someone-else' : record.actor.id } };
        const mac = hashOf(changed, previous);
        await api.storage.readModels.query('UPDATE processing_log SET actor_id = $2, previous_mac = $3, mac = $4, link = $5 WHERE seq = $1', [
          record.seq,
          changed.actor.id,
          previous,
          mac,
          link,
        ]);
        previous = mac;
      }
    };

    // Every field the record has, as the MAC covers them, but hashed with the public SHA-256.
    await rewrite('hmac-sha256', ({ mac: _mac, ...content }, previousMac) => sha256({ ...content, previousMac }));
    expect(await verifyHere()).toMatchObject({ valid: false, brokenAt: target, records: target - 1 });

    // Exactly what the first version wrote and checked: its fields, its names, its SHA-256.
    await rewrite('sha256', ({ seq, recordedAt, activity, subject, actor, municipality, traceId }, previousHash) =>
      sha256({ seq, recordedAt, activity, subject, actor, municipality, traceId, previousHash }),
    );
    const { code, output } = await verifyCli();
    expect(output).toContain(`processing log BROKEN at record ${target}: it carries the public SHA-256 link`);
    expect(output).toContain(`records 1 to ${target - 1} are intact`);
    expect(code).toBe(1);

    for (const record of original.filter((r) => r.seq >= target)) {
      await api.storage.readModels.query(`UPDATE processing_log SET actor_id = $2, previous_mac = $3, mac = $4, link = 'hmac-sha256' WHERE seq = $1`, [
        record.seq,
        record.actor.id,
        record.previousMac,
        record.mac,
      ]);
    }
    expect(await verifyHere()).toMatchObject({ valid: true });
  }, 30_000);

  it('(a) finds the last 25 records deleted, keeps the anchor where it was while the API writes on, and names the cut against an anchor from the log', async () => {
    const earlierAnchor = readFileSync(anchorFile(), 'utf8');
    for (let i = 0; i < 10; i++) await readHousehold();
    const head = (await stored()).at(-1)!;

    await api.storage.readModels.query('DELETE FROM processing_log WHERE seq > $1', [head.seq - 25]);
    const truncated = await verifyCli();
    expect(truncated.output).toContain(`processing log TRUNCATED: records ${head.seq - 24} to ${head.seq} are missing (the anchor in the file`);
    expect(truncated.code).toBe(1);

    // The API goes on (its new records link to the shortened chain) and passes record `head.seq` again; it reports
    // the cut rather than moving the anchor past it.
    for (let i = 0; i < 10; i++) await readHousehold();
    const reports = api.serverErrors.splice(0);
    expect(reports).toHaveLength(10);
    expect(reports[0]).toMatch(new RegExp(`^The processing log no longer passes through its anchor: records ${head.seq - 24} to ${head.seq} are missing`));
    expect(reports.at(-1)).toMatch(new RegExp(`^The processing log no longer passes through its anchor: record ${head.seq} is not the one the anchor`));
    expect(await verifyHere()).toMatchObject({ valid: false, findings: [expect.stringMatching(new RegExp(`^DIFFERS from the anchor in the file.*: record ${head.seq} has another MAC`))] });

    // Whoever can also write the anchor file can only put back an anchor it saw before; the anchor logged at info
    // level (seq and MAC), given with --anchor from the log store, still shows the cut.
    writeFileSync(anchorFile(), earlierAnchor);
    expect(await verifyHere()).toMatchObject({ valid: true });
    const fromLog = await verifyCli('--anchor', `${head.seq}:${head.mac}`);
    expect(fromLog.output).toContain(`processing log DIFFERS from --anchor: record ${head.seq} has another MAC`);
    expect(fromLog.code).toBe(1);

    // After the incident was looked into, an operator moves the anchor to the table as it is, and writing anchors on.
    const reanchored = await verifyCli('--reanchor');
    const now = (await stored()).at(-1)!;
    expect(reanchored.output).toContain(`moved to ${now.seq}:${now.mac}`);
    await readHousehold();
    expect(await verifyHere()).toMatchObject({ valid: true, records: now.seq + 3 });
    expect((await log.storedAnchor())?.link.seq).toBe(now.seq + 3);
  }, 60_000);
});
