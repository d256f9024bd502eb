import { EventCorrected, EventWithdrawn, HouseholdEvent, HouseholdState, MemberDetails, PersonDetails, Residence, trajectoryIdOf } from '@casusregie/domain';
import { isSealed, subjectOf } from './sealed-value';

/**
 * Whose personal data a value is: the key it is sealed under. A trajectory has a key of its own (its question and the
 * reasons typed on its steps), destroyed with its member's, so that sealing needs nothing but the event itself.
 * Addresses belong to everyone living there; a correction's reason to what it corrects; the casusregisseur's name to
 * the household.
 */
export const dataSubject = {
  member: (memberId: string) => `member:${memberId}`,
  trajectory: (trajectoryId: string) => `trajectory:${trajectoryId}`,
  residence: (residenceId: string) => `residence:${residenceId}`,
  household: (householdId: string) => `household:${householdId}`,
};

/**
 * The name a personal value is bound to besides its subject (authenticated data `<subject>|<field>`): moved into
 * another field it no longer opens. A name, once used, never changes: it is part of every value sealed with it.
 */
export type PersonalField =
  | 'givenName'
  | 'familyName'
  | 'birthDate'
  | 'bsn'
  | 'residence.label'
  | 'residence.postcode'
  | 'residence.houseNumber'
  | 'plan.goal'
  | 'trajectory.question'
  | 'coordinator.name'
  | `${'ReferralDeclined' | 'ReferralWithdrawn' | 'SupportScaledUp' | 'SupportScaledDown' | 'TrajectoryReopened' | 'EventCorrected' | 'EventWithdrawn'}.reason`;

/**
 * `owner`: the member the subject belongs to, where the event says so (a member's own details, a trajectory's
 * melding). Kept on the key, so an erasure finds every key of the member, also of facts withdrawn since.
 */
export type PersonalValueTransform = (value: string, subject: string, field: PersonalField, owner?: string) => string;

/** The subject a correction's reason belongs to: that of the event it corrects (undefined: the household's). */
export type CorrectedEventSubject = (eventId: string) => string | undefined;

// ---------------------------------------------------------------------------------------------------------------
// The map of personal fields: for every event type, every text field of its data, and how it is kept.
// ---------------------------------------------------------------------------------------------------------------

/** An id, a code, a date or a name that is no one's personal data: stored readable, because figures are made of it. */
export const PLAIN = 'plain';
type Plain = typeof PLAIN;

/** What sealing a value needs besides the object that holds it. */
interface SealingContext {
  householdId: string;
  correctedEventSubject: CorrectedEventSubject;
}

/** Personal data: sealed under the key of `subject(holder)` and bound to `field`. `holder`: the object the field is in. */
interface Sealed<Holder> {
  field: PersonalField;
  subject: (holder: Holder, context: SealingContext) => { subject: string; owner?: string };
}

function sealed<Holder>(field: PersonalField, subject: Sealed<Holder>['subject']): Sealed<Holder> {
  return { field, subject };
}

/**
 * The rules for an object's fields. Every field whose type is `string` (ids, dates and free text alike — the compiler
 * cannot tell them apart) must be declared {@link PLAIN} or {@link Sealed}; lists of strings are declared PLAIN;
 * nested objects and lists of objects get rules of their own. Fields of a closed vocabulary (codes such as a support
 * level), numbers and booleans hold no free text and are left out. So a new event type, or a new text field of an
 * existing one, does not compile until this map says how it is kept.
 */
export type FieldRules<T> = { [K in keyof T as [Kind<T[K]>] extends [never] ? never : K]-?: RuleFor<T[K], T> };

type Kind<V> = [NonNullable<V>] extends [readonly (infer E)[]]
  ? string extends E
    ? 'texts'
    : E extends object
      ? 'objects'
      : never
  : string extends NonNullable<V>
    ? 'text'
    : NonNullable<V> extends object
      ? 'object'
      : never;

type RuleFor<V, Holder> =
  Kind<V> extends 'text'
    ? Plain | Sealed<Holder>
    : Kind<V> extends 'texts'
      ? Plain
      : Kind<V> extends 'objects'
        ? FieldRules<NonNullable<V> extends readonly (infer E)[] ? E : never>
        : FieldRules<NonNullable<V>>;

/** One entry per event type of the union `E`, with the rules of its data. */
export type PersonalDataMap<E extends { type: string; data: object }> = { [T in E['type']]: FieldRules<Extract<E, { type: T }>['data']> };

const person = (holder: { memberId: string }) => ({ subject: dataSubject.member(holder.memberId), owner: holder.memberId });
const PERSON: FieldRules<MemberDetails> = {
  memberId: PLAIN,
  givenName: sealed('givenName', person),
  familyName: sealed('familyName', person),
  birthDate: sealed('birthDate', person),
  bsn: sealed('bsn', person),
  residenceIds: PLAIN,
};

const residence = (holder: Residence) => ({ subject: dataSubject.residence(holder.residenceId) });
const RESIDENCE: FieldRules<Residence> = {
  residenceId: PLAIN,
  label: sealed('residence.label', residence),
  postcode: sealed('residence.postcode', residence),
  houseNumber: sealed('residence.houseNumber', residence),
};

/** The casusregisseur's name is an employee's, in the household's file: sealed under the household's key. */
const COORDINATOR_NAME = sealed<unknown>('coordinator.name', (_holder, context) => ({ subject: dataSubject.household(context.householdId) }));

const PLAN = {
  goals: {
    memberId: PLAIN,
    description: sealed('plan.goal', person),
    // Which trajectory or restriction category a goal belongs to is an id or a code: access is decided by it.
    trajectoryId: PLAIN,
    restrictionCategory: PLAIN,
  },
} as const;

/** The text typed on a step of a trajectory belongs to the trajectory (and goes with its member's erasure). */
const trajectoryText = (field: PersonalField) =>
  sealed(field, (holder: { trajectoryId: string }) => ({ subject: dataSubject.trajectory(holder.trajectoryId) }));
const STEP = { trajectoryId: PLAIN } as const;
const REFERRAL_STEP = { trajectoryId: PLAIN, referralId: PLAIN } as const;

/** A correction's reason belongs to what it corrects: erasing a person's trajectory erases why its dates were put right. */
const correctionReason = <Data>(field: PersonalField, target: (data: Data) => string) =>
  sealed<Data>(field, (data, context) => ({ subject: context.correctedEventSubject(target(data)) ?? dataSubject.household(context.householdId) }));

/**
 * Every household event type and how each of its text fields is kept. Exhaustive by its type: see {@link FieldRules}.
 */
export const PERSONAL_DATA_MAP: PersonalDataMap<HouseholdEvent> = {
  HouseholdRegistered: { householdId: PLAIN, municipality: PLAIN, team: PLAIN, residences: RESIDENCE, members: PERSON },
  MemberAdded: { member: PERSON },
  MemberLeft: { memberId: PLAIN },
  // The casusregisseur's id is the employee's pseudonymous id (a token's `sub`, also in every event's envelope):
  // who may open a household and whose worklist it is on are decided by it. Their name is sealed.
  CoordinatorAssigned: { coordinatorId: PLAIN, name: COORDINATOR_NAME },
  PlanAgreed: PLAN,
  PlanRevised: PLAN,
  TrajectoryOpened: {
    trajectoryId: PLAIN,
    memberId: PLAIN,
    question: sealed('trajectory.question', (data) => ({ subject: dataSubject.trajectory(data.trajectoryId), owner: data.memberId })),
  },
  IntakeHeld: STEP,
  TriageCompleted: STEP,
  ExploratoryConversationRequested: { ...STEP, ggzWaitlistSince: PLAIN },
  ExploratoryConversationHeld: STEP,
  // An organisation's name and AGB code are the provider's, not the client's.
  ReferralMade: { ...REFERRAL_STEP, organisation: { agbCode: PLAIN, name: PLAIN }, productCode: PLAIN },
  ReferralAccepted: REFERRAL_STEP,
  ReferralDeclined: { ...REFERRAL_STEP, reason: trajectoryText('ReferralDeclined.reason') },
  ReferralWithdrawn: { ...REFERRAL_STEP, reason: trajectoryText('ReferralWithdrawn.reason') },
  CareStarted: REFERRAL_STEP,
  CareEnded: REFERRAL_STEP,
  SupportScaledUp: { ...STEP, reason: trajectoryText('SupportScaledUp.reason') },
  SupportScaledDown: { ...STEP, reason: trajectoryText('SupportScaledDown.reason') },
  WaakvlamStarted: STEP,
  WaakvlamContactRecorded: STEP,
  WaakvlamEnded: STEP,
  PipEstablished: STEP,
  PipAmended: STEP,
  LearningRouteStarted: { ...STEP, languageStartDate: PLAIN, participationStartDate: PLAIN },
  TrajectoryClosed: STEP,
  TrajectoryReopened: { ...STEP, reason: trajectoryText('TrajectoryReopened.reason') },
  // Why the clock stood still is a code (reasonCode), never free text: nothing of it is sealed.
  ClockSuspended: { ...STEP, suspensionId: PLAIN, from: PLAIN, to: PLAIN, normIds: PLAIN },
  // Consultants are named by their pseudonymous ids, as in every event's envelope: access checks need them readable.
  TrajectoryRestricted: { ...STEP, grantedTo: PLAIN },
  TrajectoryAccessGranted: { ...STEP, consultantId: PLAIN },
  PersonalDataErased: { memberId: PLAIN },
  EventCorrected: {
    correctedEventId: PLAIN,
    correctedType: PLAIN,
    occurredOn: PLAIN,
    reason: correctionReason('EventCorrected.reason', (data: EventCorrected['data']) => data.correctedEventId),
  },
  EventWithdrawn: {
    withdrawnEventId: PLAIN,
    withdrawnType: PLAIN,
    reason: correctionReason('EventWithdrawn.reason', (data: EventWithdrawn['data']) => data.withdrawnEventId),
  },
};

// ---------------------------------------------------------------------------------------------------------------
// Sealing and opening by the map.
// ---------------------------------------------------------------------------------------------------------------

/**
 * The event with each personal value (names, BSN, birth date, address, free text, the casusregisseur's name) replaced
 * by `transform(value, subject, field)`: how events are sealed before they are appended, and opened after. Ids,
 * codes and business dates stay readable, because the figures are made of them. An event type the map does not know
 * (one appended by hand, say) is left as it is.
 */
export function mapPersonalData(
  householdId: string,
  event: HouseholdEvent,
  transform: PersonalValueTransform,
  correctedEventSubject: CorrectedEventSubject = () => undefined,
): HouseholdEvent {
  if (!Object.hasOwn(PERSONAL_DATA_MAP, event.type)) return event;
  const rules = PERSONAL_DATA_MAP[event.type];
  return { ...event, data: mapFields(rules, event.data, { householdId, correctedEventSubject }, transform) } as HouseholdEvent;
}

/**
 * `holder` with the fields its rules seal replaced by `transform`'s answer, nested objects and lists followed.
 * Untyped inside: the map's types have already said which rules go with which object. Anything that is not what the
 * rules expect (an event appended by hand) is left as it is.
 */
function mapFields(rules: object, holder: unknown, context: SealingContext, transform: PersonalValueTransform): unknown {
  if (holder === null || typeof holder !== 'object' || Array.isArray(holder)) return holder;
  const mapped: Record<string, unknown> = { ...holder };
  for (const [name, rule] of Object.entries(rules) as [string, Plain | Sealed<unknown> | object][]) {
    const value = mapped[name];
    if (rule === PLAIN || value === undefined || value === null) continue;
    if (isSealedRule(rule)) {
      if (typeof value !== 'string') continue;
      const { subject, owner } = rule.subject(holder, context);
      mapped[name] = transform(value, subject, rule.field, owner);
    } else {
      mapped[name] = Array.isArray(value) ? value.map((item: unknown) => mapFields(rule, item, context, transform)) : mapFields(rule, value, context, transform);
    }
  }
  return mapped;
}

function isSealedRule(rule: object): rule is Sealed<unknown> {
  return typeof (rule as { subject?: unknown }).subject === 'function';
}

/** The subjects whose keys sealing these events needs, with their owner where the events name one. */
export function subjectsToSeal(
  householdId: string,
  events: readonly HouseholdEvent[],
  correctedEventSubject?: CorrectedEventSubject,
): Map<string, string | undefined> {
  const subjects = new Map<string, string | undefined>();
  for (const event of events) {
    mapPersonalData(
      householdId,
      event,
      (value, subject, _field, owner) => {
        subjects.set(subject, subjects.get(subject) ?? owner);
        return value;
      },
      correctedEventSubject,
    );
  }
  return subjects;
}

/** Opens one sealed value that the map expects in `field`. */
export type OpenSealed = (sealed: string, field: PersonalField) => string;

/**
 * The event with its sealed personal values opened. Only the fields the map names are looked at, each for the field
 * it stands in: an id that happens to start like a sealed value is left alone, and a sealed value copied into
 * another field does not open. A casusregisseur's name recorded before it was sealed reads as it was stored.
 */
export function openPersonalData<E extends { type: string; data: unknown }>(householdId: string, event: E, open: OpenSealed): E {
  const opened = mapPersonalData(householdId, event as unknown as HouseholdEvent, (value, _subject, field) => (isSealed(value) ? open(value, field) : value));
  return { ...event, data: opened.data };
}

/** The subjects of the sealed values in these (stored) events: the keys to fetch to open them. */
export function sealedSubjectsOf(householdId: string, events: readonly { type: string; data: unknown }[], into = new Set<string>()): Set<string> {
  for (const event of events) {
    openPersonalData(householdId, event, (sealed) => {
      into.add(subjectOf(sealed));
      return sealed;
    });
  }
  return into;
}

/** Who a household is about and whom it is coordinated by: what a reader of a folded household may need opened. */
export type HouseholdDetails = Pick<HouseholdState, 'members' | 'residences' | 'coordinator'>;

/**
 * The members, addresses and casusregisseur of a household folded from sealed events (the read models keep them so),
 * opened by the rules of the events they came from.
 */
export function openHouseholdDetails<S extends HouseholdDetails>(state: S, open: OpenSealed): Pick<S, keyof HouseholdDetails> {
  return {
    members: state.members.map((member) => openedBy(PERSON, member, open)),
    residences: state.residences.map((residence) => openedBy(RESIDENCE, residence, open)),
    coordinator: state.coordinator && openedBy({ name: COORDINATOR_NAME }, state.coordinator, open),
  };
}

/** A person's names, birth date and BSN as a read model keeps them (sealed as in their events), opened. */
export function openPerson<P extends Partial<PersonDetails>>(person: P, open: OpenSealed): P {
  return openedBy(PERSON, person, open);
}

function openedBy<T>(rules: object, value: T, open: OpenSealed): T {
  // Opening reads the subject off each sealed value: the context, which names subjects for sealing, is not used.
  const context: SealingContext = { householdId: '', correctedEventSubject: () => undefined };
  return mapFields(rules, value, context, (sealed, _subject, field) => (isSealed(sealed) ? open(sealed, field) : sealed)) as T;
}

/** The subjects of the sealed values {@link openHouseholdDetails} would open: the keys to fetch first. */
export function sealedSubjectsOfDetails(state: HouseholdDetails, into = new Set<string>()): Set<string> {
  openHouseholdDetails(state, (sealed) => {
    into.add(subjectOf(sealed));
    return sealed;
  });
  return into;
}

/**
 * The subject of the facts an event is about, for sealing a correction's reason under the same key: a trajectory's
 * step belongs to the trajectory, a member's arrival or departure to the member.
 */
export function subjectOfFact(event: HouseholdEvent): string | undefined {
  const trajectoryId = trajectoryIdOf(event);
  if (trajectoryId !== undefined) return dataSubject.trajectory(trajectoryId);
  if (event.type === 'MemberAdded') return dataSubject.member(event.data.member.memberId);
  if (event.type === 'MemberLeft') return dataSubject.member(event.data.memberId);
  return undefined;
}

/**
 * What an erasure of a member destroys besides every key the member owns (their details, their trajectories' —
 * also of facts withdrawn since): the keys of addresses where nobody with readable data still lives. The
 * household's own key (the casusregisseur's name, reasons of corrections to household facts) is nobody's in
 * particular and stays.
 */
export function subjectsErasedWith(state: HouseholdState, memberId: string): string[] {
  const erased = (m: { memberId: string; erasedOn?: string }) => m.memberId === memberId || m.erasedOn !== undefined;
  const residences = state.residences.filter((r) => {
    const living = state.members.filter((m) => m.residenceIds.includes(r.residenceId));
    return living.length > 0 && living.some((m) => m.memberId === memberId) && living.every(erased);
  });
  return [
    dataSubject.member(memberId),
    ...state.trajectories.filter((t) => t.memberId === memberId).map((t) => dataSubject.trajectory(t.trajectoryId)),
    ...residences.map((r) => dataSubject.residence(r.residenceId)),
  ];
}
