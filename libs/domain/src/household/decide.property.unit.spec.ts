import { LocalDate } from '@js-joda/core';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { BusinessDate } from '../calendar/business-date';
import { HADDAD_MEMBERS, RESIDENCE, SECOND_RESIDENCE, YUSUF, RANIA, OMAR } from '../testing/household-fixtures';
import { checkFact } from './check-fact';
import { decide, decideAndEvolve } from './decide';
import { DOMAIN_ERROR_CODES, DomainError, DomainErrorCode } from './domain-error';
import { applyFact, foldHousehold } from './evolve';
import { DecisionContext, HouseholdCommand } from './household-commands';
import { HouseholdEvent, HouseholdEventType, isCorrection, RecordedHouseholdEvent } from './household-events';
import { Compartment, CorrectionRecord, HouseholdState, initialHouseholdState, Trajectory } from './household-state';
import {
  CARE_END_REASON_CODES,
  CLOSURE_REASONS,
  RESTRICTION_REASONS,
  EXPLORATORY_CONVERSATION_OUTCOMES,
  LEGAL_BASES,
  LIFE_DOMAINS,
  MELDING_CHANNELS,
  MELDING_SOURCES,
  MemberRole,
  PIP_ROUTES,
  REFERRAL_CATEGORIES,
  REFERRER_ROLES,
  SUPPORT_LEVELS,
  SUSPENSION_REASONS,
  TRIAGE_ROUTES,
  WAAKVLAM_CONTACT_MODES,
  WAAKVLAM_CONTACT_OUTCOMES,
} from './vocabulary';

/**
 * Random command sequences against the decider. Whatever the commands, `decide` either refuses with a DomainError or
 * returns events; the household after each command, as the command handler gets it and as a fold of the stream gives
 * it, is the one worked out here from the recorded events without the production correction code; and the facts as
 * they now stand (after withdrawals and corrections) still keep every rule.
 */

const TODAY: BusinessDate = '2026-06-30';
const CONTEXT: DecisionContext = { today: TODAY };
const plusDays = (days: number): BusinessDate => LocalDate.parse(TODAY).plusDays(days).toString();

// Small pools, so that commands often meet what earlier commands made and sometimes name what does not exist.
const date = fc.constantFrom(-60, -40, -30, -21, -14, -10, -7, -5, -3, -2, -1, 0, 0, 1).map(plusDays);
const memberId = fc.constantFrom('m-yusuf', 'm-rania', 'm-omar', 'm-lina', 'm-samira', 'm-samira', 'm-ghost');
const trajectoryId = fc.constantFrom('t-1', 't-1', 't-1', 't-2', 't-2', 't-2', 't-3', 't-ghost');
const bsn = fc.constantFrom<string | undefined>(undefined, undefined, '123456782', '111222333', YUSUF.bsn);
const residenceIds = fc.constantFrom<string[]>([RESIDENCE.residenceId], [RESIDENCE.residenceId], [SECOND_RESIDENCE.residenceId], []);
/** An earlier recorded event, by position (resolved when the command runs), or an id nobody recorded. */
const eventRef = fc.oneof({ arbitrary: fc.nat(80).map((n) => `#ref:${n}`), weight: 9 }, { arbitrary: fc.constant('e-unknown'), weight: 1 });
const reason = fc.constantFrom('Dubbel ingevoerd', 'Verkeerde datum');

const member = fc.record({ memberId, bsn, residenceIds, role: fc.constantFrom<MemberRole>('child', 'grandparent', 'partner') }).map(
  ({ bsn: b, ...rest }) => ({ givenName: 'Noor', familyName: 'Haddad', birthDate: '2026-05-01', ...rest, ...(b === undefined ? {} : { bsn: b }) }),
);

type RegistrationVariant = 'haddad' | 'two-homes' | 'member-twice' | 'unknown-home';
const registration = (on: BusinessDate, variant: RegistrationVariant): HouseholdCommand => ({
  type: 'RegisterHousehold',
  occurredOn: on,
  householdId: 'hh-property',
  municipality: 'GM0299',
  team: 'T1',
  residences: variant === 'two-homes' ? [RESIDENCE, SECOND_RESIDENCE] : [RESIDENCE],
  members:
    variant === 'member-twice'
      ? [YUSUF, RANIA, YUSUF]
      : variant === 'unknown-home'
        ? [YUSUF, { ...OMAR, residenceIds: [SECOND_RESIDENCE.residenceId] }]
        : HADDAD_MEMBERS,
});

/**
 * Where a referral command points: mostly the referrals of Yusuf's GGZ question (t-2), sometimes elsewhere, so that
 * "made → accepted → in care → ended" chains form often enough to be tried.
 */
const referralTarget = fc.constantFrom(
  { trajectoryId: 't-2', referralId: 'r-1' },
  { trajectoryId: 't-2', referralId: 'r-1' },
  { trajectoryId: 't-2', referralId: 'r-1' },
  { trajectoryId: 't-2', referralId: 'r-2' },
  { trajectoryId: 't-2', referralId: 'r-2' },
  { trajectoryId: 't-1', referralId: 'r-1' },
  { trajectoryId: 't-3', referralId: 'r-1' },
  { trajectoryId: 't-2', referralId: 'r-ghost' },
);
const toReferral = <A extends { target: { trajectoryId: string; referralId: string } }>(arbitrary: fc.Arbitrary<A>) =>
  arbitrary.map(({ target, ...rest }) => ({ ...rest, ...target }));

const t = { trajectoryId };
const w = <A extends HouseholdCommand>(arbitrary: fc.Arbitrary<A>, weight: number) => ({ arbitrary: arbitrary as fc.Arbitrary<HouseholdCommand>, weight });

/** One arbitrary per command type, weighted towards the steps of a trajectory. */
const commandArbitraries: Record<HouseholdCommand['type'], { arbitrary: fc.Arbitrary<HouseholdCommand>; weight: number }> = {
  RegisterHousehold: w(
    fc.tuple(date, fc.constantFrom<RegistrationVariant>('haddad', 'two-homes', 'member-twice', 'unknown-home')).map(([on, v]) => registration(on, v)),
    1,
  ),
  AddMember: w(fc.record({ type: fc.constant('AddMember' as const), occurredOn: date, member }), 2),
  RecordMemberLeft: w(fc.record({ type: fc.constant('RecordMemberLeft' as const), occurredOn: date, memberId }), 2),
  // Mostly members without trajectories: erasing Yusuf or Rania early would cut short the runs that go deep.
  ErasePersonalData: w(
    fc.record({ type: fc.constant('ErasePersonalData' as const), occurredOn: date, memberId: fc.constantFrom('m-omar', 'm-lina', 'm-samira', 'm-ghost', 'm-rania') }),
    1,
  ),
  AssignCoordinator: w(
    fc.record({
      type: fc.constant('AssignCoordinator' as const),
      occurredOn: date,
      coordinatorId: fc.constantFrom('u-ivanka', 'u-bas'),
      name: fc.constant('Consulent'),
    }),
    2,
  ),
  SetPlan: w(
    fc.record({
      type: fc.constant('SetPlan' as const),
      occurredOn: date,
      goals: fc.array(fc.record({ memberId, lifeDomain: fc.constantFrom(...LIFE_DOMAINS), description: fc.constant('Doel') }), { maxLength: 3 }),
    }),
    2,
  ),
  OpenTrajectory: w(
    fc.record({
      type: fc.constant('OpenTrajectory' as const),
      occurredOn: date,
      trajectoryId,
      memberId: fc.constantFrom('m-yusuf', 'm-rania', 'm-rania', 'm-omar', 'm-samira', 'm-ghost'),
      source: fc.constantFrom(...MELDING_SOURCES),
      channel: fc.constantFrom(...MELDING_CHANNELS),
      question: fc.constant('Hulpvraag'),
      lifeDomains: fc.subarray([...LIFE_DOMAINS], { maxLength: 2 }),
      legalBasis: fc.constantFrom('wet-inburgering-2021', 'wet-inburgering-2021', ...LEGAL_BASES),
    }),
    3,
  ),
  RecordIntake: w(fc.record({ type: fc.constant('RecordIntake' as const), occurredOn: date, ...t }), 3),
  CompleteTriage: w(
    fc.record({
      type: fc.constant('CompleteTriage' as const),
      occurredOn: date,
      ...t,
      level: fc.constantFrom(...SUPPORT_LEVELS),
      route: fc.constantFrom(...TRIAGE_ROUTES),
    }),
    4,
  ),
  RequestExploratoryConversation: w(
    fc.record(
      { type: fc.constant('RequestExploratoryConversation' as const), occurredOn: date, ...t, ggzWaitlistSince: date },
      { requiredKeys: ['type', 'occurredOn', 'trajectoryId'] },
    ),
    3,
  ),
  RecordExploratoryConversationHeld: w(
    fc.record({
      type: fc.constant('RecordExploratoryConversationHeld' as const),
      occurredOn: date,
      ...t,
      outcome: fc.constantFrom(...EXPLORATORY_CONVERSATION_OUTCOMES),
    }),
    3,
  ),
  MakeReferral: w(
    toReferral(
      fc.record(
        {
          type: fc.constant('MakeReferral' as const),
          occurredOn: date,
          target: referralTarget,
          organisation: fc.constantFrom({ name: 'Caleidoz welzijnscoach' }, { agbCode: '73730001', name: 'GGNet' }),
          category: fc.constantFrom(...REFERRAL_CATEGORIES),
          productCode: fc.constantFrom('45A49', '07A08'),
          warmHandover: fc.boolean(),
          referrerRole: fc.constantFrom(...REFERRER_ROLES),
        },
        { requiredKeys: ['type', 'occurredOn', 'target', 'organisation', 'category', 'warmHandover', 'referrerRole'] },
      ),
    ),
    5,
  ),
  AcceptReferral: w(toReferral(fc.record({ type: fc.constant('AcceptReferral' as const), occurredOn: date, target: referralTarget })), 5),
  DeclineReferral: w(toReferral(fc.record({ type: fc.constant('DeclineReferral' as const), occurredOn: date, target: referralTarget, reason })), 2),
  WithdrawReferral: w(toReferral(fc.record({ type: fc.constant('WithdrawReferral' as const), occurredOn: date, target: referralTarget, reason })), 2),
  StartCare: w(toReferral(fc.record({ type: fc.constant('StartCare' as const), occurredOn: date, target: referralTarget })), 5),
  EndCare: w(
    toReferral(
      fc.record({ type: fc.constant('EndCare' as const), occurredOn: date, target: referralTarget, reasonCode: fc.constantFrom(...CARE_END_REASON_CODES) }),
    ),
    4,
  ),
  ChangeSupportLevel: w(
    fc.record({ type: fc.constant('ChangeSupportLevel' as const), occurredOn: date, ...t, toLevel: fc.constantFrom(...SUPPORT_LEVELS), reason }),
    4,
  ),
  StartWaakvlam: w(
    fc.record({ type: fc.constant('StartWaakvlam' as const), occurredOn: date, ...t, contactIntervalDays: fc.constantFrom(14, 28, 42) }),
    3,
  ),
  RecordWaakvlamContact: w(
    fc.record({
      type: fc.constant('RecordWaakvlamContact' as const),
      occurredOn: date,
      ...t,
      mode: fc.constantFrom(...WAAKVLAM_CONTACT_MODES),
      outcome: fc.constantFrom(...WAAKVLAM_CONTACT_OUTCOMES),
    }),
    3,
  ),
  EndWaakvlam: w(fc.record({ type: fc.constant('EndWaakvlam' as const), occurredOn: date, ...t }), 2),
  EstablishPip: w(fc.record({ type: fc.constant('EstablishPip' as const), occurredOn: date, ...t, route: fc.constantFrom(...PIP_ROUTES) }), 4),
  StartLearningRoute: w(
    fc.record({
      type: fc.constant('StartLearningRoute' as const),
      occurredOn: date,
      ...t,
      languageStartDate: date,
      participationStartDate: date,
    }),
    3,
  ),
  CloseTrajectory: w(fc.record({ type: fc.constant('CloseTrajectory' as const), occurredOn: date, ...t, reason: fc.constantFrom(...CLOSURE_REASONS) }), 1),
  ReopenTrajectory: w(fc.record({ type: fc.constant('ReopenTrajectory' as const), occurredOn: date, ...t, reason }), 1),
  // The last day may lie in the future (an expected end); a few ids, so that a suspension id is sometimes taken.
  SuspendClock: w(
    fc.record(
      {
        type: fc.constant('SuspendClock' as const),
        occurredOn: date,
        ...t,
        suspensionId: fc.constantFrom('s-1', 's-2', 's-3'),
        from: date,
        to: fc.oneof(date, fc.constantFrom(20, 45).map(plusDays)),
        reasonCode: fc.constantFrom(...SUSPENSION_REASONS),
        normIds: fc.constant<string[]>(['wmo-onderzoek-6w']),
      },
      { requiredKeys: ['type', 'occurredOn', 'trajectoryId', 'suspensionId', 'from', 'to', 'reasonCode'] },
    ),
    3,
  ),
  RestrictTrajectory: w(
    fc.record({
      type: fc.constant('RestrictTrajectory' as const),
      occurredOn: date,
      ...t,
      reason: fc.constantFrom(...RESTRICTION_REASONS),
      restrictedBy: fc.constantFrom('u-ivanka', 'u-bas'),
    }),
    3,
  ),
  GrantTrajectoryAccess: w(
    fc.record({ type: fc.constant('GrantTrajectoryAccess' as const), occurredOn: date, ...t, consultantId: fc.constantFrom('u-ivanka', 'u-bas', 'u-kees') }),
    4,
  ),
  CorrectEventDate: w(
    fc.record({ type: fc.constant('CorrectEventDate' as const), occurredOn: date, eventId: eventRef, correctedOccurredOn: date, reason }),
    4,
  ),
  WithdrawEvent: w(fc.record({ type: fc.constant('WithdrawEvent' as const), occurredOn: date, eventId: eventRef, reason }), 4),
};

const command: fc.Arbitrary<HouseholdCommand> = fc.oneof(...Object.values(commandArbitraries));

/** The date a command is about, for putting a sequence in calendar order. */
const dateOf = (c: HouseholdCommand): BusinessDate =>
  c.type === 'StartLearningRoute' ? [c.languageStartDate, c.participationStartDate].sort()[0] : c.type === 'SuspendClock' ? c.from : c.occurredOn;

/** The usual start: gezin Haddad registered, Rania's inburgering (t-1) and Yusuf's GGZ question (t-2) opened, t-2 referred. */
const prelude = (): HouseholdCommand[] => [
  registration(plusDays(-90), 'haddad'),
  {
    type: 'OpenTrajectory',
    occurredOn: plusDays(-60),
    trajectoryId: 't-1',
    memberId: RANIA.memberId,
    source: 'other',
    channel: 'warm-handover',
    question: 'Inburgering',
    lifeDomains: ['taal'],
    legalBasis: 'wet-inburgering-2021',
  },
  {
    type: 'OpenTrajectory',
    occurredOn: plusDays(-60),
    trajectoryId: 't-2',
    memberId: YUSUF.memberId,
    source: 'huisarts',
    channel: 'phone',
    question: 'GGZ',
    lifeDomains: ['geestelijke-gezondheid'],
    legalBasis: 'wmo-2015',
  },
  {
    type: 'MakeReferral',
    occurredOn: plusDays(-45),
    trajectoryId: 't-2',
    referralId: 'r-1',
    organisation: { agbCode: '73730001', name: 'GGNet' },
    category: 'lichtere-zorg',
    warmHandover: true,
    referrerRole: 'sociaal-team',
  },
];

const sortedDates = (n: number) => fc.array(date, { minLength: n, maxLength: n }).map((ds) => [...ds].sort());
const asCommands = (commands: HouseholdCommand[]) => commands;

/**
 * Short runs of related commands, each in date order, as a consultant or a provider would enter them one after the
 * other. Mixed in between single commands, they let the long chains of the process succeed often enough to be tried.
 */
const chains: fc.Arbitrary<HouseholdCommand[]>[] = [
  // doorverwijzing: made → accepted (or declined / withdrawn) → care started → care ended
  fc
    .record({
      target: referralTarget,
      ds: sortedDates(4),
      answer: fc.constantFrom('accept', 'accept', 'accept', 'decline', 'withdraw'),
      steps: fc.constantFrom(2, 3, 4, 4),
      reasonCode: fc.constantFrom(...CARE_END_REASON_CODES),
    })
    .map(({ target, ds, answer, steps, reasonCode }) =>
      asCommands([
        {
          type: 'MakeReferral',
          occurredOn: ds[0],
          ...target,
          organisation: { name: 'Caleidoz' },
          category: 'voorliggend-veld',
          warmHandover: true,
          referrerRole: 'wijk-ggd',
        },
        answer === 'accept'
          ? { type: 'AcceptReferral', occurredOn: ds[1], ...target }
          : answer === 'decline'
            ? { type: 'DeclineReferral', occurredOn: ds[1], ...target, reason: 'Vol' }
            : { type: 'WithdrawReferral', occurredOn: ds[1], ...target, reason: 'Ziet ervan af' },
        { type: 'StartCare', occurredOn: ds[2], ...target },
        { type: 'EndCare', occurredOn: ds[3], ...target, reasonCode },
      ]).slice(0, steps),
    ),
  // triage, then op- or afschaling twice
  fc
    .record({ trajectoryId, ds: sortedDates(3), levels: fc.array(fc.constantFrom(...SUPPORT_LEVELS), { minLength: 3, maxLength: 3 }) })
    .map(({ trajectoryId: id, ds, levels }) =>
      asCommands([
        { type: 'CompleteTriage', occurredOn: ds[0], trajectoryId: id, level: levels[0], route: 'regular' },
        { type: 'ChangeSupportLevel', occurredOn: ds[1], trajectoryId: id, toLevel: levels[1], reason: 'Situatie gewijzigd' },
        { type: 'ChangeSupportLevel', occurredOn: ds[2], trajectoryId: id, toLevel: levels[2], reason: 'Situatie gewijzigd' },
      ]),
    ),
  // waakvlamcontact: started, two contacts, ended
  fc.record({ trajectoryId, ds: sortedDates(4), steps: fc.integer({ min: 2, max: 4 }) }).map(({ trajectoryId: id, ds, steps }) =>
    asCommands([
      { type: 'StartWaakvlam', occurredOn: ds[0], trajectoryId: id, contactIntervalDays: 28 },
      { type: 'RecordWaakvlamContact', occurredOn: ds[1], trajectoryId: id, mode: 'phone', outcome: 'stable' },
      { type: 'RecordWaakvlamContact', occurredOn: ds[2], trajectoryId: id, mode: 'home-visit', outcome: 'concern' },
      { type: 'EndWaakvlam', occurredOn: ds[3], trajectoryId: id },
    ]).slice(0, steps),
  ),
  // PIP vastgesteld, perhaps gewijzigd, then the learning route
  fc
    .record({ trajectoryId: fc.constantFrom('t-1', 't-1', 't-3'), ds: sortedDates(4), routes: fc.array(fc.constantFrom(...PIP_ROUTES), { minLength: 2, maxLength: 2 }) })
    .map(({ trajectoryId: id, ds, routes }) =>
      asCommands([
        { type: 'EstablishPip', occurredOn: ds[0], trajectoryId: id, route: routes[0] },
        { type: 'EstablishPip', occurredOn: ds[1], trajectoryId: id, route: routes[1] },
        { type: 'StartLearningRoute', occurredOn: TODAY, trajectoryId: id, languageStartDate: ds[2], participationStartDate: ds[3] },
      ]),
    ),
  // verkennend gesprek: on the GGZ waiting list, requested, held
  fc
    .record({ trajectoryId, ds: sortedDates(3), outcome: fc.constantFrom(...EXPLORATORY_CONVERSATION_OUTCOMES) })
    .map(({ trajectoryId: id, ds, outcome }) =>
      asCommands([
        { type: 'RequestExploratoryConversation', occurredOn: ds[1], trajectoryId: id, ggzWaitlistSince: ds[0] },
        { type: 'RecordExploratoryConversationHeld', occurredOn: ds[2], trajectoryId: id, outcome },
      ]),
    ),
  // the plan agreed with the parents, then revised to add the children
  sortedDates(2).map((ds) =>
    asCommands([
      { type: 'SetPlan', occurredOn: ds[0], goals: [{ memberId: 'm-rania', lifeDomain: 'taal', description: 'B1' }] },
      {
        type: 'SetPlan',
        occurredOn: ds[1],
        goals: [
          { memberId: 'm-rania', lifeDomain: 'taal', description: 'B1' },
          { memberId: 'm-lina', lifeDomain: 'opvoeding', description: 'Kinderopvang' },
        ],
      },
    ]),
  ),
  // closed, then reopened
  fc.record({ trajectoryId, ds: sortedDates(2) }).map(({ trajectoryId: id, ds }) =>
    asCommands([
      { type: 'CloseTrajectory', occurredOn: ds[0], trajectoryId: id, reason: 'stable' },
      { type: 'ReopenTrajectory', occurredOn: ds[1], trajectoryId: id, reason: 'Terugval' },
    ]),
  ),
  // a grandmother joins, has a support question of her own, which is closed before she leaves again
  fc.tuple(member, sortedDates(4)).map(([m, ds]) =>
    asCommands([
      { type: 'AddMember', occurredOn: ds[0], member: { ...m, memberId: 'm-samira' } },
      {
        type: 'OpenTrajectory',
        occurredOn: ds[1],
        trajectoryId: 't-3',
        memberId: 'm-samira',
        source: 'self',
        channel: 'phone',
        question: 'Eenzaamheid',
        lifeDomains: ['sociaal-netwerk'],
        legalBasis: 'wmo-2015',
      },
      { type: 'CloseTrajectory', occurredOn: ds[2], trajectoryId: 't-3', reason: 'goals-reached' },
      { type: 'RecordMemberLeft', occurredOn: ds[3], memberId: 'm-samira' },
    ]),
  ),
];

/**
 * A sequence: mostly the prelude (sometimes nothing, so the household may be unregistered), then up to 40 commands,
 * single ones and short chains mixed. Half the sequences are put in calendar order; the others keep their order.
 */
const sequence = fc
  .record({
    start: fc.constantFrom('prelude', 'prelude', 'prelude', 'prelude', 'prelude', 'prelude', 'prelude', 'empty'),
    chronological: fc.boolean(),
    pieces: fc.array(fc.oneof({ arbitrary: command.map((c) => [c]), weight: 3 }, { arbitrary: fc.oneof(...chains), weight: 1 }), {
      maxLength: 25,
      size: 'max',
    }),
  })
  .map(({ start, chronological, pieces }) => {
    const commands = pieces.flat().slice(0, 40);
    const body = chronological ? [...commands].sort((a, b) => dateOf(a).localeCompare(dateOf(b))) : commands;
    return start === 'prelude' ? [...prelude(), ...body] : body;
  });

function resolveEventRef(c: HouseholdCommand, recordedSoFar: readonly RecordedHouseholdEvent[]): HouseholdCommand {
  if ((c.type !== 'CorrectEventDate' && c.type !== 'WithdrawEvent') || !c.eventId.startsWith('#ref:')) return c;
  const n = Number(c.eventId.slice('#ref:'.length));
  return { ...c, eventId: recordedSoFar.length === 0 ? 'e-unknown' : recordedSoFar[n % recordedSoFar.length].eventId };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** Jest's equality, with a cheap exact comparison first (exactly equal values are always `toEqual`). */
function expectEqual(actual: unknown, expected: unknown): void {
  if (!isDeepStrictEqual(actual, expected)) expect(actual).toEqual(expected);
}

/** An invariant of the state; the message says which, and the property prints the sequence that broke it. */
function check(holds: boolean, what: string): void {
  if (!holds) throw new Error(`Invariant broken: ${what}`);
}

const notBefore = (later: BusinessDate | undefined, earlier: BusinessDate | undefined, what: string) => {
  if (later !== undefined && earlier !== undefined) check(later >= earlier, `${what}: ${later} is before ${earlier}`);
};

/**
 * Nothing newly decided names an erased member: not their id, not one of their trajectories, not an event that does.
 * Found by looking through every string of the new events, whatever their type, so it does not lean on the decider's
 * own list of whom each event type concerns.
 */
function checkNothingNewAboutErased(before: HouseholdState, events: readonly HouseholdEvent[]): void {
  const erased = new Set(before.members.filter((m) => m.erasedOn !== undefined).map((m) => m.memberId));
  const theirs = new Set([...erased, ...before.trajectories.filter((tr) => erased.has(tr.memberId)).map((tr) => tr.trajectoryId)]);
  for (const fact of before.effectiveEvents) if (stringsOf(fact.data).some((value) => theirs.has(value))) theirs.add(fact.eventId);
  for (const event of events) {
    if (event.type === 'PersonalDataErased') continue; // the erasure of someone else
    const named = stringsOf(event.data).filter((value) => theirs.has(value));
    check(named.length === 0, `${event.type} names nothing of an erased member (${named.join(', ')})`);
  }
}

function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(stringsOf);
  return [];
}

/**
 * The household the recorded events describe, worked out here rather than by the production correction code: the
 * history rewritten as it now stands (withdrawn facts left out, each fact on the date of its latest correction, no
 * correction events), folded fact by fact with `applyFact` from an empty household; and a record of each correction,
 * in stream order, kept to what the fact it names belongs to.
 */
function householdAsRecorded(all: readonly RecordedHouseholdEvent[]): HouseholdState {
  const withdrawn = new Set<string>();
  const correctedOn = new Map<string, BusinessDate>();
  const corrections: CorrectionRecord[] = [];
  const standing = (eventId: string) => all.find((e) => e.eventId === eventId && !isCorrection(e) && !withdrawn.has(eventId));
  for (const e of all) {
    if (e.type === 'EventWithdrawn') {
      const target = standing(e.data.withdrawnEventId);
      corrections.push({
        eventId: e.eventId,
        kind: 'withdrawn',
        targetEventId: e.data.withdrawnEventId,
        targetType: target?.type ?? 'none',
        recordedOn: e.occurredOn,
        reason: e.data.reason,
        compartments: compartmentsOf(target),
      });
      withdrawn.add(e.data.withdrawnEventId);
    } else if (e.type === 'EventCorrected') {
      const target = standing(e.data.correctedEventId);
      corrections.push({
        eventId: e.eventId,
        kind: 'corrected',
        targetEventId: e.data.correctedEventId,
        targetType: target?.type ?? 'none',
        recordedOn: e.occurredOn,
        reason: e.data.reason,
        correctedOccurredOn: e.data.occurredOn,
        compartments: compartmentsOf(target),
      });
      correctedOn.set(e.data.correctedEventId, e.data.occurredOn);
    }
  }
  const facts = all
    .filter((e) => !isCorrection(e) && !withdrawn.has(e.eventId))
    .map((e) => {
      const on = correctedOn.get(e.eventId);
      return on === undefined ? e : { ...e, occurredOn: on };
    });
  return { ...facts.reduce(applyFact, initialHouseholdState()), corrections, effectiveEvents: facts };
}

/** What a correction is kept to: the trajectory of the fact it names; for a plan, the trajectory or restriction category of each goal. */
function compartmentsOf(fact: RecordedHouseholdEvent | undefined): Compartment[] {
  if (fact === undefined) return [];
  if (fact.type === 'PlanAgreed' || fact.type === 'PlanRevised') {
    return fact.data.goals.flatMap((goal): Compartment[] =>
      goal.trajectoryId !== undefined
        ? [{ trajectoryId: goal.trajectoryId }]
        : goal.restrictionCategory !== undefined
          ? [{ memberId: goal.memberId, restrictionCategory: goal.restrictionCategory }]
          : [],
    );
  }
  return 'trajectoryId' in fact.data ? [{ trajectoryId: fact.data.trajectoryId }] : [];
}

/** The facts as they now stand, checked again one by one from an empty household: every rule must still hold. */
function expectHistoryKeepsEveryRule(state: HouseholdState): void {
  let replay = initialHouseholdState();
  for (const fact of state.effectiveEvents) {
    checkFact(replay, fact, TODAY);
    replay = applyFact(replay, fact);
  }
  expectEqual({ ...replay, corrections: state.corrections, effectiveEvents: state.effectiveEvents }, state);
}

/** What must hold of every trajectory, whatever the history. */
function checkTrajectory(state: HouseholdState, tr: Trajectory): void {
  const id = tr.trajectoryId;
  const owner = state.members.find((m) => m.memberId === tr.memberId);
  check(owner !== undefined, `${id} belongs to a member of the household`);
  notBefore(tr.openedOn, owner?.joinedOn, `${id} melding after the member joined`);
  if (tr.status === 'open') check(owner?.status === 'active', `${id} an open trajectory belongs to an active member`);
  notBefore(tr.lastStepOn, tr.openedOn, `${id} last step`);
  notBefore(TODAY, tr.lastStepOn, `${id} last step not in the future`);
  check((tr.status === 'closed') === (tr.closedOn !== undefined), `${id} closed iff it has a closing date`);
  check((tr.status === 'closed') === (tr.closureReason !== undefined), `${id} closed iff it has a closure reason`);
  if (tr.status === 'closed') check(tr.closedOn === tr.lastStepOn, `${id} closure is its last step`);

  // The level is the triage's, then follows each change; every change starts where the previous ended.
  const expectedLevel = tr.levelChanges.length > 0 ? tr.levelChanges[tr.levelChanges.length - 1].toLevel : tr.triage?.level;
  check(tr.level === expectedLevel, `${id} level ${tr.level} is the last level decided (${expectedLevel})`);
  let level = tr.triage?.level;
  let since = tr.triage?.completedOn;
  for (const change of tr.levelChanges) {
    check(level !== undefined && change.fromLevel === level, `${id} level change starts at the current level`);
    const up = SUPPORT_LEVELS.indexOf(change.toLevel) > SUPPORT_LEVELS.indexOf(change.fromLevel);
    check(change.toLevel !== change.fromLevel && up === (change.direction === 'up'), `${id} level change has the right direction`);
    notBefore(change.changedOn, since, `${id} level change`);
    level = change.toLevel;
    since = change.changedOn;
  }

  const ec = tr.exploratoryConversation;
  if (ec !== undefined) {
    notBefore(ec.requestedOn, ec.ggzWaitlistSince, `${id} request after the waiting-list date`);
    notBefore(ec.heldOn, ec.requestedOn, `${id} gesprek after the request`);
    check((ec.heldOn === undefined) === (ec.outcome === undefined), `${id} a held gesprek has an outcome`);
  }

  if (tr.pip !== undefined) {
    check(tr.legalBasis === 'wet-inburgering-2021', `${id} PIP only under the Wet inburgering`);
    notBefore(tr.pip.amendedOn, tr.pip.establishedOn, `${id} PIP amended after it was established`);
    // The state keeps only the latest amendment: the facts show that each one follows the one before.
    let previous: BusinessDate | undefined;
    for (const e of state.effectiveEvents) {
      if ((e.type === 'PipEstablished' || e.type === 'PipAmended') && e.data.trajectoryId === id) {
        notBefore(e.occurredOn, previous, `${id} PIP established and amended in date order`);
        previous = e.occurredOn;
      }
    }
  }
  if (tr.learningRoute !== undefined) {
    check(tr.pip !== undefined, `${id} learning route follows a PIP`);
    notBefore(tr.learningRoute.startedOn, tr.pip?.establishedOn, `${id} learning route after the PIP`);
    const earlier = [tr.learningRoute.languageStartDate, tr.learningRoute.participationStartDate].sort()[0];
    check(tr.learningRoute.startedOn === earlier, `${id} learning route starts on the earlier start date`);
    notBefore(TODAY, tr.learningRoute.languageStartDate, `${id} language start not in the future`);
    notBefore(TODAY, tr.learningRoute.participationStartDate, `${id} participation start not in the future`);
  }

  tr.waakvlamPeriods.forEach((period, i) => {
    if (i < tr.waakvlamPeriods.length - 1) check(period.endedOn !== undefined, `${id} only the last waakvlam period may run`);
    if (i > 0) notBefore(period.startedOn, tr.waakvlamPeriods[i - 1].endedOn, `${id} waakvlam period after the previous one ended`);
    notBefore(period.endedOn, period.startedOn, `${id} waakvlam end`);
    // Contacts in date order within their period, and the period ends on or after its last contact.
    let previous = period.startedOn;
    for (const contact of period.contacts) {
      notBefore(contact.contactOn, previous, `${id} waakvlam contact in date order`);
      previous = contact.contactOn;
    }
    notBefore(period.endedOn, previous, `${id} waakvlam end after the last contact`);
  });

  // Suspensions lie within the trajectory's life, each from its first day to its last, and never two on the same day.
  const suspensions = tr.suspensions ?? [];
  check(new Set(suspensions.map((x) => x.suspensionId)).size === suspensions.length, `${id} suspension ids are unique`);
  for (const [i, s] of suspensions.entries()) {
    notBefore(s.from, tr.openedOn, `${id}/${s.suspensionId} suspended after the melding`);
    notBefore(s.to, s.from, `${id}/${s.suspensionId} ends on or after it begins`);
    notBefore(TODAY, s.from, `${id}/${s.suspensionId} not begun in the future`);
    for (const other of suspensions.slice(i + 1)) check(other.to < s.from || other.from > s.to, `${id}: ${s.suspensionId} and ${other.suspensionId} do not overlap`);
  }

  check(new Set(tr.referrals.map((x) => x.referralId)).size === tr.referrals.length, `${id} referral ids are unique`);
  for (const ref of tr.referrals) {
    const rid = `${id}/${ref.referralId}`;
    notBefore(ref.madeOn, tr.openedOn, `${rid} made after the melding`);
    notBefore(ref.acceptedOn, ref.madeOn, `${rid} accepted`);
    notBefore(ref.declinedOn, ref.madeOn, `${rid} declined`);
    notBefore(ref.withdrawnOn, ref.acceptedOn ?? ref.madeOn, `${rid} withdrawn`);
    notBefore(ref.careStartedOn, ref.acceptedOn, `${rid} care started`);
    notBefore(ref.careEndedOn, ref.careStartedOn, `${rid} care ended`);
    const shape = [ref.acceptedOn, ref.declinedOn, ref.withdrawnOn, ref.careStartedOn, ref.careEndedOn].map((d) => (d === undefined ? '-' : 'x')).join('');
    const shapes: Record<typeof ref.status, string[]> = {
      made: ['-----'],
      accepted: ['x----'],
      declined: ['-x---'],
      withdrawn: ['--x--', 'x-x--'],
      'in-care': ['x--x-'],
      'care-ended': ['x--xx'],
    };
    check(shapes[ref.status].includes(shape), `${rid} status ${ref.status} fits its dates (${shape})`);
    check((ref.status === 'care-ended') === (ref.careEndReason !== undefined), `${rid} an ended care has a reason`);
  }
}

function checkState(state: HouseholdState): void {
  expectHistoryKeepsEveryRule(state);
  for (const fact of state.effectiveEvents) notBefore(TODAY, fact.occurredOn, `${fact.eventId} not in the future`);
  for (const c of state.corrections) notBefore(TODAY, c.recordedOn, `${c.eventId} not in the future`);

  const activeBsns = state.members.filter((m) => m.status === 'active' && m.bsn !== undefined).map((m) => m.bsn);
  check(new Set(activeBsns).size === activeBsns.length, 'active members have distinct BSNs');
  check(new Set(state.members.map((m) => m.memberId)).size === state.members.length, 'member ids are unique');
  for (const m of state.members) {
    notBefore(m.joinedOn, state.registeredOn, `${m.memberId} joined on or after the registration`);
    notBefore(m.leftOn, m.joinedOn, `${m.memberId} left on or after joining`);
    check((m.status === 'left') === (m.leftOn !== undefined), `${m.memberId} left iff it has a departure date`);
  }

  // Handovers of casusregie (from the registration on), and the agreement and revisions of the plan, follow each other in date order.
  const inDateOrder = (types: readonly HouseholdEventType[], from: BusinessDate | undefined, what: string) => {
    let previous = from;
    for (const e of state.effectiveEvents.filter((x) => types.includes(x.type))) {
      notBefore(e.occurredOn, previous, what);
      previous = e.occurredOn;
    }
  };
  inDateOrder(['CoordinatorAssigned'], state.registeredOn, 'casusregisseur assigned in date order, from the registration');
  inDateOrder(['PlanAgreed', 'PlanRevised'], undefined, 'plan agreed and revised in date order');
  notBefore(state.plan?.revisedOn, state.plan?.agreedOn, 'plan revised after it was agreed');
  const firstOfPlan = state.effectiveEvents.find((e) => e.type === 'PlanAgreed' || e.type === 'PlanRevised');
  check(firstOfPlan === undefined || firstOfPlan.type === 'PlanAgreed', 'a plan is agreed before it is revised');
  check((firstOfPlan === undefined) === (state.plan === undefined), 'there is a plan iff one was agreed (a revision never loses it)');

  for (const tr of state.trajectories) checkTrajectory(state, tr);
}

/** Personal data that DomainError messages must never repeat. */
const PERSONAL_DATA = ['123456782', '111222333', ...HADDAD_MEMBERS.flatMap((m) => [m.bsn as string, m.givenName]), 'Haddad', 'Noor'];

describe('decide: random command sequences (property)', () => {
  it('refuses only with DomainErrors, and builds the household the recorded events describe, corrections and all', () => {
    const accepted = new Map<HouseholdCommand['type'], number>();
    const recordedTypes = new Map<HouseholdEventType, number>();
    const rejected = new Map<DomainErrorCode, number>();
    const eventsPerRun: number[] = [];

    fc.assert(
      fc.property(sequence, (commands) => {
        let state = initialHouseholdState();
        const all: RecordedHouseholdEvent[] = [];

        for (const raw of commands) {
          const c = deepFreeze(resolveEventRef(raw, all));
          deepFreeze(state);

          let events: HouseholdEvent[];
          try {
            events = decide(c, state, CONTEXT);
          } catch (error) {
            // Anything but a DomainError (a TypeError from a frozen object, say) fails the property.
            if (!(error instanceof DomainError)) throw error;
            check(DOMAIN_ERROR_CODES.includes(error.code), `${error.code} is a known DomainErrorCode`);
            for (const personal of PERSONAL_DATA) check(!error.message.includes(personal), `"${error.message}" repeats no personal data`);
            rejected.set(error.code, (rejected.get(error.code) ?? 0) + 1);
            continue;
          }

          check(events.length > 0, `${c.type} records at least one event`);
          expectEqual(decide(c, state, CONTEXT), events); // pure: same command, same state, same day, same answer
          accepted.set(c.type, (accepted.get(c.type) ?? 0) + 1);
          checkNothingNewAboutErased(state, events);
          const decision = decideAndEvolve(c, state, CONTEXT, (event, i) => ({ ...event, eventId: `e-${all.length + i + 1}` }));
          expectEqual(
            decision.events.map(({ eventId: _id, ...event }) => event),
            events,
          );
          for (const stored of decision.events) {
            all.push(deepFreeze(stored));
            recordedTypes.set(stored.type, (recordedTypes.get(stored.type) ?? 0) + 1);
          }
          state = decision.state;
          // Both ways production builds a household, the command handler's state after the command and the
          // repository's fold of the stream, against the answer worked out independently.
          const expected = householdAsRecorded(all);
          expectEqual(state, expected);
          expectEqual(foldHousehold(all), expected);
          checkState(state);
        }

        // Plain data: the state survives JSON as it is.
        expect(JSON.parse(JSON.stringify(state))).toEqual(state);
        eventsPerRun.push(all.length);
      }),
      // A fixed seed: a failure replays as it was, and the checks below that the runs went everywhere hold for it (an
      // unlucky seed, such as 16, never gets a GrantTrajectoryAccess accepted).
      { numRuns: 300, seed: 1 },
    );

    // Not vacuous: every command type was accepted, every event type recorded, and many runs went deep.
    const commandTypes = Object.keys(commandArbitraries) as HouseholdCommand['type'][];
    expect(commandTypes.filter((type) => (accepted.get(type) ?? 0) === 0)).toEqual([]);

    const eventTypes: HouseholdEventType[] = [
      'HouseholdRegistered', 'MemberAdded', 'MemberLeft', 'CoordinatorAssigned', 'PlanAgreed', 'PlanRevised',
      'TrajectoryOpened', 'IntakeHeld', 'TriageCompleted', 'ExploratoryConversationRequested', 'ExploratoryConversationHeld',
      'ReferralMade', 'ReferralAccepted', 'ReferralDeclined', 'ReferralWithdrawn', 'CareStarted', 'CareEnded',
      'SupportScaledUp', 'SupportScaledDown', 'WaakvlamStarted', 'WaakvlamContactRecorded', 'WaakvlamEnded',
      'PipEstablished', 'PipAmended', 'LearningRouteStarted', 'TrajectoryClosed', 'TrajectoryReopened', 'ClockSuspended',
      'TrajectoryRestricted', 'TrajectoryAccessGranted', 'PersonalDataErased',
      'EventCorrected', 'EventWithdrawn',
    ];
    expect(eventTypes.filter((type) => (recordedTypes.get(type) ?? 0) === 0)).toEqual([]);

    const totalAccepted = [...accepted.values()].reduce((a, b) => a + b, 0);
    expect(totalAccepted).toBeGreaterThan(1500);
    expect(eventsPerRun.filter((n) => n >= 15).length).toBeGreaterThan(25);

    // The sequences also meet the rules: most refusal codes turn up.
    expect(rejected.size).toBeGreaterThan(35);
  });
});
