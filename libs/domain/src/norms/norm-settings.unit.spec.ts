import { cmd, R_CALEIDOZ, T_RANIA_INBURGERING, T_YUSUF_GGZ, T_YUSUF_INBURGERING } from '../testing/household-fixtures';
import { MunicipalityNorms, normSettingsProblems, NormSettings, NormSettingsChange, settingsOf } from './norm-settings';
import { normsFor, shippedNorm } from './shipped-norms';
import { householdHistory } from './testing/household-history';

/** A change of one GM0299 norm: the shipped settings with `settings` over them. */
function change(normId: string, effectiveFrom: string, settings: Partial<NormSettings>, recordedAt = '2026-03-01T09:00:00Z', position = '10'): NormSettingsChange {
  return {
    municipality: 'GM0299',
    normId,
    effectiveFrom,
    settings: { ...settingsOf(shippedNorm(normId)), ...settings },
    reason: 'Raadsbesluit 2026-12',
    author: 'admin-sub-1',
    recordedAt,
    version: Number(position),
    position,
  };
}

/** Three verkennend-gesprek requests (one per trajectory) on the dates given; nothing stops their clocks. */
function requestsOn(dates: [string, string, string]) {
  const h = householdHistory('2026-12-01');
  h.run(cmd.registerHousehold());
  [T_YUSUF_GGZ, T_RANIA_INBURGERING, T_YUSUF_INBURGERING].forEach((trajectoryId, index) => {
    h.run(cmd.openTrajectory(trajectoryId, dates[index]));
    h.run(cmd.requestExploratoryConversation(trajectoryId, dates[index]));
  });
  return h;
}

describe('norm settings per municipality, versioned by effective date', () => {
  it('ships Nieuwegein (GM0356) without the Zevenaar norms: no PIP, wijk-GGD or verkennend-gesprek norm', () => {
    const ids = normsFor('GM0356').map((norm) => norm.id);
    expect(ids).not.toContain('pip-leerroute-2m');
    expect(ids).not.toContain('wijk-ggd-referrals');
    expect(ids).not.toContain('verkennend-gesprek-4w');
    expect(ids).toContain('wmo-onderzoek-6w');
    expect(new MunicipalityNorms('GM0356').normsOn('2026-06-01').map((norm) => norm.id)).toEqual(ids);
    // Zevenaar keeps them.
    expect(normsFor('GM0299').map((norm) => norm.id)).toEqual(expect.arrayContaining(['pip-leerroute-2m', 'wijk-ggd-referrals', 'verkennend-gesprek-4w']));
  });

  it('judges an item by the version in force on its start date: before the change 28 days, from it 21', () => {
    const norms = new MunicipalityNorms('GM0299', [change('verkennend-gesprek-4w', '2026-03-01', { duration: 'P21D' })]);
    const h = requestsOn(['2026-02-28', '2026-03-01', '2026-03-10']);
    const deadlines = norms.items('verkennend-gesprek-4w', h.facts).map((item) => [item.startDate, item.deadline]);
    expect(deadlines).toEqual([
      ['2026-02-28', '2026-03-28'], // + 28 days (the shipped P28D)
      ['2026-03-01', '2026-03-22'], // + 21 days: the change is in force on its effective date
      ['2026-03-10', '2026-03-31'],
    ]);
    expect(norms.normOn('verkennend-gesprek-4w', '2026-02-28')?.duration).toBe('P28D');
    expect(norms.normOn('verkennend-gesprek-4w', '2026-03-01')?.duration).toBe('P21D');
  });

  it('known at an instant before a change, the norms are those of before it', () => {
    const norms = new MunicipalityNorms('GM0299', [change('verkennend-gesprek-4w', '2026-01-01', { duration: 'P21D' }, '2026-03-01T09:00:00Z')]);
    const h = requestsOn(['2026-02-01', '2026-02-02', '2026-02-03']);
    expect(norms.items('verkennend-gesprek-4w', h.facts)[0].deadline).toBe('2026-02-22');
    const before = norms.knownAt(new Date('2026-03-01T08:59:59Z'));
    expect(before.items('verkennend-gesprek-4w', h.facts)[0].deadline).toBe('2026-03-01');
    expect(before.fingerprint).not.toBe(norms.fingerprint);
  });

  it('a norm switched off from a date has no items that start from then; switched on again, it has', () => {
    const norms = new MunicipalityNorms('GM0299', [
      change('verkennend-gesprek-4w', '2026-03-01', { enabled: false }, '2026-03-01T09:00:00Z', '10'),
      change('verkennend-gesprek-4w', '2026-04-01', { enabled: true }, '2026-03-02T09:00:00Z', '11'),
    ]);
    const h = requestsOn(['2026-02-28', '2026-03-15', '2026-04-01']);
    expect(norms.items('verkennend-gesprek-4w', h.facts).map((item) => item.startDate)).toEqual(['2026-02-28', '2026-04-01']);
    expect(norms.normOn('verkennend-gesprek-4w', '2026-03-15')).toBeNull();
    expect(norms.normsOn('2026-03-15').map((norm) => norm.id)).not.toContain('verkennend-gesprek-4w');
  });

  it('of two changes with the same effective date, the later recorded stands', () => {
    const norms = new MunicipalityNorms('GM0299', [
      change('verkennend-gesprek-4w', '2026-03-01', { duration: 'P21D' }, '2026-03-01T09:00:00Z', '10'),
      change('verkennend-gesprek-4w', '2026-03-01', { duration: 'P35D' }, '2026-03-02T09:00:00Z', '11'),
    ]);
    expect(norms.normOn('verkennend-gesprek-4w', '2026-03-01')?.duration).toBe('P35D');
    expect(norms.versions('verkennend-gesprek-4w').map((version) => version.effectiveFrom)).toEqual([null, '2026-03-01']);
  });

  it('a municipality can switch on a norm it does not use by default (Nieuwegein and the PIP norm)', () => {
    const pip = { ...change('pip-leerroute-2m', '2027-01-01', { enabled: true, target: { percentage: 90, year: 2027 } }), municipality: 'GM0356' };
    const norms = new MunicipalityNorms('GM0356', [pip]);
    expect(norms.normOn('pip-leerroute-2m', '2026-12-31')).toBeNull();
    expect(norms.normOn('pip-leerroute-2m', '2027-01-01')?.target).toEqual({ percentage: 90, year: 2027 });
    expect(norms.hasItems('pip-leerroute-2m')).toBe(true);
    expect(new MunicipalityNorms('GM0356').hasItems('pip-leerroute-2m')).toBe(false);
  });

  it('changes the anchor and the exclusions only to what the norm offers', () => {
    const h = householdHistory('2026-12-01');
    h.run(cmd.registerHousehold());
    h.run(cmd.openTrajectory(T_YUSUF_GGZ, '2026-04-15'));
    h.run(cmd.requestExploratoryConversation(T_YUSUF_GGZ, '2026-04-24', '2026-04-10'));
    h.run(cmd.makeReferral(T_YUSUF_GGZ, R_CALEIDOZ, '2026-05-15'));
    const norms = new MunicipalityNorms('GM0299', [change('verkennend-gesprek-4w', '2026-01-01', { anchor: 'ggzWaitlistSince' })]);
    expect(norms.items('verkennend-gesprek-4w', h.facts)[0]).toMatchObject({ startDate: '2026-04-10', deadline: '2026-05-08' });

    const shipped = shippedNorm('verkennend-gesprek-4w');
    expect(normSettingsProblems(shipped, { ...settingsOf(shipped), anchor: 'occurredOnOfSomethingElse' })).toEqual([
      { field: 'anchor', reason: 'must be null or one of ggzWaitlistSince' },
    ]);
    expect(normSettingsProblems(shipped, { ...settingsOf(shipped), exclusions: ['TrajectoryClosed'] })).toEqual([]);
    expect(normSettingsProblems(shipped, { ...settingsOf(shipped), exclusions: ['CareEnded'] })).toEqual([
      { field: 'exclusions', reason: 'must be a subset of TrajectoryClosed, ExploratoryConversationHeld' },
    ]);
  });

  it('refuses settings that make no norm', () => {
    const pip = shippedNorm('pip-leerroute-2m');
    const count = shippedNorm('wijk-ggd-referrals');
    const reasons = (settings: Partial<NormSettings>, norm = pip) => normSettingsProblems(norm, { ...settingsOf(norm), ...settings }).map((p) => `${p.field}: ${p.reason}`);
    expect(reasons({ calendar: 'working-days' })).toEqual(['duration: a working-days norm counts whole days (PnD), not P2M']);
    expect(reasons({ duration: 'two months' })).toEqual(['duration: must be an ISO 8601 date duration such as P28D, P6W or P2M']);
    expect(reasons({ target: { percentage: 120 } })).toEqual(['target: the percentage lies between 0 and 100']);
    expect(reasons({ duration: 'P1Y' }, count)).toContain('duration: a count norm has no duration');
    expect(reasons({ target: { percentage: 50 } }, count)).toEqual(['target: a count norm has a minimumCount target, not a percentage']);
    expect(normSettingsProblems(pip, { ...settingsOf(pip), duration: null })).toEqual([]);
  });
});
