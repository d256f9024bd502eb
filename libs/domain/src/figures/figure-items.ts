import { RecordedHouseholdEvent, trajectoryIdOf } from '../household/household-events';
import { HouseholdState } from '../household/household-state';
import { NormItem } from '../norms/norm-definition';
import { normItems, normReads, referralIdOf } from '../norms/norm-items';
import { ageBandOn } from './age-bands';
import { FigureDimension, FigureItemSet, figureItemSetNorm } from './figure-definition';
import { wijkOf } from './wijk-indeling';

/**
 * The items of the figures' item sets in one household, with what a figure can break them down by. The items are
 * the norm engine's (normItems over the set's selectors); the attributes come from the facts and the household:
 *
 * - team, casusregisseur (coordinator): the household's, as they are now (as the norms' items carry them);
 * - legalBasis: the trajectory's melding; level: its latest level (the last triage or scale change, stream order);
 * - category, provider: the referral of the item, or the referral whose fact stopped it (K24: the first referral);
 *   a trajectory's item without either takes the category of the trajectory's latest referral (what kind of support
 *   it is in: voorliggend veld, maatwerk, …), as the facts stand now, and has no provider;
 * - ageBand: the member's age on the day of the melding (age-bands.ts), from their birth date;
 * - wijk: the wijk of the household's first residence (the address registered first: a composite family over two
 *   addresses counts in one wijk), from its 4-digit postcode area (wijk-indeling.ts).
 *
 * Birth date and postcode are personal data, sealed in the events: `personal` gives them opened (the projection opens
 * them with the household's keys; a pure caller with plain values gives them as they are). Only the band and the wijk
 * are kept. An erased member has no age band from then on, and a household whose first residence houses only erased
 * members no wijk: the erasure took the values away, and a rebuild (which can no longer open them) agrees.
 */
export interface FigureItem extends Pick<NormItem, 'itemKey' | 'trajectoryId' | 'referralId' | 'memberId' | 'startDate' | 'stopDate' | 'excludedOn' | 'provider'> {
  householdId: string;
  /** Absent: not known, or not an attribute of this item (a trajectory has no provider); a figure shows `onbekend`. */
  attributes: Partial<Record<FigureDimension, string>>;
}

/** A household's personal values, opened: undefined when absent or unreadable (erased). */
export interface PersonalValues {
  birthDate(memberId: string): string | undefined;
  postcode(residenceId: string): string | undefined;
}

/** Values that are in the clear already (a state folded from unsealed events, as in the domain's own tests). */
export function plainPersonalValues(state: Pick<HouseholdState, 'members' | 'residences'>): PersonalValues {
  return {
    birthDate: (memberId) => state.members.find((member) => member.memberId === memberId)?.birthDate,
    postcode: (residenceId) => state.residences.find((residence) => residence.residenceId === residenceId)?.postcode,
  };
}

/** The items of one item set over `facts` (a household's, or one trajectory's: every attribute is of the item's own trajectory). */
export function figureItemsOf(set: FigureItemSet, state: HouseholdState, facts: readonly RecordedHouseholdEvent[], personal: PersonalValues): FigureItem[] {
  const household = householdAttributes(state, personal);
  return normItems(figureItemSetNorm(set), facts).map((item) => ({
    ...item,
    householdId: state.householdId,
    attributes: withoutUndefined({ ...household, ...trajectoryAttributes(item, facts, state, personal) }),
  }));
}

/** Whether a fact of this type can change the items of a set or their attributes (besides what every row carries). */
export function figureItemSetReads(set: FigureItemSet, eventType: string): boolean {
  return LEVEL_EVENTS.has(eventType) || normReads(figureItemSetNorm(set), eventType);
}

const LEVEL_EVENTS = new Set(['TriageCompleted', 'SupportScaledUp', 'SupportScaledDown']);

function householdAttributes(state: HouseholdState, personal: PersonalValues): Partial<Record<FigureDimension, string>> {
  const first = state.residences[0];
  const living = first === undefined ? [] : state.members.filter((member) => member.residenceIds.includes(first.residenceId));
  const readable = first !== undefined && (living.length === 0 || living.some((member) => member.erasedOn === undefined));
  return {
    team: state.team,
    coordinator: state.coordinator?.coordinatorId,
    wijk: wijkOf(state.municipality, readable ? personal.postcode(first.residenceId) : undefined),
  };
}

function trajectoryAttributes(
  item: NormItem,
  facts: readonly RecordedHouseholdEvent[],
  state: HouseholdState,
  personal: PersonalValues,
): Partial<Record<FigureDimension, string>> {
  const own = facts.filter((fact) => trajectoryIdOf(fact) === item.trajectoryId);
  const opening = own.find((fact) => fact.type === 'TrajectoryOpened');
  const level = own.reduce<string | undefined>((latest, fact) => {
    if (fact.type === 'TriageCompleted') return fact.data.level;
    if (fact.type === 'SupportScaledUp' || fact.type === 'SupportScaledDown') return fact.data.toLevel;
    return latest;
  }, undefined);
  const stoppedBy = item.stoppedBy === undefined ? undefined : own.find((fact) => fact.eventId === item.stoppedBy?.eventId);
  const referralId = item.referralId ?? (stoppedBy === undefined ? undefined : referralIdOf(stoppedBy));
  const referral =
    referralId === undefined
      ? own.filter((fact) => fact.type === 'ReferralMade').at(-1)
      : own.find((fact) => fact.type === 'ReferralMade' && fact.data.referralId === referralId);
  const member = item.memberId === undefined ? undefined : state.members.find((candidate) => candidate.memberId === item.memberId);
  return {
    legalBasis: opening?.type === 'TrajectoryOpened' ? opening.data.legalBasis : undefined,
    level,
    category: referral?.type === 'ReferralMade' ? referral.data.category : undefined,
    provider: item.provider,
    ageBand: opening === undefined || member === undefined || member.erasedOn !== undefined ? undefined : ageBandOn(personal.birthDate(member.memberId), opening.occurredOn),
  };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
