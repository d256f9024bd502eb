import { EventSelector } from '../norms/norm-definition';
import { FigureDefinition, FigureDimension, FigureItemSet } from './figure-definition';

/**
 * The management figures that ship (domain-research §3.2; the monitoring dimensions of Zevenaar 000:484 "het aantal
 * trajecten, de duur en intensiteit, doorlooptijden, verwijzingen", EHZ's Monitor Sociaal Domein 002:289 and
 * Nieuwegein's indicator "Aantallen indicaties en omvang (kosten en duur) maatwerkvoorzieningen" 004:1258), as data
 * over five item sets. The same for every municipality: a figure counts what happened; what is good enough is a
 * norm's business.
 */

const TRAJECTORY_CLOSED: EventSelector = { event: 'TrajectoryClosed' };

export const FIGURE_ITEM_SETS: readonly FigureItemSet[] = [
  {
    // One item per period a trajectory is open: a reopened trajectory opens a new one, so it is open again.
    id: 'trajectory-open',
    itemPer: 'start-event',
    start: { event: ['TrajectoryOpened', 'TrajectoryReopened'] },
    stop: TRAJECTORY_CLOSED,
    exclusions: [],
  },
  {
    // Every referral, by the day it was made; a withdrawn (retracted) one is gone (§6.7 B10).
    id: 'referral-made',
    itemPer: 'referral',
    start: { event: 'ReferralMade' },
    exclusions: [],
  },
  {
    // A maatwerk referral waits for its care to start: the provider's waiting list (K31). Referrals to the sociale
    // basis or the voorliggend veld are left out: no provider reports a start of care for them, so they would wait
    // for ever. A declined or withdrawn referral, or a closed trajectory, no longer waits.
    id: 'maatwerk-care-wait',
    itemPer: 'referral',
    start: { event: 'ReferralMade', where: { category: 'maatwerk' } },
    stop: { event: 'CareStarted' },
    exclusions: [{ event: 'ReferralDeclined' }, { event: 'ReferralWithdrawn' }, TRAJECTORY_CLOSED],
  },
  {
    id: 'triage-referral',
    itemPer: 'trajectory',
    start: { event: 'TriageCompleted' },
    stop: { event: 'ReferralMade' },
    exclusions: [TRAJECTORY_CLOSED],
  },
  {
    // A period of care: from the provider's start to its end (iWmo/iJw 305 → 307).
    id: 'care',
    itemPer: 'referral',
    start: { event: 'CareStarted' },
    stop: { event: 'CareEnded' },
    exclusions: [TRAJECTORY_CLOSED],
  },
];

/** What every item has: the household's team, casusregisseur and wijk, the trajectory's legal basis, level and age band. */
const OF_A_TRAJECTORY: readonly FigureDimension[] = ['team', 'coordinator', 'wijk', 'legalBasis', 'level', 'ageBand'];
/** …and an item of a referral (or stopped by one) its category and provider too. */
const OF_A_REFERRAL: readonly FigureDimension[] = [...OF_A_TRAJECTORY, 'category', 'provider'];

export const SHIPPED_FIGURES: readonly FigureDefinition[] = [
  {
    kind: 'figure',
    id: 'open-trajectories',
    kNumber: null,
    title: 'Lopende trajecten (voorraad op peildatum)',
    source:
      'Zevenaar 000:484: "Het gebruik van data en cijfermatig inzicht, bijvoorbeeld over het aantal trajecten, de duur en ' +
      'intensiteit, doorlooptijden, verwijzingen en de financiën, is belangrijk …"; 000:488 ("tussentijdse cijfers sociaal ' +
      'domein"). The trajectories open at the end of the as-of date (opened or reopened, not closed), by legal basis, ' +
      'level, category (of the trajectory\'s latest referral) and the other breakdowns.',
    measure: 'stock',
    itemSet: 'trajectory-open',
    breakdowns: [...OF_A_TRAJECTORY, 'category'],
    defaultGroupBy: 'none',
  },
  {
    kind: 'figure',
    id: 'waiting-for-care',
    kNumber: 'K31',
    title: 'Wachtenden per aanbieder: maatwerkverwijzing gedaan of geaccepteerd, zorg nog niet gestart',
    source:
      'Zevenaar 003:48: "Daarnaast zien we bij alle vormen van jeugdhulp nog steeds wachtlijsten." and 000:488 (tussentijdse ' +
      'cijfers met focus op kosten en wachtlijsten jeugdhulp en Wmo); domain-research §3.2 K31. The maatwerk referrals whose ' +
      'care has not started at the end of the as-of date, with the days they have waited so far; a declined or withdrawn ' +
      'referral or a closed trajectory no longer waits. Completed waits: the norm referral-care-start.',
    measure: 'stock',
    itemSet: 'maatwerk-care-wait',
    breakdowns: OF_A_REFERRAL.filter((dimension) => dimension !== 'category'),
    defaultGroupBy: 'provider',
  },
  {
    kind: 'figure',
    id: 'referrals',
    kNumber: 'K10',
    title: 'Verwijzingen per categorie en casusregisseur',
    source:
      'Zevenaar 000:376: "1.1.3 Er wordt meer verwezen naar het voorliggend veld en minder indicaties afgegeven door de ' +
      'consulenten."; annex 000:588 (2026). domain-research §3.2 K10: per consulent, team and period, referrals by category ' +
      '(voorliggend veld against maatwerk, which stands for the indicaties). A withdrawn referral does not count (§6.7 B10).',
    measure: 'count',
    itemSet: 'referral-made',
    breakdowns: OF_A_REFERRAL,
    defaultGroupBy: 'year',
  },
  {
    kind: 'figure',
    id: 'triage-to-referral',
    kNumber: 'K24',
    title: 'Doorlooptijd van triage tot eerste verwijzing',
    source:
      'EHZ 002:662: "Jeugdigen/gezinnen met een ondersteuningsbehoefte worden na een juiste triage sneller goed ' +
      'doorverwezen"; domain-research §3.2 K24 (median days from triage to referral; youth: break down by legal basis). ' +
      'Per trajectory: from the completed triage to the first referral after it, in days; by the period of the triage.',
    measure: 'span',
    itemSet: 'triage-referral',
    breakdowns: OF_A_REFERRAL,
    defaultGroupBy: 'year',
  },
  {
    kind: 'figure',
    id: 'care-duration',
    kNumber: 'K27',
    title: 'Duur van de zorg per aanbieder (start tot einde zorg)',
    source:
      'Nieuwegein 004:1334–1336: "Ook bewaken en sturen we op de kwaliteit en lengte van begeleidingstrajecten door analyse ' +
      'van data en accountgesprekken met zorgaanbieders." and 004:1258 ("omvang (kosten en duur) maatwerkvoorzieningen"). ' +
      'Per referral, from the start of care to its end, both days counted (§6.2: IB 2025-10-06 → 2026-03-31 = 177 days); ' +
      'by the period the care started.',
    measure: 'span',
    itemSet: 'care',
    inclusiveDays: true,
    breakdowns: OF_A_REFERRAL,
    defaultGroupBy: 'provider',
  },
  {
    kind: 'figure',
    id: 'stacked-support',
    kNumber: 'K28',
    title: 'Gestapelde ondersteuning: huishoudens naar aantal gelijktijdig lopende zorgtrajecten',
    source:
      'EHZ 002:339: "Zo kunnen we cliënten met gestapelde kostbare ondersteuning monitoren … Dit voorkomt stapeling van ' +
      'ondersteuning." and 002:619 ("actieve regie bij duurste casussen"); domain-research §3.2 K28. Households by how many ' +
      'periods of care (started, not ended) they have at the end of the as-of date: 1, 2, or 3 or more.',
    measure: 'stacking',
    itemSet: 'care',
    breakdowns: ['team', 'coordinator', 'wijk'],
    defaultGroupBy: 'none',
  },
  {
    kind: 'figure',
    id: 'wmo-clients',
    kNumber: 'K32',
    title: 'Unieke Wmo-cliënten (personen met een Wmo-traject) in een periode',
    source:
      'Nieuwegein 004:381: "We zien de laatste 3 jaar (2022-2024) een toename van 4,5% van het aantal inwoners dat gebruik ' +
      'maakt van een Wmo voorziening."; domain-research §3.2 K32 (distinct Wmo users per year). Persons with a trajectory ' +
      'under the Wmo 2015 that was open at some time in the period; each person once.',
    measure: 'persons',
    itemSet: 'trajectory-open',
    filter: { legalBasis: 'wmo-2015' },
    breakdowns: ['team', 'coordinator', 'wijk', 'level', 'ageBand'],
    defaultGroupBy: 'year',
  },
];

/** The figure with this id, or undefined. */
export function figureById(id: string): FigureDefinition | undefined {
  return SHIPPED_FIGURES.find((figure) => figure.id === id);
}

/** The item set of a figure (every shipped figure names one: see figure-definitions.unit.spec). */
export function itemSetOf(figure: FigureDefinition): FigureItemSet {
  const set = FIGURE_ITEM_SETS.find((candidate) => candidate.id === figure.itemSet);
  if (set === undefined) throw new Error(`Figure ${figure.id} names an unknown item set ${figure.itemSet}`);
  return set;
}
