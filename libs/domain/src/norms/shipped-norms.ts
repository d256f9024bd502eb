import { NORM_CALENDARS, NormCalendar, parseDateDuration } from '../calendar/add-duration';
import { EventSelector, NormDefinition, STOP_DATE_SOURCES } from './norm-definition';
import { hasDeadline } from './norm-status';

/**
 * The norms that ship configured (SPEC §3's table), as data. The norms from the seeds are on calendar days: no seed
 * counts in werkdagen (domain-research §3.0.1). The two provider norms after them follow the message deadlines of the
 * iStandaarden iWmo/iJw 3.2, which are in werkdagen (standards-nl §1.3), so they run on working days (Dutch public
 * holidays excluded). Last come two waiting-time stages that the table does not list (melding → triage, referral →
 * acceptance): every norm with a stop is also a waiting-time figure (waiting-times.ts), so a new stage is one more
 * norm here. Sources are cited as "<municipality> <document>:<line>" (domain-research §0.1).
 *
 * Only wmo-onderzoek-6w is `suspendable`: opschorting is a term of the Wmo onderzoek. The policy norms of the seeds
 * (K1, K2, melding-intake) name no suspension, the iWmo/iJw message deadlines of the provider norms have none, a
 * waakvlam interval is the team's own cadence, and a norm without a deadline has nothing to move.
 */

/** Referral categories that are *passende ondersteuning of lichtere zorg* (K2): not maatwerk, not back to specialist GGZ. */
const SUITABLE_SUPPORT_CATEGORIES = ['sociale-basis', 'voorliggend-veld', 'eerstelijn', 'lichtere-zorg'];

const TRAJECTORY_CLOSED: EventSelector = { event: 'TrajectoryClosed' };

export const SHIPPED_NORMS: readonly NormDefinition[] = [
  {
    id: 'verkennend-gesprek-4w',
    title: 'Verkennend gesprek: doorverwezen naar passende ondersteuning of lichtere zorg binnen 4 weken',
    source:
      'Zevenaar 000:324: "2.1.2 Het Verkennend gesprek wordt ingezet om inwoners op de GGZ-wachlijst binnen 4 weken door te ' +
      'verwijzen naar passende ondersteuning of lichtere zorg." (doelstelling 2.1, 000:323; annex 000:576). 4 weken = 28 ' +
      'calendar days; the stop is the referral, not the conversation. Anchor: the request for the verkennend gesprek by ' +
      'default, the GGZ waiting-list date as a per-municipality setting (domain-research §3.1 K2, §7 question 1). ' +
      '"Afgerond zonder doorverwijzing" is excluded by default (§6.7 B12). No target percentage in the source.',
    itemPer: 'trajectory',
    start: { event: 'ExploratoryConversationRequested' },
    anchorFields: ['ggzWaitlistSince'],
    stop: { event: 'ReferralMade', where: { category: SUITABLE_SUPPORT_CATEGORIES } },
    exclusions: [TRAJECTORY_CLOSED, { event: 'ExploratoryConversationHeld', where: { outcome: 'concluded-without-referral' } }],
    duration: 'P28D',
    calendar: 'calendar-days',
    kind: 'deadline',
  },
  {
    id: 'pip-leerroute-2m',
    title: 'Statushouders starten binnen twee maanden na het PIP met een passende leerroute',
    source:
      'Zevenaar 000:118: "1.6.2 Inburgeringsplichtige statushouders starten binnen twee maanden na het vaststellen van het Plan ' +
      'inburgering en participatie (PIP) met een passende leerroute (combi taal en participatie). In 2026 is dit percentage 95%." ' +
      'Annex 000:524: "95% statushouders start binnen 2 maanden met leerroute na PIP" (2026). Start: the first vaststelling ' +
      '(an amended PIP does not restart the clock, §6.7 B6); stop: the learning route started (its first start date; the strict ' +
      'reading, both taal and participatie started, is stop.latestOfDateFields [languageStartDate, participationStartDate]). ' +
      'Cohort by PIP date (domain-research §3.1 K1).',
    itemPer: 'trajectory',
    start: { event: 'PipEstablished' },
    stop: { event: 'LearningRouteStarted' },
    exclusions: [TRAJECTORY_CLOSED],
    duration: 'P2M',
    calendar: 'calendar-days',
    kind: 'deadline',
    target: { percentage: 95, year: 2026 },
  },
  {
    id: 'melding-intake',
    title: 'Melding tot intake',
    source:
      'Nieuwegein 004:1039: "Er zijn kortere wachttijden voor invulling van de ondersteuningsbehoefte van een inwoner." The source ' +
      'sets no term: P14D is a configurable default of this system, not a norm from the source; no target.',
    itemPer: 'trajectory',
    start: { event: 'TrajectoryOpened' },
    stop: { event: 'IntakeHeld' },
    exclusions: [TRAJECTORY_CLOSED],
    duration: 'P14D',
    calendar: 'calendar-days',
    kind: 'deadline',
  },
  {
    id: 'melding-start-support',
    title: 'Melding tot start van de ondersteuning (eerste geaccepteerde verwijzing of start zorg)',
    source:
      'Nieuwegein 004:1039: "Er zijn kortere wachttijden voor invulling van de ondersteuningsbehoefte van een inwoner." ' +
      '(domain-research §3.2 K25: median and P90 of melding → start of support). Distribution only: no term, no target.',
    itemPer: 'trajectory',
    start: { event: 'TrajectoryOpened' },
    stop: { event: ['ReferralAccepted', 'CareStarted'] },
    exclusions: [TRAJECTORY_CLOSED],
    calendar: 'calendar-days',
    kind: 'deadline',
  },
  {
    id: 'referral-care-start',
    title: 'Verwijzing geaccepteerd tot start zorg (wachttijd bij de aanbieder)',
    source:
      'Zevenaar 003:48: "Daarnaast zien we bij alle vormen van jeugdhulp nog steeds wachtlijsten." and 000:488 (tussentijdse ' +
      'cijfers met focus op kosten en wachtlijsten jeugdhulp en Wmo); domain-research §3.2 K31. Per referral, per provider; ' +
      'distribution only: no term, no target.',
    itemPer: 'referral',
    start: { event: 'ReferralAccepted' },
    stop: { event: 'CareStarted' },
    exclusions: [{ event: 'ReferralWithdrawn' }, TRAJECTORY_CLOSED],
    calendar: 'calendar-days',
    kind: 'deadline',
  },
  {
    id: 'wmo-onderzoek-6w',
    title: 'Wmo-melding tot afgerond onderzoek binnen zes weken',
    source:
      'Wmo 2015 art. 2.3.2 lid 1: the college completes the onderzoek within six weeks after receiving the melding ' +
      '(domain-research §3.3, [EXT] — not in the seeds). The completed triage stands for the completed onderzoek. Only ' +
      'meldingen under the Wmo 2015. No target. Suspendable: the six weeks stand still while the inwoner is given time ' +
      'to supply information or a persoonlijk plan (art. 2.3.2 lid 2), or at their request (by analogy with Awb art. ' +
      '4:15; [EXT, verify with the verordening]); a recorded suspension moves the deadline by its days.',
    itemPer: 'trajectory',
    start: { event: 'TrajectoryOpened', where: { legalBasis: 'wmo-2015' } },
    stop: { event: 'TriageCompleted' },
    exclusions: [TRAJECTORY_CLOSED],
    duration: 'P6W',
    calendar: 'calendar-days',
    suspendable: true,
    kind: 'deadline',
  },
  {
    id: 'waakvlam-contact-due',
    title: 'Waakvlamcontact: het volgende contact binnen de afgesproken termijn',
    source:
      'Nieuwegein 004:1128–1134: "meer ruimte om goede nazorg te kunnen bieden met een waakvlamcontact om te zorgen voor een ' +
      'duurzaam resultaat, na geindiceerde begeleiding" with fn 9: "Waakvlamcontact wil zeggen het in beeld houden en monitoren ' +
      'van kwetsbare inwoners en het voorkomen dat escalatie plaatsvindt." The seeds give no cadence: the interval is the one ' +
      'set when waakvlam started (WaakvlamStarted.contactIntervalDays). No target.',
    itemPer: 'start-event',
    start: { event: ['WaakvlamStarted', 'WaakvlamContactRecorded'] },
    stop: { event: 'WaakvlamContactRecorded' },
    exclusions: [{ event: 'WaakvlamEnded' }, TRAJECTORY_CLOSED],
    durationFromField: { event: 'WaakvlamStarted', field: 'contactIntervalDays' },
    calendar: 'calendar-days',
    kind: 'deadline',
  },
  {
    id: 'wijk-ggd-referrals',
    title: 'Doorverwijzingen door de wijk-GGD: minimaal 40 per jaar',
    source:
      'Zevenaar 000:319: "1.3.5 De wijk-GGD signaleert mensen met onbegrepen gedrag en verwijst hen door naar passende hulp. Uit ' +
      'de tussenevaluaties met de wijk-GGD blijkt dat er minimaal 40 doorverwijzingen per jaar zijn." Annex 000:575 (2026). ' +
      'Counts referrals (events), not persons; withdrawn (retracted) referrals do not count (domain-research §3.1 K3).',
    itemPer: 'referral',
    start: { event: 'ReferralMade', where: { referrerRole: 'wijk-ggd' } },
    exclusions: [],
    calendar: 'calendar-days',
    kind: 'count',
    target: { minimumCount: 40 },
  },
  {
    id: 'provider-answer-5wd',
    title: 'Aanbieder beantwoordt een verwijzing (maatwerk) binnen 5 werkdagen',
    source:
      'standards-nl §1.3 (iStandaarden iWmo/iJw 3.2, statutory message deadlines in werkdagen): the answer to a request ' +
      '(OP274: VOT → toewijzing or antwoordbericht ≤ 5 werkdagen; OP346 the same for a VOW). The 5 working days follow ' +
      'that iWmo/iJw answer term, applied to the contracted provider\'s answer to a maatwerk referral; they are a ' +
      'configurable default of this system (duration and calendar per municipality), not a term the iStandaarden set for ' +
      'this step. Per referral with category maatwerk (referrals to contracted care providers); acceptance and decline ' +
      'both count as the answer; a withdrawn referral or a closed trajectory is excluded. No target.',
    itemPer: 'referral',
    start: { event: 'ReferralMade', where: { category: 'maatwerk' } },
    stop: { event: ['ReferralAccepted', 'ReferralDeclined'] },
    exclusions: [{ event: 'ReferralWithdrawn' }, TRAJECTORY_CLOSED],
    duration: 'P5D',
    calendar: 'working-days',
    kind: 'deadline',
  },
  {
    id: 'care-start-report-5wd',
    title: 'Aanbieder meldt de start van de zorg binnen 5 werkdagen na de werkelijke startdatum',
    source:
      'standards-nl §1.3 (iStandaarden iWmo/iJw 3.2, statutory message deadlines, all in werkdagen): "OP271 ' +
      'startbericht ≤ 5 after the actual start" (305 StartProduct, Begindatum; the variant "or after receipt of a ' +
      'retroactive toewijzing" is not modelled). The clock starts on the actual care start date (CareStarted.occurredOn) and stops ' +
      'on the business date on which the CareStarted was recorded (reported): a backdated care start recorded late is ' +
      'late (§6.7 B8). Per referral; the report itself is the stop, so nothing excludes an item. 5 working days, ' +
      'configurable per municipality. No target.',
    itemPer: 'referral',
    start: { event: 'CareStarted' },
    stop: { event: 'CareStarted', dateFrom: 'recordedOn', startEventMayStop: true },
    exclusions: [],
    duration: 'P5D',
    calendar: 'working-days',
    kind: 'deadline',
  },
  {
    id: 'melding-triage',
    title: 'Melding tot afgeronde triage',
    source:
      'Nieuwegein 004:1056–1057: "Deze nieuwe werkwijze noemen we triageproces en begint al bij het moment van melden." ' +
      '(domain-research §2.1 step 1, §6.2: the melding starts the triage clock) and 004:1039 (shorter waits). A waiting-time ' +
      'stage of every melding, whatever its legal basis (wmo-onderzoek-6w holds the Wmo melding to its six weeks). ' +
      'Distribution only: no term, no target.',
    itemPer: 'trajectory',
    start: { event: 'TrajectoryOpened' },
    stop: { event: 'TriageCompleted' },
    exclusions: [TRAJECTORY_CLOSED],
    calendar: 'calendar-days',
    kind: 'deadline',
  },
  {
    id: 'referral-acceptance',
    title: 'Verwijzing tot acceptatie door de aanbieder',
    source:
      'Zevenaar 003:48: "Daarnaast zien we bij alle vormen van jeugdhulp nog steeds wachtlijsten." and 000:488 (tussentijdse ' +
      'cijfers met focus op kosten en wachtlijsten jeugdhulp en Wmo); domain-research §3.2 K31, the part of the wait before ' +
      'the provider accepts. Per referral, per provider; a declined or withdrawn referral, or a closed trajectory, ends the ' +
      'wait without an acceptance and is excluded. Distribution only: no term, no target.',
    itemPer: 'referral',
    start: { event: 'ReferralMade' },
    stop: { event: 'ReferralAccepted' },
    exclusions: [{ event: 'ReferralDeclined' }, { event: 'ReferralWithdrawn' }, TRAJECTORY_CLOSED],
    calendar: 'calendar-days',
    kind: 'deadline',
  },
];

/** What a municipality changes about one shipped norm. Start and stop are merged into the default's. */
export interface NormOverride {
  /** Why the municipality deviates (the decision and its reference); appended to the norm's `source`. */
  reason: string;
  /** False: the municipality does not use this norm by default (a change of its settings can switch it on). */
  enabled?: boolean;
  start?: Partial<NormDefinition['start']>;
  stop?: Partial<NonNullable<NormDefinition['stop']>>;
  population?: EventSelector;
  exclusions?: EventSelector[];
  duration?: string;
  calendar?: NormCalendar;
  target?: NormDefinition['target'];
}

export interface MunicipalityNormSettings {
  name: string;
  /** By norm id. */
  overrides: Record<string, NormOverride>;
}

/**
 * The Verkennend gesprek, the wijk-GGD and the 95 % PIP norm are Zevenaar's (source 000); Nieuwegein and EHZ have no
 * PIP norm, and their documents set no numeric waiting-time norms (domain-research §0.1, §0.2). Shipped switched off
 * for them; an administrator can switch one on from a date (POST /norm-settings/{normId}/changes).
 */
function withoutZevenaarNorms(who: string): Record<string, NormOverride> {
  return Object.fromEntries(
    ['verkennend-gesprek-4w', 'pip-leerroute-2m', 'wijk-ggd-referrals'].map((normId) => [
      normId,
      { reason: `Not a norm of ${who}: it is Zevenaar's (000); ${who} sets no such norm (domain-research §0.1–§0.2).`, enabled: false },
    ]),
  );
}

/**
 * Per-municipality settings, by CBS code. A municipality that is not listed uses the defaults.
 *
 * GM0226 Duiven is an illustrative setting for the stricter K2 anchor that domain-research §3.1 K2 asks to be
 * configurable (the GGZ waiting-list date, ggzWaitlistSince, instead of the request): it is not taken from a Duiven
 * policy document, and stays until the municipality states its own choice (§7 question 1).
 */
export const MUNICIPALITY_NORM_SETTINGS: Readonly<Record<string, MunicipalityNormSettings>> = {
  GM0299: { name: 'Zevenaar', overrides: {} },
  GM0356: { name: 'Nieuwegein', overrides: withoutZevenaarNorms('Nieuwegein') },
  // Ermelo, Harderwijk and Zeewolde (EHZ, source 002): likewise no PIP norm and no numeric waiting-time norm.
  GM0233: { name: 'Ermelo', overrides: withoutZevenaarNorms('EHZ') },
  GM0243: { name: 'Harderwijk', overrides: withoutZevenaarNorms('EHZ') },
  GM0050: { name: 'Zeewolde', overrides: withoutZevenaarNorms('EHZ') },
  GM0226: {
    name: 'Duiven',
    overrides: {
      'verkennend-gesprek-4w': {
        reason:
          'The 4 weeks run from the registration on the GGZ waiting list (ggzWaitlistSince), when recorded, else from the ' +
          'request (stricter anchor of domain-research §3.1 K2; illustrative setting).',
        start: { dateField: 'ggzWaitlistSince' },
      },
    },
  },
};

/**
 * The norms of a municipality: the shipped defaults with its overrides applied, each marked with the municipality.
 * Fresh copies: a caller may change them without touching the defaults. Throws when the settings name an unknown
 * norm or produce an invalid one.
 */
export function normsFor(
  municipality: string,
  settings: Readonly<Record<string, MunicipalityNormSettings>> = MUNICIPALITY_NORM_SETTINGS,
  { includeDisabled = false }: { includeDisabled?: boolean } = {},
): NormDefinition[] {
  // The shipped settings never change: their norms are made once per municipality (a projection asks per event), and
  // frozen, so that no caller can change them for the next.
  let norms = settings === MUNICIPALITY_NORM_SETTINGS ? SHIPPED_NORMS_BY_MUNICIPALITY.get(municipality) : undefined;
  if (norms === undefined) {
    norms = mergeNorms(municipality, settings);
    if (settings === MUNICIPALITY_NORM_SETTINGS) SHIPPED_NORMS_BY_MUNICIPALITY.set(municipality, deepFreeze(norms));
  }
  return includeDisabled ? [...norms] : norms.filter((norm) => norm.enabled !== false);
}

const SHIPPED_NORMS_BY_MUNICIPALITY = new Map<string, readonly NormDefinition[]>();

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function mergeNorms(municipality: string, settings: Readonly<Record<string, MunicipalityNormSettings>>): NormDefinition[] {
  const overrides = settings[municipality]?.overrides ?? {};
  for (const id of Object.keys(overrides)) {
    if (!SHIPPED_NORMS.some((norm) => norm.id === id)) {
      throw new Error(`The norm settings of ${municipality} name an unknown norm: ${id}`);
    }
  }
  return SHIPPED_NORMS.flatMap((shipped) => {
    const norm: NormDefinition = { ...structuredClone(shipped), municipality };
    const override = overrides[norm.id];
    if (override === undefined) return [norm];
    const { reason, enabled, start, stop, ...rest } = structuredClone(override);
    const merged: NormDefinition = {
      ...norm,
      ...rest,
      ...(enabled === false ? { enabled: false } : {}),
      start: { ...norm.start, ...start },
      ...(stop === undefined ? {} : { stop: { ...(norm.stop ?? { event: [] }), ...stop } }),
      source: `${norm.source} — ${municipality} setting: ${reason}`,
    };
    checkNormDefinition(merged);
    return [merged];
  });
}

/** The shipped norm with this id (a fresh copy), for tests and tools. */
export function shippedNorm(id: string): NormDefinition {
  const norm = SHIPPED_NORMS.find((candidate) => candidate.id === id);
  if (norm === undefined) throw new Error(`No shipped norm ${id}`);
  return structuredClone(norm);
}

/** Throws an Error naming the first thing wrong with a norm definition. */
export function checkNormDefinition(norm: NormDefinition): void {
  const fail = (problem: string) => {
    throw new Error(`Norm ${norm.id}: ${problem}`);
  };
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(norm.id)) fail('the id must be kebab-case');
  if (norm.source.trim() === '') fail('a norm names its source');
  if (!NORM_CALENDARS.includes(norm.calendar)) fail(`unknown calendar ${norm.calendar}`);
  if (norm.duration !== undefined) {
    const duration = parseDateDuration(norm.duration);
    if (norm.calendar === 'working-days' && (duration.years > 0 || duration.months > 0 || duration.weeks > 0)) {
      fail(`a working-days norm counts whole days (PnD), not ${norm.duration}`);
    }
  }
  if (norm.durationFromField !== undefined && norm.itemPer !== 'start-event') fail('durationFromField is for itemPer start-event');
  if (norm.suspendable === true && !hasDeadline(norm)) {
    fail('a suspension moves a deadline: a norm without one cannot be suspendable');
  }
  if (norm.kind === 'count') {
    if (norm.stop !== undefined || norm.duration !== undefined || norm.durationFromField !== undefined) {
      fail('a count norm has no stop and no duration');
    }
  } else if (norm.stop === undefined) {
    fail('a deadline norm needs a stop');
  }
  if (norm.stop?.dateFrom !== undefined && !STOP_DATE_SOURCES.includes(norm.stop.dateFrom)) {
    fail(`unknown stop date source ${norm.stop.dateFrom}`);
  }
  if (norm.target?.percentage !== undefined && (norm.target.percentage < 0 || norm.target.percentage > 100)) {
    fail('a target percentage lies between 0 and 100');
  }
}
