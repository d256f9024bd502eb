import { addDays, addDuration, daysWithin } from '../calendar/add-duration';
import { BusinessDate, isBusinessDate, latestOf } from '../calendar/business-date';
import { applyCorrection } from '../household/evolve';
import { isCorrection, RecordedHouseholdEvent, trajectoryIdOf } from '../household/household-events';
import { EventSelector, NormDefinition, NormItem } from './norm-definition';

/**
 * The items of one norm in one household, as the facts now stand. Generic over the norm's selectors: nothing here
 * knows a particular norm.
 *
 * `householdFacts` is `HouseholdState.effectiveEvents` (withdrawn events gone, corrected dates applied). A raw
 * stream, or a stream cut off at a `knownAt` instant, may be passed as well: corrections in it are applied first.
 *
 * Rules (SPEC §3; choices where the SPEC is silent are marked *):
 * - Items. `trajectory`: the first matching start event of a trajectory (stream order) opens its item, later ones
 *   are ignored (a PipAmended never restarts the clock). `referral`: likewise per referral (data.referralId).
 *   `start-event`: every matching start event opens its own item. *Events without a trajectoryId open no item.
 * - Start date: `start.dateField` of the start event when it holds a date, else its occurredOn.
 * - Population: the trajectory's TrajectoryOpened must match `population`, when the norm has one.
 * - Joins: stop and exclusion facts belong to the item's trajectory (data.trajectoryId); for per-referral items a
 *   fact that carries a referralId must carry the item's, a fact without one (TrajectoryClosed) applies to them all.
 * - Stop: a matching stop fact dated on or after the start date (its date: the latest of `latestOfDateFields` when
 *   present, else with `dateFrom: 'recordedOn'` the later of its recordedOn and occurredOn (* a date correction may
 *   move occurredOn past the recording date; a fact without recordedOn falls back to occurredOn), else occurredOn).
 *   The start event itself is a stop only when the norm says `startEventMayStop` (and it matches the stop
 *   selector). For trajectory and referral items the earliest such date counts (* so a backdated fact recorded
 *   later moves the stop earlier, B8), stream order breaking ties. For start-event items only facts after the start
 *   event in stream order count, the first of them in stream order (the *next* waakvlam contact).
 * - Exclusion: likewise the first matching exclusion fact dated on or after the start. * The first fact that ends
 *   the item decides: a stop on or before the exclusion date makes it a stopped item (no exclusion), an exclusion
 *   before the stop makes it an excluded item (no stop), for start-event items the first in stream order. So an item
 *   has a stop or an exclusion, never both, and a later fact does not reopen it.
 * - Deadline: `start + duration` on the norm's calendar, or with `durationFromField` `start + N` days where N is the
 *   field of the latest such event of the trajectory at or before the start event (stream order); * without a
 *   usable N the norm's `duration` is the fallback, and without that the item has no deadline.
 * - Suspension (only a `suspendable` norm; * after the opschorting of Wmo art. 2.3.2 and ZGW's, standards-nl P4): the
 *   ClockSuspended facts of the item's trajectory that name the norm in `normIds`, or name none, move the deadline.
 *   Taken in order of their `from`, a suspension counts its days from its first day not before the start (nor
 *   counted by an earlier one) to its `to`, but not after the item's end (the date of the stop or exclusion that ended
 *   it), on the norm's calendar, when that first day lies on or before the deadline as the suspensions before it moved
 *   it and on or before the end. The deadline is the unsuspended deadline plus all counted days. So a suspension of
 *   14 days that begins by the deadline moves it by 14 days (past the suspension's last day, so a suspension that
 *   begins within that extension counts as well), and one that begins after the deadline, or after the stop, moves
 *   nothing. * The day of the start itself may be suspended: every day of a suspension counts alike.
 *   * Waiting days (norm-status.ts) are not shortened: the inwoner waited them all (K25); only the deadline moves.
 *   * A status as of a date before a suspension began is the same with or without it (it began on or before the
 *   deadline, so the item was pending then, or had stopped on time); only the days left then include its days.
 * - Provider: the organisation (AGB code, else name) of the referral whose fact stopped the clock, else of the
 *   item's own referral. As of a date, only what was known then: see providerAsOf.
 * - Items come in the stream order of their start events.
 */
export function normItems(norm: NormDefinition, householdFacts: readonly RecordedHouseholdEvent[]): NormItem[] {
  const facts: Fact[] = effectiveFacts(householdFacts).map((event, position) => ({ event, position }));
  const openings = new Map<string, RecordedHouseholdEvent>();
  const referrals = new Map<string, RecordedHouseholdEvent>();
  for (const { event } of facts) {
    const trajectoryId = trajectoryIdOf(event);
    if (trajectoryId === undefined) continue;
    if (event.type === 'TrajectoryOpened' && !openings.has(trajectoryId)) openings.set(trajectoryId, event);
    const referralId = referralIdOf(event);
    if (event.type === 'ReferralMade' && referralId !== undefined) referrals.set(joinKey(trajectoryId, referralId), event);
  }

  const opened = new Set<string>();
  const items: NormItem[] = [];
  for (const start of facts) {
    if (!matchesSelector(norm.start, start.event)) continue;
    const trajectoryId = trajectoryIdOf(start.event);
    if (trajectoryId === undefined) continue;
    const referralId = referralIdOf(start.event);
    if (norm.itemPer === 'referral' && referralId === undefined) continue;

    const subject =
      norm.itemPer === 'trajectory'
        ? joinKey(trajectoryId)
        : norm.itemPer === 'referral'
          ? joinKey(trajectoryId, referralId)
          : start.event.eventId;
    if (opened.has(subject)) continue;
    opened.add(subject);

    const opening = openings.get(trajectoryId);
    if (norm.population !== undefined && (opening === undefined || !matchesSelector(norm.population, opening))) continue;

    const startDate = dateField(start.event, norm.start.dateField) ?? start.event.occurredOn;
    const itemReferralId = norm.itemPer === 'referral' ? referralId : undefined;
    const belongs = (fact: Fact) =>
      fact.position !== start.position &&
      (norm.itemPer !== 'start-event' || fact.position > start.position) &&
      trajectoryIdOf(fact.event) === trajectoryId &&
      (itemReferralId === undefined || referralIdOf(fact.event) === undefined || referralIdOf(fact.event) === itemReferralId);

    const stopSelector = norm.stop;
    const stops =
      stopSelector === undefined
        ? []
        : facts
            .filter(
              (fact) =>
                (belongs(fact) || (stopSelector.startEventMayStop === true && fact.position === start.position)) &&
                matchesSelector(stopSelector, fact.event),
            )
            .map((fact) => ({ fact, date: stopDateOf(fact.event, stopSelector) }))
            .filter(({ date }) => date >= startDate);
    const exclusions = facts
      .filter((fact) => belongs(fact) && norm.exclusions.some((selector) => matchesSelector(selector, fact.event)))
      .map((fact) => ({ fact, date: fact.event.occurredOn }))
      .filter(({ date }) => date >= startDate);

    const byStream = norm.itemPer === 'start-event';
    const stop = first(stops, byStream);
    const exclusion = first(exclusions, byStream);
    const stopWins =
      stop !== undefined &&
      (exclusion === undefined ||
        (byStream ? stop.fact.position < exclusion.fact.position : stop.date <= exclusion.date));

    const item: NormItem = {
      normId: norm.id,
      itemKey: norm.itemPer === 'trajectory' ? trajectoryId : norm.itemPer === 'referral' ? (referralId as string) : start.event.eventId,
      startEventId: start.event.eventId,
      trajectoryId,
      startDate,
    };
    if (itemReferralId !== undefined) item.referralId = itemReferralId;
    const memberId = opening === undefined ? undefined : stringField(opening, 'memberId');
    if (memberId !== undefined) item.memberId = memberId;
    const end = stop !== undefined && stopWins ? stop.date : exclusion?.date;
    const deadline = deadlineOf(norm, start, startDate, facts, trajectoryId);
    if (deadline !== undefined) {
      const suspended = norm.suspendable === true ? suspendedDeadline(norm, deadline, startDate, end, suspensionsOf(norm, facts, trajectoryId)) : undefined;
      item.deadline = suspended?.deadline ?? deadline;
      if (suspended !== undefined && suspended.days > 0) {
        item.suspendedDays = suspended.days;
        item.suspensionIds = suspended.suspensionIds;
      }
    }

    if (stop !== undefined && stopWins) {
      item.stopDate = stop.date;
      item.stoppedBy = { eventId: stop.fact.event.eventId, type: stop.fact.event.type };
    } else if (exclusion !== undefined) {
      item.excludedOn = exclusion.date;
      const reason = stringField(exclusion.fact.event, 'reason') ?? stringField(exclusion.fact.event, 'outcome');
      item.excludedBy = { eventId: exclusion.fact.event.eventId, type: exclusion.fact.event.type, ...(reason === undefined ? {} : { reason }) };
    }

    const providerReferralId = (stop !== undefined && stopWins ? referralIdOf(stop.fact.event) : undefined) ?? itemReferralId;
    const provider = providerReferralId === undefined ? undefined : providerOf(referrals.get(joinKey(trajectoryId, providerReferralId)));
    if (provider !== undefined) item.provider = provider;

    items.push(item);
  }
  return items;
}

/** True when the event has one of the selector's types and every `where` field holds one of the values given. */
export function matchesSelector(selector: EventSelector, event: { type: string; data: unknown }): boolean {
  const types = Array.isArray(selector.event) ? selector.event : [selector.event];
  if (!types.includes(event.type)) return false;
  return Object.entries(selector.where ?? {}).every(([path, expected]) => {
    const wanted = Array.isArray(expected) ? expected : [expected];
    const actual = fieldAt(event.data, path);
    const values = Array.isArray(actual) ? actual : [actual];
    return values.some((value) => wanted.some((w) => w === value));
  });
}

/**
 * The facts after the corrections in the list: withdrawn events left out, corrected dates applied. A corrected fact
 * keeps everything but its occurredOn, its recordedOn included (the day it was reported does not change).
 */
export function effectiveFacts(events: readonly RecordedHouseholdEvent[]): RecordedHouseholdEvent[] {
  if (!events.some(isCorrection)) return [...events];
  let facts: RecordedHouseholdEvent[] = [];
  for (const event of events) {
    if (isCorrection(event)) facts = applyCorrection(facts, event);
    else facts = [...facts, event];
  }
  return facts;
}

/**
 * The facts of each trajectory (data.trajectoryId), in stream order, after the corrections among them; facts of no
 * trajectory are left out. `normItems` joins every fact to an item through its trajectory (openings, referrals,
 * stops, exclusions and duration sources alike) and compares positions only within it, so the items of one trajectory
 * are exactly what `normItems` gives for that trajectory's own facts. That is what lets a projection recompute, for a
 * new fact, only the items of its trajectory (and nothing for a fact of no trajectory).
 */
export function factsByTrajectory(householdFacts: readonly RecordedHouseholdEvent[]): Map<string, RecordedHouseholdEvent[]> {
  const byTrajectory = new Map<string, RecordedHouseholdEvent[]>();
  for (const fact of effectiveFacts(householdFacts)) {
    const trajectoryId = trajectoryIdOf(fact);
    if (trajectoryId === undefined) continue;
    const facts = byTrajectory.get(trajectoryId);
    if (facts === undefined) byTrajectory.set(trajectoryId, [fact]);
    else facts.push(fact);
  }
  return byTrajectory;
}

/**
 * Whether a fact of this type can change the norm's items. `normItems` looks at a fact only through the norm's
 * selectors (start, stop, exclusions, population, duration source), the trajectory's TrajectoryOpened (member,
 * population) and ReferralMade (provider) events, and for a suspendable norm its ClockSuspended events; a fact of
 * any other type appended to a trajectory leaves them as they were.
 */
export function normReads(norm: NormDefinition, eventType: string): boolean {
  if (eventType === 'TrajectoryOpened' || eventType === 'ReferralMade') return true;
  if (eventType === 'ClockSuspended') return norm.suspendable === true;
  const selectors = [norm.start, ...(norm.stop === undefined ? [] : [norm.stop]), ...norm.exclusions, ...(norm.population === undefined ? [] : [norm.population])];
  return norm.durationFromField?.event === eventType || selectors.some((selector) => [selector.event].flat().includes(eventType));
}

/** The number of distinct members among items (items without a member are not counted): persons rather than events. */
export function distinctMembers(items: readonly NormItem[]): number {
  return new Set(items.flatMap((item) => (item.memberId === undefined ? [] : [item.memberId]))).size;
}

/**
 * The provider of an item as of a date: that of its own referral (made before the item started), else that of the
 * referral whose fact stopped the clock, but only from the stop on: before it, nobody knew which referral would.
 */
export function providerAsOf(item: NormItem, asOf: BusinessDate): string | undefined {
  if (item.referralId !== undefined) return item.provider;
  return item.stopDate !== undefined && item.stopDate <= asOf ? item.provider : undefined;
}

interface Fact {
  event: RecordedHouseholdEvent;
  position: number;
}

interface Candidate {
  fact: Fact;
  date: BusinessDate;
}

/** The earliest by date (stream order breaking ties), or the first in stream order. */
function first(candidates: readonly Candidate[], byStream: boolean): Candidate | undefined {
  return candidates.reduce<Candidate | undefined>((best, candidate) => {
    if (best === undefined) return candidate;
    if (byStream) return candidate.fact.position < best.fact.position ? candidate : best;
    if (candidate.date !== best.date) return candidate.date < best.date ? candidate : best;
    return candidate.fact.position < best.fact.position ? candidate : best;
  }, undefined);
}

function deadlineOf(
  norm: NormDefinition,
  start: Fact,
  startDate: BusinessDate,
  facts: readonly Fact[],
  trajectoryId: string,
): BusinessDate | undefined {
  if (norm.durationFromField !== undefined) {
    const { event: type, field } = norm.durationFromField;
    const source = facts
      .filter((fact) => fact.position <= start.position && fact.event.type === type && trajectoryIdOf(fact.event) === trajectoryId)
      .at(-1);
    const days = source === undefined ? undefined : fieldAt(source.event.data, field);
    if (typeof days === 'number' && Number.isInteger(days) && days >= 0) return addDays(startDate, days, norm.calendar);
  }
  return norm.duration === undefined ? undefined : addDuration(startDate, norm.duration, norm.calendar);
}

/** A suspension of the item's trajectory that applies to the norm. */
interface Suspension {
  suspensionId: string;
  from: BusinessDate;
  to: BusinessDate;
}

function suspensionsOf(norm: NormDefinition, facts: readonly Fact[], trajectoryId: string): Suspension[] {
  return facts.flatMap(({ event }) =>
    event.type === 'ClockSuspended' && event.data.trajectoryId === trajectoryId && (event.data.normIds?.includes(norm.id) ?? true)
      ? [{ suspensionId: event.data.suspensionId, from: event.data.from, to: event.data.to }]
      : [],
  );
}

/** The deadline moved by the suspensions (the rule "Suspension" at the top), with the days counted and by which. */
function suspendedDeadline(
  norm: NormDefinition,
  unsuspended: BusinessDate,
  startDate: BusinessDate,
  end: BusinessDate | undefined,
  suspensions: readonly Suspension[],
): { deadline: BusinessDate; days: number; suspensionIds: string[] } {
  let deadline = unsuspended;
  let days = 0;
  let counted: BusinessDate | undefined;
  const suspensionIds: string[] = [];
  for (const suspension of [...suspensions].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0))) {
    // The decider refuses overlapping suspensions; a raw stream could still hold them, and no day counts twice.
    const first = latestOf([suspension.from, startDate, ...(counted === undefined ? [] : [addDays(counted, 1, 'calendar-days')])]) as BusinessDate;
    const last = end !== undefined && end < suspension.to ? end : suspension.to;
    // (A suspension of only weekend days and holidays stops no working-day clock.)
    const suspendedDays = first > deadline ? 0 : daysWithin(first, last, norm.calendar);
    if (suspendedDays === 0) continue;
    days += suspendedDays;
    counted = last;
    suspensionIds.push(suspension.suspensionId);
    deadline = addDays(unsuspended, days, norm.calendar);
  }
  return { deadline, days, suspensionIds };
}

function stopDateOf(event: RecordedHouseholdEvent, stop: NonNullable<NormDefinition['stop']>): BusinessDate {
  const dates = (stop.latestOfDateFields ?? []).flatMap((field) => {
    const date = dateField(event, field);
    return date === undefined ? [] : [date];
  });
  const fromFields = latestOf(dates);
  if (fromFields !== undefined) return fromFields;
  if (stop.dateFrom === 'recordedOn' && event.recordedOn !== undefined) {
    return latestOf([event.recordedOn, event.occurredOn]) ?? event.occurredOn;
  }
  return event.occurredOn;
}

function dateField(event: RecordedHouseholdEvent, field: string | undefined): BusinessDate | undefined {
  if (field === undefined) return undefined;
  const value = fieldAt(event.data, field);
  return isBusinessDate(value) ? value : undefined;
}

function stringField(event: RecordedHouseholdEvent, field: string): string | undefined {
  const value = fieldAt(event.data, field);
  return typeof value === 'string' ? value : undefined;
}

/** The referral a fact is about, if it names one. */
export function referralIdOf(event: RecordedHouseholdEvent): string | undefined {
  return stringField(event, 'referralId');
}

function providerOf(referral: RecordedHouseholdEvent | undefined): string | undefined {
  if (referral === undefined) return undefined;
  const agbCode = fieldAt(referral.data, 'organisation.agbCode');
  const name = fieldAt(referral.data, 'organisation.name');
  return typeof agbCode === 'string' ? agbCode : typeof name === 'string' ? name : undefined;
}

function fieldAt(data: unknown, path: string): unknown {
  let value: unknown = data;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function joinKey(trajectoryId: string, referralId?: string): string {
  return referralId === undefined ? trajectoryId : `${trajectoryId}\u0000${referralId}`;
}
