import {
  FIGURE_ITEM_SETS,
  FIGURE_ITEMS_PREFIX,
  FigureItemSet,
  figureItemSetReads,
  figureItemsOf,
  HouseholdEvent,
  HouseholdState,
  PersonalValues,
  RecordedHouseholdEvent,
} from '@casusregie/domain';
import { isSealed, Keyring, subjectOf } from '@casusregie/households';

/**
 * The management figures' items (libs/domain/src/figures) as rows of rm_norm_items, under the norm id
 * `figure:<item set>`, beside the norms' items: the same rows, history (knownAt) and projection, never listed as a
 * norm. A figure row carries what a figure is broken down by (legal basis, level, category, age band, wijk); a norm's
 * row leaves those empty.
 *
 * The age band and the wijk come from personal data sealed in the events (a member's birth date, the first
 * residence's postcode). This projection opens just those two values, with the household's keys, for the batch it
 * applies, and keeps only the band and the wijk (as the household directory opens names to keep their search keys).
 */

/** What a figure row adds to a norm item row; null on a norm's row, and where a figure row's value is not known. */
export interface FigureColumns {
  legalBasis: string | null;
  level: string | null;
  category: string | null;
  ageBand: string | null;
  wijk: string | null;
}

export const NO_FIGURE_COLUMNS: FigureColumns = { legalBasis: null, level: null, category: null, ageBand: null, wijk: null };

/** Opens a sealed birth date or postcode; undefined when it cannot be read (its key is gone, or was not fetched). */
export type OpenPersonalValue = (value: string, field: 'birthDate' | 'residence.postcode') => string | undefined;

/** Reads values in the clear and nothing sealed: for a caller without the keys (the figures then show `onbekend`). */
export const CLEAR_VALUES_ONLY: OpenPersonalValue = (value) => (isSealed(value) ? undefined : value);

/** Opens with a keyring; a subject the keyring was not given reads as unknown rather than stopping the projection. */
export function openWithKeyring(keyring: Keyring): OpenPersonalValue {
  return (value, field) => (!isSealed(value) || keyring.has(subjectOf(value)) ? keyring.open(value, field) : undefined);
}

/** The item sets whose rows a fact of this type can change. */
export function figureItemSetsReading(eventType: string): FigureItemSet[] {
  return FIGURE_ITEM_SETS.filter((set) => figureItemSetReads(set, eventType));
}

/** The rows of these item sets over `facts` (a household's or one trajectory's), as figureItemsOf gives the items. */
export function figureItemRows<Row>(
  state: HouseholdState,
  facts: readonly RecordedHouseholdEvent[],
  open: OpenPersonalValue,
  sets: readonly FigureItemSet[],
  rowOf: (normId: string, item: ReturnType<typeof figureItemsOf>[number], columns: FigureColumns) => Row,
): Row[] {
  const personal = personalValuesOf(state, open);
  return sets.flatMap((set) =>
    figureItemsOf(set, state, facts, personal).map((item) =>
      rowOf(`${FIGURE_ITEMS_PREFIX}${set.id}`, item, {
        legalBasis: item.attributes.legalBasis ?? null,
        level: item.attributes.level ?? null,
        category: item.attributes.category ?? null,
        ageBand: item.attributes.ageBand ?? null,
        wijk: item.attributes.wijk ?? null,
      }),
    ),
  );
}

/** The household's birth dates and postcodes, opened on demand. */
function personalValuesOf(state: HouseholdState, open: OpenPersonalValue): PersonalValues {
  const read = (value: string | undefined, field: 'birthDate' | 'residence.postcode') => (value === undefined ? undefined : open(value, field));
  return {
    birthDate: (memberId) => read(state.members.find((member) => member.memberId === memberId)?.birthDate, 'birthDate'),
    postcode: (residenceId) => read(state.residences.find((residence) => residence.residenceId === residenceId)?.postcode, 'residence.postcode'),
  };
}

/**
 * The subjects whose keys open the values figure rows need: the birth dates of the members and the postcode of the
 * first residence, in a household's state and in the registrations and arrivals among a batch's events.
 */
export function figureSubjectsOf(states: readonly HouseholdState[], events: readonly HouseholdEvent[]): Set<string> {
  const subjects = new Set<string>();
  const add = (value: string | undefined) => {
    if (isSealed(value)) subjects.add(subjectOf(value));
  };
  for (const state of states) {
    for (const member of state.members) add(member.birthDate);
    add(state.residences[0]?.postcode);
  }
  for (const event of events) {
    if (event.type === 'HouseholdRegistered') {
      for (const member of event.data.members) add(member.birthDate);
      add(event.data.residences[0]?.postcode);
    }
    if (event.type === 'MemberAdded') add(event.data.member.birthDate);
  }
  return subjects;
}
