import { NormDefinition } from './norm-definition';
import { checkNormDefinition, MUNICIPALITY_NORM_SETTINGS, normsFor, SHIPPED_NORMS, shippedNorm } from './shipped-norms';

describe('the shipped norms (SPEC §3 table)', () => {
  it('ships the eight norms of the table, in its order, then the two iStandaarden provider norms and two waiting-time stages', () => {
    expect(SHIPPED_NORMS.map((norm) => norm.id)).toEqual([
      'verkennend-gesprek-4w',
      'pip-leerroute-2m',
      'melding-intake',
      'melding-start-support',
      'referral-care-start',
      'wmo-onderzoek-6w',
      'waakvlam-contact-due',
      'wijk-ggd-referrals',
      'provider-answer-5wd',
      'care-start-report-5wd',
      'melding-triage',
      'referral-acceptance',
    ]);
  });

  const WORKING_DAY_NORMS = ['provider-answer-5wd', 'care-start-report-5wd'];

  it.each(SHIPPED_NORMS.map((norm) => [norm.id, norm] as const))('%s is a valid definition', (id, norm) => {
    expect(() => checkNormDefinition(norm)).not.toThrow();
    expect(norm.calendar).toBe(WORKING_DAY_NORMS.includes(id) ? 'working-days' : 'calendar-days');
  });

  it('the iStandaarden norms run 5 working days without a target; only care-start-report-5wd stops on the recording date', () => {
    for (const id of WORKING_DAY_NORMS) {
      expect(shippedNorm(id)).toMatchObject({ itemPer: 'referral', duration: 'P5D', calendar: 'working-days', kind: 'deadline' });
      expect(shippedNorm(id).target).toBeUndefined();
    }
    expect(SHIPPED_NORMS.filter((norm) => norm.stop?.dateFrom !== undefined || norm.stop?.startEventMayStop !== undefined).map((n) => n.id)).toEqual([
      'care-start-report-5wd',
    ]);
  });

  it.each([
    ['verkennend-gesprek-4w', 'Zevenaar 000:324'],
    ['pip-leerroute-2m', 'Zevenaar 000:118'],
    ['pip-leerroute-2m', '000:524'],
    ['melding-intake', 'Nieuwegein 004:1039'],
    ['melding-intake', 'configurable default'],
    ['melding-start-support', '004:1039'],
    ['referral-care-start', 'Zevenaar 003:48'],
    ['referral-care-start', '000:488'],
    ['wmo-onderzoek-6w', 'Wmo 2015 art. 2.3.2'],
    ['waakvlam-contact-due', 'Nieuwegein 004:1128–1134'],
    ['wijk-ggd-referrals', 'Zevenaar 000:319'],
    ['provider-answer-5wd', 'standards-nl §1.3'],
    ['provider-answer-5wd', 'OP274'],
    ['care-start-report-5wd', 'standards-nl §1.3'],
    ['care-start-report-5wd', 'OP271'],
    ['melding-triage', 'Nieuwegein 004:1056–1057'],
    ['referral-acceptance', 'Zevenaar 003:48'],
  ])('%s cites %s', (id, reference) => {
    expect(shippedNorm(id).source).toContain(reference);
  });

  it('verkennend-gesprek-4w: request → referral to passende ondersteuning or lichtere zorg within P28D', () => {
    expect(shippedNorm('verkennend-gesprek-4w')).toMatchObject({
      itemPer: 'trajectory',
      start: { event: 'ExploratoryConversationRequested' },
      stop: { event: 'ReferralMade', where: { category: ['sociale-basis', 'voorliggend-veld', 'eerstelijn', 'lichtere-zorg'] } },
      exclusions: [{ event: 'TrajectoryClosed' }, { event: 'ExploratoryConversationHeld', where: { outcome: 'concluded-without-referral' } }],
      duration: 'P28D',
      kind: 'deadline',
    });
    expect(shippedNorm('verkennend-gesprek-4w').target).toBeUndefined();
  });

  it('pip-leerroute-2m: PIP → learning route within P2M, 95 % in 2026; PipAmended is no start', () => {
    expect(shippedNorm('pip-leerroute-2m')).toMatchObject({
      itemPer: 'trajectory',
      start: { event: 'PipEstablished' },
      stop: { event: 'LearningRouteStarted' },
      duration: 'P2M',
      target: { percentage: 95, year: 2026 },
    });
  });

  it('the melding norms: intake in P14D without a target; start of support and care start without a duration', () => {
    expect(shippedNorm('melding-intake')).toMatchObject({ start: { event: 'TrajectoryOpened' }, stop: { event: 'IntakeHeld' }, duration: 'P14D' });
    expect(shippedNorm('melding-intake').target).toBeUndefined();
    expect(shippedNorm('melding-start-support')).toMatchObject({ stop: { event: ['ReferralAccepted', 'CareStarted'] } });
    expect(shippedNorm('melding-start-support').duration).toBeUndefined();
    expect(shippedNorm('referral-care-start')).toMatchObject({
      itemPer: 'referral',
      start: { event: 'ReferralAccepted' },
      stop: { event: 'CareStarted' },
      exclusions: [{ event: 'ReferralWithdrawn' }, { event: 'TrajectoryClosed' }],
    });
    expect(shippedNorm('referral-care-start').duration).toBeUndefined();
  });

  it('the waiting-time stages melding → triage and referral → acceptance: distribution only, closed trajectories and unanswered ends excluded', () => {
    expect(shippedNorm('melding-triage')).toMatchObject({
      itemPer: 'trajectory',
      start: { event: 'TrajectoryOpened' },
      stop: { event: 'TriageCompleted' },
      exclusions: [{ event: 'TrajectoryClosed' }],
    });
    expect(shippedNorm('referral-acceptance')).toMatchObject({
      itemPer: 'referral',
      start: { event: 'ReferralMade' },
      stop: { event: 'ReferralAccepted' },
      exclusions: [{ event: 'ReferralDeclined' }, { event: 'ReferralWithdrawn' }, { event: 'TrajectoryClosed' }],
    });
    for (const id of ['melding-triage', 'referral-acceptance']) {
      expect(shippedNorm(id)).toMatchObject({ kind: 'deadline', calendar: 'calendar-days' });
      expect(shippedNorm(id).duration).toBeUndefined();
      expect(shippedNorm(id).target).toBeUndefined();
    }
  });

  it('wmo-onderzoek-6w, waakvlam-contact-due and wijk-ggd-referrals', () => {
    expect(shippedNorm('wmo-onderzoek-6w')).toMatchObject({
      start: { event: 'TrajectoryOpened', where: { legalBasis: 'wmo-2015' } },
      stop: { event: 'TriageCompleted' },
      duration: 'P6W',
    });
    expect(shippedNorm('waakvlam-contact-due')).toMatchObject({
      itemPer: 'start-event',
      start: { event: ['WaakvlamStarted', 'WaakvlamContactRecorded'] },
      stop: { event: 'WaakvlamContactRecorded' },
      exclusions: [{ event: 'WaakvlamEnded' }, { event: 'TrajectoryClosed' }],
      durationFromField: { event: 'WaakvlamStarted', field: 'contactIntervalDays' },
    });
    expect(shippedNorm('wijk-ggd-referrals')).toMatchObject({
      kind: 'count',
      start: { event: 'ReferralMade', where: { referrerRole: 'wijk-ggd' } },
      target: { minimumCount: 40 },
    });
  });
});

describe('normsFor: the norms of a municipality', () => {
  it('gives GM0299 Zevenaar the defaults, marked with its code', () => {
    const norms = normsFor('GM0299');
    expect(norms.map((norm) => norm.id)).toEqual(SHIPPED_NORMS.map((norm) => norm.id));
    expect(norms.map(({ municipality, ...rest }) => [municipality, rest])).toEqual(SHIPPED_NORMS.map((norm) => ['GM0299', norm]));
  });

  it('gives an unlisted municipality (GM0344 Utrecht) the defaults', () => {
    expect(normsFor('GM0344').find((norm) => norm.id === 'verkennend-gesprek-4w')?.start).toEqual({ event: 'ExploratoryConversationRequested' });
  });

  it('anchors verkennend-gesprek-4w on the GGZ waiting-list date for GM0226, saying so in the source', () => {
    const norm = normsFor('GM0226').find((n) => n.id === 'verkennend-gesprek-4w') as NormDefinition;
    expect(norm.start).toEqual({ event: 'ExploratoryConversationRequested', dateField: 'ggzWaitlistSince' });
    expect(norm.source).toContain('Zevenaar 000:324');
    expect(norm.source).toContain('GM0226 setting: The 4 weeks run from the registration on the GGZ waiting list');
    expect(norm.stop).toEqual(shippedNorm('verkennend-gesprek-4w').stop);
    expect(MUNICIPALITY_NORM_SETTINGS.GM0226.name).toBe('Duiven');
  });

  it('returns norms no caller can change (they are made once per municipality): changing them throws and leaves the defaults alone', () => {
    const [first] = normsFor('GM0299');
    expect(() => first.exclusions.push({ event: 'Anything' })).toThrow(/not extensible/);
    expect(() => ((first.start as { event: string }).event = 'Changed')).toThrow(/read only/);
    expect(shippedNorm('verkennend-gesprek-4w').exclusions).toHaveLength(2);
    expect(normsFor('GM0299')[0].start.event).toBe('ExploratoryConversationRequested');
  });

  it('leaves out a norm a municipality disables, and changes duration and calendar', () => {
    const norms = normsFor('GM9999', {
      GM9999: {
        name: 'Teststad',
        overrides: {
          'wijk-ggd-referrals': { reason: 'No wijk-GGD here', enabled: false },
          'melding-intake': { reason: 'Intake within 5 working days (local agreement)', duration: 'P5D', calendar: 'working-days' },
        },
      },
    });
    expect(norms.map((norm) => norm.id)).not.toContain('wijk-ggd-referrals');
    expect(norms.find((norm) => norm.id === 'melding-intake')).toMatchObject({ duration: 'P5D', calendar: 'working-days', municipality: 'GM9999' });
  });

  it('refuses settings for an unknown norm, or that make a norm invalid', () => {
    expect(() => normsFor('GM9999', { GM9999: { name: 'Teststad', overrides: { 'no-such-norm': { reason: 'x' } } } })).toThrow(
      'The norm settings of GM9999 name an unknown norm: no-such-norm',
    );
    expect(() =>
      normsFor('GM9999', { GM9999: { name: 'Teststad', overrides: { 'pip-leerroute-2m': { reason: 'x', calendar: 'working-days' } } } }),
    ).toThrow('Norm pip-leerroute-2m: a working-days norm counts whole days (PnD), not P2M');
    expect(() => normsFor('GM9999', { GM9999: { name: 'Teststad', overrides: { 'melding-intake': { reason: 'x', duration: 'two weeks' } } } })).toThrow(
      /ISO 8601/,
    );
  });
});

describe('checkNormDefinition', () => {
  const base = shippedNorm('melding-intake');

  it.each([
    ['the id must be kebab-case', { ...base, id: 'Melding_Intake' }],
    ['a norm names its source', { ...base, source: ' ' }],
    ['unknown calendar weekdays', { ...base, calendar: 'weekdays' as never }],
    ['a deadline norm needs a stop', { ...base, stop: undefined }],
    ['a count norm has no stop and no duration', { ...base, kind: 'count' as const }],
    ['durationFromField is for itemPer start-event', { ...base, durationFromField: { event: 'WaakvlamStarted', field: 'contactIntervalDays' } }],
    ['a target percentage lies between 0 and 100', { ...base, target: { percentage: 120 } }],
    ['unknown stop date source enteredOn', { ...base, stop: { event: 'IntakeHeld', dateFrom: 'enteredOn' as never } }],
  ] as [string, NormDefinition][])('refuses a definition with the problem: %s', (problem, norm) => {
    expect(() => checkNormDefinition(norm)).toThrow(`Norm ${norm.id}: ${problem}`);
  });

  it('refuses an unknown shipped norm id', () => {
    expect(() => shippedNorm('no-such-norm')).toThrow('No shipped norm no-such-norm');
  });
});
