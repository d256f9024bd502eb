import { cmd, R_CALEIDOZ, R_GGNET, T_RANIA_INBURGERING, T_YUSUF_GGZ, T_YUSUF_INBURGERING } from '../testing/household-fixtures';
import { NormDefinition } from './norm-definition';
import { effectiveFacts, matchesSelector, normItems, providerAsOf } from './norm-items';
import { judgeItem } from './norm-status';
import { normsFor, shippedNorm } from './shipped-norms';
import { householdHistory } from './testing/household-history';

const WAAKVLAM = shippedNorm('waakvlam-contact-due');
const T_JANSEN = 'traj-jansen-nazorg';

/** A nazorg trajectory (Wmo, for Rania as the member the fixtures give an unknown trajectory id). */
function nazorg(today = '2026-12-31') {
  const h = householdHistory(today);
  h.run(cmd.registerHousehold('2026-01-14'));
  h.run(cmd.openTrajectory(T_JANSEN, '2026-05-01', { legalBasis: 'wmo-2015', source: 'self', lifeDomains: ['zelfredzaamheid'] }));
  h.run(cmd.completeTriage(T_JANSEN, '2026-05-10', 'L3'));
  return h;
}

describe('normItems: the items of a norm, generic over its selectors', () => {
  describe('matchesSelector', () => {
    const referral = {
      type: 'ReferralMade',
      data: { category: 'lichtere-zorg', organisation: { agbCode: '73730001', name: 'GGNet' }, lifeDomains: ['taal', 'werk'] },
    };

    it('matches on one of the event types and on every where-field', () => {
      expect(matchesSelector({ event: 'ReferralMade' }, referral)).toBe(true);
      expect(matchesSelector({ event: ['CareStarted', 'ReferralMade'] }, referral)).toBe(true);
      expect(matchesSelector({ event: 'CareStarted' }, referral)).toBe(false);
      expect(matchesSelector({ event: 'ReferralMade', where: { category: ['eerstelijn', 'lichtere-zorg'] } }, referral)).toBe(true);
      expect(matchesSelector({ event: 'ReferralMade', where: { category: 'maatwerk' } }, referral)).toBe(false);
      expect(matchesSelector({ event: 'ReferralMade', where: { category: 'lichtere-zorg', missing: 'x' } }, referral)).toBe(false);
    });

    it('follows dotted paths and matches a list field when any element matches', () => {
      expect(matchesSelector({ event: 'ReferralMade', where: { 'organisation.agbCode': '73730001' } }, referral)).toBe(true);
      expect(matchesSelector({ event: 'ReferralMade', where: { 'organisation.agbCode': '00000000' } }, referral)).toBe(false);
      expect(matchesSelector({ event: 'ReferralMade', where: { lifeDomains: 'werk' } }, referral)).toBe(true);
      expect(matchesSelector({ event: 'ReferralMade', where: { lifeDomains: ['schulden', 'wonen'] } }, referral)).toBe(false);
      expect(matchesSelector({ event: 'ReferralMade', where: { 'category.length': 13 } }, referral)).toBe(false);
    });
  });

  describe('per referral (referral-care-start)', () => {
    const CARE = shippedNorm('referral-care-start');

    it('opens one item per accepted referral, stopped by the care start of that referral only, with its provider', () => {
      const h = householdHistory('2026-11-23');
      h.run(cmd.registerHousehold('2026-04-01'));
      h.run(cmd.openTrajectory(T_YUSUF_GGZ, '2026-04-15'));
      h.run(cmd.makeReferral(T_YUSUF_GGZ, R_GGNET, '2026-05-15'));
      h.run(cmd.makeReferral(T_YUSUF_GGZ, R_CALEIDOZ, '2026-05-15'));
      h.run(cmd.makeReferral(T_YUSUF_GGZ, 'ref-declined', '2026-05-15'));
      h.run(cmd.acceptReferral(T_YUSUF_GGZ, R_GGNET, '2026-05-20'));
      h.run(cmd.acceptReferral(T_YUSUF_GGZ, R_CALEIDOZ, '2026-05-21'));
      h.run(cmd.declineReferral(T_YUSUF_GGZ, 'ref-declined', '2026-05-21'));
      h.run(cmd.startCare(T_YUSUF_GGZ, R_CALEIDOZ, '2026-05-25'));
      const [withdrawn] = h.run(cmd.withdrawReferral(T_YUSUF_GGZ, R_GGNET, '2026-06-01'));
      const items = normItems(CARE, h.facts);
      expect(items.map((item) => [item.itemKey, item.referralId, item.provider, item.startDate, item.stopDate, item.excludedOn])).toEqual([
        [R_GGNET, R_GGNET, '73730001', '2026-05-20', undefined, '2026-06-01'],
        [R_CALEIDOZ, R_CALEIDOZ, 'Caleidoz welzijnscoach', '2026-05-21', '2026-05-25', undefined],
      ]);
      expect(items[0].excludedBy).toEqual({ eventId: withdrawn.eventId, type: 'ReferralWithdrawn', reason: 'Inwoner ziet ervan af' });
      expect(items.map((item) => judgeItem(CARE, item, '2026-11-23'))).toEqual([
        { status: 'excluded', stopped: false },
        { status: 'on-time', waitingDays: 4, stopped: true },
      ]);
    });

    it('lets a trajectory closure (no referralId) exclude every open referral item of the trajectory', () => {
      const h = householdHistory('2026-11-23');
      h.run(cmd.registerHousehold('2026-04-01'));
      h.run(cmd.openTrajectory(T_YUSUF_GGZ, '2026-04-15'));
      h.run(cmd.makeReferral(T_YUSUF_GGZ, R_GGNET, '2026-05-15'));
      h.run(cmd.acceptReferral(T_YUSUF_GGZ, R_GGNET, '2026-05-20'));
      h.run(cmd.closeTrajectory(T_YUSUF_GGZ, '2026-06-10', 'moved-away'));
      expect(normItems(CARE, h.facts)).toEqual([
        expect.objectContaining({ itemKey: R_GGNET, excludedOn: '2026-06-10', excludedBy: expect.objectContaining({ reason: 'moved-away' }) }),
      ]);
    });
  });

  describe('providerAsOf: the provider known on a date (issue 19)', () => {
    const h = householdHistory('2026-11-23');
    h.run(cmd.registerHousehold('2026-04-01'));
    h.run(cmd.openTrajectory(T_YUSUF_GGZ, '2026-04-15'));
    h.run(cmd.makeReferral(T_YUSUF_GGZ, R_GGNET, '2026-05-15'));
    h.run(cmd.acceptReferral(T_YUSUF_GGZ, R_GGNET, '2026-05-20'));

    it('gives a trajectory item the provider of the referral that stopped its clock only from the stop on', () => {
      const [support] = normItems(shippedNorm('melding-start-support'), h.facts);
      expect(support).toMatchObject({ stopDate: '2026-05-20', provider: '73730001' });
      expect(providerAsOf(support, '2026-05-19')).toBeUndefined();
      expect(providerAsOf(support, '2026-05-20')).toBe('73730001');
    });

    it('gives a referral item the provider of its own referral whenever it exists', () => {
      const [acceptance] = normItems(shippedNorm('referral-acceptance'), h.facts);
      expect(providerAsOf(acceptance, '2026-05-15')).toBe('73730001');
    });
  });

  describe('per start event with the interval from a field (waakvlam-contact-due)', () => {
    const h = nazorg();
    const [started] = h.run(cmd.startWaakvlam(T_JANSEN, '2026-06-01', 28));
    const [first] = h.run(cmd.recordWaakvlamContact(T_JANSEN, '2026-06-25'));
    const [second] = h.run(cmd.recordWaakvlamContact(T_JANSEN, '2026-07-30', 'home-visit', 'concern'));
    const [ended] = h.run(cmd.endWaakvlam(T_JANSEN, '2026-08-10'));
    const [restarted] = h.run(cmd.startWaakvlam(T_JANSEN, '2026-08-10', 14));
    const [third] = h.run(cmd.recordWaakvlamContact(T_JANSEN, '2026-08-20'));
    const items = normItems(WAAKVLAM, h.facts);

    it('opens an item at the start and at every contact, due after the interval of its period', () => {
      expect(items.map((item) => [item.itemKey, item.startDate, item.deadline])).toEqual([
        [started.eventId, '2026-06-01', '2026-06-29'],
        [first.eventId, '2026-06-25', '2026-07-23'],
        [second.eventId, '2026-07-30', '2026-08-27'],
        [restarted.eventId, '2026-08-10', '2026-08-24'],
        [third.eventId, '2026-08-20', '2026-09-03'],
      ]);
    });

    it('stops each item at the next contact, ends the last of a period at WaakvlamEnded, and never reaches into the next period', () => {
      expect(items.map((item) => [item.stoppedBy?.eventId, item.excludedBy?.eventId])).toEqual([
        [first.eventId, undefined],
        [second.eventId, undefined],
        [undefined, ended.eventId],
        [third.eventId, undefined],
        [undefined, undefined],
      ]);
    });

    it('judges the contacts as of 2026-08-31', () => {
      expect(items.map((item) => judgeItem(WAAKVLAM, item, '2026-08-31'))).toEqual([
        { status: 'on-time', waitingDays: 24, stopped: true },
        { status: 'late', waitingDays: 35, daysOverdue: 7, stopped: true },
        { status: 'excluded', stopped: false },
        { status: 'on-time', waitingDays: 10, stopped: true },
        { status: 'pending', daysLeft: 3, waitingDays: 11, stopped: false },
      ]);
    });

    it('lets two contacts on one day stop each other in stream order, not themselves', () => {
      const sameDay = nazorg();
      sameDay.run(cmd.startWaakvlam(T_JANSEN, '2026-06-01', 7));
      const [a] = sameDay.run(cmd.recordWaakvlamContact(T_JANSEN, '2026-06-05'));
      const [b] = sameDay.run(cmd.recordWaakvlamContact(T_JANSEN, '2026-06-05'));
      const byKey = new Map(normItems(WAAKVLAM, sameDay.facts).map((item) => [item.itemKey, item]));
      expect(byKey.get(a.eventId)).toMatchObject({ stopDate: '2026-06-05', stoppedBy: { eventId: b.eventId } });
      expect(byKey.get(b.eventId)?.stopDate).toBeUndefined();
    });

    it('falls back to the norm’s duration when no interval is found, and has no deadline without either', () => {
      const withFallback: NormDefinition = { ...WAAKVLAM, durationFromField: { event: 'WaakvlamStarted', field: 'noSuchField' }, duration: 'P30D' };
      expect(normItems(withFallback, h.facts)[0].deadline).toBe('2026-07-01');
      const withoutFallback: NormDefinition = { ...withFallback, duration: undefined };
      expect(normItems(withoutFallback, h.facts)[0].deadline).toBeUndefined();
    });
  });

  describe('first start, stop on or after the start, and the first fact that ends the item', () => {
    it('ignores stop events dated before the start and uses the earliest on or after it', () => {
      const h = householdHistory('2026-11-23');
      h.run(cmd.registerHousehold('2026-04-01'));
      h.run(cmd.openTrajectory(T_YUSUF_GGZ, '2026-04-15'));
      h.run(cmd.makeReferral(T_YUSUF_GGZ, 'ref-early', '2026-04-20'));
      h.run(cmd.requestExploratoryConversation(T_YUSUF_GGZ, '2026-04-24'));
      h.run(cmd.makeReferral(T_YUSUF_GGZ, 'ref-maatwerk', '2026-05-01', { category: 'maatwerk' }));
      h.run(cmd.makeReferral(T_YUSUF_GGZ, 'ref-ggz', '2026-05-02', { category: 'specialistische-ggz' }));
      h.run(cmd.makeReferral(T_YUSUF_GGZ, R_CALEIDOZ, '2026-05-12'));
      h.run(cmd.makeReferral(T_YUSUF_GGZ, R_GGNET, '2026-05-15'));
      const [item] = normItems(shippedNorm('verkennend-gesprek-4w'), h.facts);
      // ref-early is before the start, maatwerk and specialist GGZ are no passende ondersteuning / lichtere zorg.
      expect(item).toMatchObject({ startDate: '2026-04-24', stopDate: '2026-05-12', provider: 'Caleidoz welzijnscoach' });
    });

    it('takes a stop on the day of the exclusion as a stop, and an exclusion before the stop as the end', () => {
      const stopFirst = householdHistory('2026-11-23');
      stopFirst.run(cmd.registerHousehold('2026-04-01'));
      stopFirst.run(cmd.openTrajectory(T_YUSUF_GGZ, '2026-04-15'));
      stopFirst.run(cmd.requestExploratoryConversation(T_YUSUF_GGZ, '2026-04-24'));
      stopFirst.run(cmd.makeReferral(T_YUSUF_GGZ, R_GGNET, '2026-05-15'));
      stopFirst.run(cmd.closeTrajectory(T_YUSUF_GGZ, '2026-05-15', 'goals-reached'));
      const [stopped] = normItems(shippedNorm('verkennend-gesprek-4w'), stopFirst.facts);
      expect(stopped.stopDate).toBe('2026-05-15');
      expect(stopped.excludedOn).toBeUndefined();

      // Closed (moved away), reopened, referred: the closure ended the item; the later referral does not reopen it.
      const closedFirst = householdHistory('2026-11-23');
      closedFirst.run(cmd.registerHousehold('2026-04-01'));
      closedFirst.run(cmd.openTrajectory(T_YUSUF_GGZ, '2026-04-15'));
      closedFirst.run(cmd.requestExploratoryConversation(T_YUSUF_GGZ, '2026-04-24'));
      closedFirst.run(cmd.closeTrajectory(T_YUSUF_GGZ, '2026-05-01', 'moved-away'));
      closedFirst.run(cmd.reopenTrajectory(T_YUSUF_GGZ, '2026-05-08'));
      closedFirst.run(cmd.makeReferral(T_YUSUF_GGZ, R_GGNET, '2026-05-15'));
      const [excluded] = normItems(shippedNorm('verkennend-gesprek-4w'), closedFirst.facts);
      expect(excluded).toMatchObject({ excludedOn: '2026-05-01' });
      expect(excluded.stopDate).toBeUndefined();
      expect(judgeItem(shippedNorm('verkennend-gesprek-4w'), excluded, '2026-11-23')?.status).toBe('excluded');
    });
  });

  describe('stop date from data fields (latestOfDateFields): the strict reading of K1', () => {
    const strictSettings = {
      GM9999: {
        name: 'Teststad',
        overrides: {
          'pip-leerroute-2m': {
            reason: 'Strict reading: taal and participatie must both have started (domain-research §3.1 K1).',
            stop: { latestOfDateFields: ['languageStartDate', 'participationStartDate'] },
          },
        },
      },
    };
    const h = householdHistory('2026-11-23');
    h.run(cmd.registerHousehold('2026-01-14'));
    h.run(cmd.openTrajectory(T_YUSUF_INBURGERING, '2026-01-14'));
    h.run(cmd.establishPip(T_YUSUF_INBURGERING, '2026-03-31', 'Z'));
    h.run(cmd.startLearningRoute(T_YUSUF_INBURGERING, '2026-05-25', '2026-06-02'));

    it('is on time on the first start date by default', () => {
      const norm = shippedNorm('pip-leerroute-2m');
      const [item] = normItems(norm, h.facts);
      expect(item.stopDate).toBe('2026-05-25');
      expect(judgeItem(norm, item, '2026-11-23')?.status).toBe('on-time');
    });

    it('is late under the strict setting: participatie started on 2026-06-02, after the deadline 2026-05-31', () => {
      const norm = normsFor('GM9999', strictSettings).find((n) => n.id === 'pip-leerroute-2m') as NormDefinition;
      expect(norm.stop).toEqual({ event: 'LearningRouteStarted', latestOfDateFields: ['languageStartDate', 'participationStartDate'] });
      const [item] = normItems(norm, h.facts);
      expect(item.stopDate).toBe('2026-06-02');
      expect(judgeItem(norm, item, '2026-11-23')).toEqual({ status: 'late', waitingDays: 63, daysOverdue: 2, stopped: true });
    });
  });

  describe('stop date from the recording date (stop.dateFrom) and a start event that stops itself', () => {
    const REPORT = shippedNorm('care-start-report-5wd');

    /** A care start on `startedOn`, recorded (entered) on `recordedOn`. */
    function careStarted(startedOn: string, recordedOn: string) {
      const h = householdHistory('2026-11-23');
      h.run(cmd.registerHousehold('2026-04-01'));
      h.run(cmd.openTrajectory(T_YUSUF_GGZ, '2026-04-15'));
      h.run(cmd.makeReferral(T_YUSUF_GGZ, R_GGNET, '2026-04-16'));
      h.run(cmd.acceptReferral(T_YUSUF_GGZ, R_GGNET, '2026-04-20'));
      const [started] = h.run(cmd.startCare(T_YUSUF_GGZ, R_GGNET, startedOn), recordedOn);
      return { h, started };
    }

    it('takes the recording date with dateFrom recordedOn, occurredOn by default', () => {
      const { h } = careStarted('2026-04-28', '2026-05-10');
      expect(normItems(REPORT, h.facts)[0]).toMatchObject({ startDate: '2026-04-28', stopDate: '2026-05-10' });
      const byOccurrence: NormDefinition = { ...REPORT, stop: { event: 'CareStarted', startEventMayStop: true } };
      expect(normItems(byOccurrence, h.facts)[0]).toMatchObject({ startDate: '2026-04-28', stopDate: '2026-04-28' });
    });

    it('falls back to occurredOn for a fact without a recording date', () => {
      const { h, started } = careStarted('2026-04-28', '2026-05-10');
      const facts = h.facts.map((fact) => (fact.eventId === started.eventId ? { ...fact, recordedOn: undefined } : fact));
      expect(normItems(REPORT, facts)[0]).toMatchObject({ stopDate: '2026-04-28', stoppedBy: { eventId: started.eventId } });
    });

    it('lets the start event stop its own item only with startEventMayStop', () => {
      const { h } = careStarted('2026-04-28', '2026-05-10');
      const otherEventsOnly: NormDefinition = { ...REPORT, stop: { event: 'CareStarted', dateFrom: 'recordedOn' } };
      const [item] = normItems(otherEventsOnly, h.facts);
      expect(item.startDate).toBe('2026-04-28');
      expect(item.stopDate).toBeUndefined();
      expect(item.stoppedBy).toBeUndefined();
    });

    it('never stops before the (corrected) occurredOn: corrected past its recording date, the stop is the new occurredOn', () => {
      const { h, started } = careStarted('2026-05-04', '2026-05-04');
      h.run(cmd.correctEventDate(started.eventId, '2026-05-11', '2026-05-12'), '2026-05-12');
      expect(h.facts.find((fact) => fact.eventId === started.eventId)).toMatchObject({ occurredOn: '2026-05-11', recordedOn: '2026-05-04' });
      const [item] = normItems(REPORT, h.facts);
      expect(item).toMatchObject({ startDate: '2026-05-11', deadline: '2026-05-19', stopDate: '2026-05-11' }); // Hemelvaartsdag 14 May skipped
      expect(judgeItem(REPORT, item, '2026-11-23')).toEqual({ status: 'on-time', waitingDays: 0, stopped: true });
    });
  });

  describe('population: the melding of the trajectory must match', () => {
    it('keeps only the trajectories whose TrajectoryOpened matches', () => {
      const h = householdHistory('2026-11-23');
      h.run(cmd.registerHousehold('2026-01-14'));
      h.run(cmd.openTrajectory(T_RANIA_INBURGERING, '2026-01-14'));
      h.run(cmd.openTrajectory(T_YUSUF_GGZ, '2026-04-15'));
      h.run(cmd.recordIntake(T_RANIA_INBURGERING, '2026-01-21'));
      h.run(cmd.recordIntake(T_YUSUF_GGZ, '2026-04-17'));
      const wmoIntake: NormDefinition = {
        ...shippedNorm('melding-intake'),
        id: 'wmo-intake',
        start: { event: 'IntakeHeld' },
        population: { event: 'TrajectoryOpened', where: { legalBasis: 'wmo-2015' } },
        stop: { event: 'TriageCompleted' },
      };
      expect(normItems(wmoIntake, h.facts).map((item) => [item.trajectoryId, item.memberId, item.startDate])).toEqual([
        [T_YUSUF_GGZ, 'm-yusuf', '2026-04-17'],
      ]);
      const byHuisarts: NormDefinition = { ...wmoIntake, population: { event: 'TrajectoryOpened', where: { source: 'huisarts' } } };
      expect(normItems(byHuisarts, h.facts).map((item) => item.trajectoryId)).toEqual([T_YUSUF_GGZ]);
      const byLifeDomain: NormDefinition = { ...wmoIntake, population: { event: 'TrajectoryOpened', where: { lifeDomains: 'taal' } } };
      expect(normItems(byLifeDomain, h.facts).map((item) => item.trajectoryId)).toEqual([T_RANIA_INBURGERING]);
    });
  });

  describe('working-day norms', () => {
    const fiveWorkingDays: NormDefinition = { ...shippedNorm('melding-intake'), id: 'melding-intake-5wd', duration: 'P5D', calendar: 'working-days' };

    function meldingWithIntake(openedOn: string, intakeOn?: string) {
      const h = householdHistory('2026-12-31');
      h.run(cmd.registerHousehold('2026-01-14'));
      h.run(cmd.openTrajectory(T_YUSUF_GGZ, openedOn));
      if (intakeOn !== undefined) h.run(cmd.recordIntake(T_YUSUF_GGZ, intakeOn));
      return normItems(fiveWorkingDays, h.facts)[0];
    }

    it('a melding on Thursday 2026-04-23 is due Friday 2026-05-01 (Koningsdag skipped): intake that day on time after 5 working days', () => {
      const item = meldingWithIntake('2026-04-23', '2026-05-01');
      expect(item).toMatchObject({ deadline: '2026-05-01', stopDate: '2026-05-01' });
      expect(judgeItem(fiveWorkingDays, item, '2026-05-31')).toEqual({ status: 'on-time', waitingDays: 5, stopped: true });
    });

    it('an intake on Monday 2026-05-04 is late by 1 working day, though 3 calendar days', () => {
      expect(judgeItem(fiveWorkingDays, meldingWithIntake('2026-04-23', '2026-05-04'), '2026-05-31')).toEqual({
        status: 'late',
        waitingDays: 6,
        daysOverdue: 1,
        stopped: true,
      });
    });

    it('a melding on Thursday 2026-04-02 is due Friday 2026-04-10 (Tweede Paasdag skipped); on Easter Monday 4 working days are left', () => {
      const item = meldingWithIntake('2026-04-02');
      expect(item.deadline).toBe('2026-04-10');
      expect(judgeItem(fiveWorkingDays, item, '2026-04-06')).toEqual({ status: 'pending', daysLeft: 4, waitingDays: 1, stopped: false });
      expect(judgeItem(fiveWorkingDays, item, '2026-04-10')).toEqual({ status: 'pending', daysLeft: 0, waitingDays: 5, stopped: false });
    });

    it('the Saturday after a Friday deadline is late by 0 working days; the Monday after by 1', () => {
      const item = meldingWithIntake('2026-04-02');
      expect(judgeItem(fiveWorkingDays, item, '2026-04-11')).toEqual({ status: 'late', daysOverdue: 0, waitingDays: 5, stopped: false });
      expect(judgeItem(fiveWorkingDays, item, '2026-04-13')).toEqual({ status: 'late', daysOverdue: 1, waitingDays: 6, stopped: false });
    });

    it('a melding on Wednesday 2026-12-23 is due Thursday 2026-12-31 (both Kerstdagen skipped)', () => {
      expect(meldingWithIntake('2026-12-23').deadline).toBe('2026-12-31');
    });
  });

  describe('corrections and the raw stream', () => {
    it('applies corrections found in a raw stream, as HouseholdState.effectiveEvents does', () => {
      const h = householdHistory('2026-11-23');
      h.run(cmd.registerHousehold('2026-01-14'));
      h.run(cmd.openTrajectory(T_RANIA_INBURGERING, '2026-01-14'));
      const [pip] = h.run(cmd.establishPip(T_RANIA_INBURGERING, '2026-02-16', 'B1'));
      h.run(cmd.correctEventDate(pip.eventId, '2026-02-10'));
      const norm = shippedNorm('pip-leerroute-2m');
      expect(effectiveFacts(h.stream)).toEqual(h.facts);
      expect(normItems(norm, h.stream)).toEqual(normItems(norm, h.facts));
      expect(normItems(norm, h.facts)[0]).toMatchObject({ startDate: '2026-02-10', deadline: '2026-04-10' });
    });

    it('keeps the recordedOn of a corrected event: a date correction changes occurredOn only', () => {
      const h = householdHistory('2026-11-23');
      h.run(cmd.registerHousehold('2026-01-14'));
      h.run(cmd.openTrajectory(T_RANIA_INBURGERING, '2026-01-14'));
      const [pip] = h.run(cmd.establishPip(T_RANIA_INBURGERING, '2026-02-16', 'B1'), '2026-02-20');
      h.run(cmd.correctEventDate(pip.eventId, '2026-02-10', '2026-03-02'), '2026-03-02');
      const corrected = { ...pip, occurredOn: '2026-02-10', recordedOn: '2026-02-20' };
      expect(effectiveFacts(h.stream).find((fact) => fact.eventId === pip.eventId)).toEqual(corrected);
      expect(h.facts.find((fact) => fact.eventId === pip.eventId)).toEqual(corrected);
    });

    it('a withdrawn PIP opens no item', () => {
      const h = householdHistory('2026-11-23');
      h.run(cmd.registerHousehold('2026-01-14'));
      h.run(cmd.openTrajectory(T_RANIA_INBURGERING, '2026-01-14'));
      const [pip] = h.run(cmd.establishPip(T_RANIA_INBURGERING, '2026-02-16', 'B1'));
      h.run(cmd.withdrawEvent(pip.eventId));
      expect(normItems(shippedNorm('pip-leerroute-2m'), h.facts)).toEqual([]);
      expect(normItems(shippedNorm('pip-leerroute-2m'), h.stream)).toEqual([]);
    });

    it('gives no items for a household without facts', () => {
      expect(normItems(shippedNorm('verkennend-gesprek-4w'), [])).toEqual([]);
    });
  });
});
