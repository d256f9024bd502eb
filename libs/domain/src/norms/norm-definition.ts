import { NormCalendar } from '../calendar/add-duration';
import { BusinessDate } from '../calendar/business-date';

/**
 * A norm is data, not code (SPEC §3): where its clock starts and stops, how long it may run, on which calendar, and
 * its target. The engine (norm-items.ts) turns a household's facts into one item per norm per subject; the status of
 * an item is judged "as of" a date (norm-status.ts).
 */
export interface NormDefinition {
  /** Kebab-case, stable: the key of the norm's read-model rows and of the API route. */
  id: string;
  /** The CBS code of the municipality this configuration is for (set by `normsFor`); absent on the shipped defaults. */
  municipality?: string;
  title: string;
  /** The source wording the norm is taken from, with its reference (e.g. "Zevenaar 000:324"). */
  source: string;
  /**
   * What one item is: one per trajectory (the first start event of the trajectory), one per referral (events with
   * the same referralId), or one per start event (each start event opens its own item, as every waakvlam contact
   * sets the next one due).
   */
  itemPer: 'trajectory' | 'referral' | 'start-event';
  start: EventSelector & {
    /** Date field of the start event's data to use instead of its occurredOn, when present (e.g. ggzWaitlistSince). */
    dateField?: string;
  };
  /** The date fields of the start event a municipality may choose as the anchor (start.dateField) instead of occurredOn. */
  anchorFields?: string[];
  /**
   * False on a shipped definition the municipality does not use by default (it may switch it on with a change,
   * norm-settings.ts); absent means in use.
   */
  enabled?: boolean;
  /**
   * Who the norm is about, when that is recorded on the melding: matched against the TrajectoryOpened event of the
   * item's trajectory (e.g. `{ event: 'TrajectoryOpened', where: { legalBasis: 'wmo-2015' } }`). A trajectory whose
   * melding does not match has no items.
   */
  population?: EventSelector;
  /** Absent for count norms. The first stop event on or after the start ends the item. */
  stop?: EventSelector & {
    /** Data fields whose latest date is the stop date instead of occurredOn (e.g. both learning-route dates). */
    latestOfDateFields?: string[];
    /**
     * Which date of a stop fact is its stop date: `occurredOn` (the default: when it happened) or `recordedOn` (the
     * business date on which it was recorded, i.e. reported; never earlier than its occurredOn, and occurredOn when
     * the fact carries no recording date). `latestOfDateFields`, when it yields a date, takes precedence.
     */
    dateFrom?: StopDateSource;
    /**
     * True: the start event itself may be the stop, when it also matches the stop selector (a CareStarted starts the
     * reporting clock on the care start date and stops it on the day it was recorded). Default false: a stop is
     * always another fact than the start.
     */
    startEventMayStop?: boolean;
  };
  /** Facts that end an item without a stop: it is excluded (vervallen), outside the denominator. */
  exclusions: EventSelector[];
  /** ISO 8601 duration (P28D, P2M, P6W, P3Y, P5D); absent for a distribution-only or count norm. */
  duration?: string;
  /**
   * For itemPer start-event: the duration in days (on the norm's calendar) comes from this field of the latest event
   * of this type in the item's trajectory, at or before the start event in stream order. `duration`, when also given,
   * is the fallback for a trajectory without such a value.
   */
  durationFromField?: { event: string; field: string };
  calendar: NormCalendar;
  /**
   * True: the norm's clock stands still while a suspension (ClockSuspended) of the item's trajectory runs, which moves
   * its deadline by the suspended days (norm-items.ts). Only a norm with a deadline; absent: false.
   */
  suspendable?: boolean;
  /** Count norms count start events per year against a minimum instead of judging deadlines. */
  kind: 'deadline' | 'count';
  target?: { percentage?: number; minimumCount?: number; year?: number };
}

/** Where a stop fact's date is taken from (see NormDefinition.stop.dateFrom). */
export type StopDateSource = 'occurredOn' | 'recordedOn';

export const STOP_DATE_SOURCES: readonly StopDateSource[] = ['occurredOn', 'recordedOn'];

/**
 * Matches events by type and by exact values of their data fields (a list means "any of"). A field name may be a
 * dotted path (`organisation.agbCode`); when the event's field holds a list, the event matches when any element does.
 */
export interface EventSelector {
  event: string | string[];
  where?: Record<string, string | number | boolean | (string | number | boolean)[]>;
}

/** One item of one norm for one subject, as the facts say now. Dates are business dates. */
export interface NormItem {
  normId: string;
  /** Unique within the norm and household: the trajectory id, referral id or start event id. */
  itemKey: string;
  /** The event that opened the item. */
  startEventId: string;
  trajectoryId: string;
  referralId?: string;
  memberId?: string;
  startDate: BusinessDate;
  /** Absent for norms without a duration. */
  deadline?: BusinessDate;
  stopDate?: BusinessDate;
  /** The event that stopped the clock. */
  stoppedBy?: { eventId: string; type: string };
  /**
   * The date of the first exclusion fact on or after the start, when there is no stop on or before it. An item has
   * a stop or an exclusion, never both: the first fact that ends it decides.
   */
  excludedOn?: BusinessDate;
  /** The exclusion fact, with its reason (the `reason` or `outcome` of its data) so excluded items can be listed by it. */
  excludedBy?: { eventId: string; type: string; reason?: string };
  /** Days (on the norm's calendar) that suspensions of its clock moved the deadline; present when more than 0. */
  suspendedDays?: number;
  /** The suspensions (suspensionId) that moved the deadline, in date order; present with suspendedDays. */
  suspensionIds?: string[];
  /** The organisation of the referral that stopped the clock, or of the item's referral (AGB code or name). */
  provider?: string;
}

export type NormStatus = 'on-time' | 'late' | 'pending' | 'excluded';
