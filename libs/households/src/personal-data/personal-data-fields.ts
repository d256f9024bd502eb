import { HouseholdEvent, HouseholdState, PersonDetails, Residence, trajectoryIdOf } from '@casusregie/domain';
import { isSealed, subjectOf } from './sealed-value';

/**
 * Whose personal data a value is: the key it is sealed under. A trajectory has a key of its own (its question and the
 * reasons typed on its steps), destroyed with its member's, so that sealing needs nothing but the event itself.
 * Addresses belong to everyone living there; a correction's reason to what it corrects.
 */
export const dataSubject = {
  member: (memberId: string) => `member:${memberId}`,
  trajectory: (trajectoryId: string) => `trajectory:${trajectoryId}`,
  residence: (residenceId: string) => `residence:${residenceId}`,
  household: (householdId: string) => `household:${householdId}`,
};

/**
 * `owner`: the member the subject belongs to, where the event says so (a member's own details, a trajectory's
 * melding). Kept on the key, so an erasure finds every key of the member, also of facts withdrawn since.
 */
export type PersonalValueTransform = (value: string, subject: string, owner?: string) => string;

/** The subject a correction's reason belongs to: that of the event it corrects (undefined: the household's). */
export type CorrectedEventSubject = (eventId: string) => string | undefined;

/**
 * The event with each personal value (names, BSN, birth date, address, free text) replaced by `transform(value,
 * subject)`: how events are sealed before they are appended. Ids, codes and business dates stay readable, because
 * the figures are made of them.
 */
export function mapPersonalData(
  householdId: string,
  event: HouseholdEvent,
  transform: PersonalValueTransform,
  correctedEventSubject: CorrectedEventSubject = () => undefined,
): HouseholdEvent {
  const t = transform;
  switch (event.type) {
    case 'HouseholdRegistered':
      return {
        ...event,
        data: {
          ...event.data,
          residences: event.data.residences.map((r) => mapResidence(r, t)),
          members: event.data.members.map((m) => mapPerson(m, t)),
        },
      };
    case 'MemberAdded':
      return { ...event, data: { member: mapPerson(event.data.member, t) } };
    case 'PlanAgreed':
    case 'PlanRevised':
      return {
        ...event,
        data: {
          ...event.data,
          goals: event.data.goals.map((g) => ({ ...g, description: t(g.description, dataSubject.member(g.memberId), g.memberId) })),
        },
      } as HouseholdEvent;
    case 'TrajectoryOpened':
      return {
        ...event,
        data: { ...event.data, question: t(event.data.question, dataSubject.trajectory(event.data.trajectoryId), event.data.memberId) },
      };
    case 'ReferralDeclined':
    case 'ReferralWithdrawn':
    case 'SupportScaledUp':
    case 'SupportScaledDown':
    case 'TrajectoryReopened':
      return { ...event, data: { ...event.data, reason: t(event.data.reason, dataSubject.trajectory(event.data.trajectoryId)) } } as HouseholdEvent;
    case 'EventCorrected':
    case 'EventWithdrawn': {
      const corrected = event.type === 'EventCorrected' ? event.data.correctedEventId : event.data.withdrawnEventId;
      const subject = correctedEventSubject(corrected) ?? dataSubject.household(householdId);
      return { ...event, data: { ...event.data, reason: t(event.data.reason, subject) } } as HouseholdEvent;
    }
    default:
      return event;
  }
}

function mapPerson<P extends PersonDetails & { memberId: string }>(person: P, t: PersonalValueTransform): P {
  const subject = dataSubject.member(person.memberId);
  const field = (value: string) => t(value, subject, person.memberId);
  return {
    ...person,
    givenName: field(person.givenName),
    familyName: field(person.familyName),
    birthDate: field(person.birthDate),
    ...(person.bsn === undefined ? {} : { bsn: field(person.bsn) }),
  };
}

function mapResidence(residence: Residence, t: PersonalValueTransform): Residence {
  const subject = dataSubject.residence(residence.residenceId);
  const mapped = { ...residence };
  for (const field of ['label', 'postcode', 'houseNumber'] as const) {
    const value = residence[field];
    if (value !== undefined) mapped[field] = t(value, subject);
  }
  return mapped;
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
      (value, subject, owner) => {
        subjects.set(subject, subjects.get(subject) ?? owner);
        return value;
      },
      correctedEventSubject,
    );
  }
  return subjects;
}

/**
 * The event with its sealed personal values opened. Only the fields {@link mapPersonalData} names are looked at:
 * an id or a coordinator's name that happens to start like a sealed value is left alone.
 */
export function openPersonalData<E extends { type: string; data: unknown }>(householdId: string, event: E, open: (sealed: string) => string): E {
  const opened = mapPersonalData(householdId, event as unknown as HouseholdEvent, (value) => (isSealed(value) ? open(value) : value));
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
 * household's own key (reasons of corrections to household facts such as the casusregisseur) is nobody's in
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
