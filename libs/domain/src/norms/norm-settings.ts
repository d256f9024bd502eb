import { isDateDuration, NORM_CALENDARS, NormCalendar } from '../calendar/add-duration';
import { BusinessDate } from '../calendar/business-date';
import { NormDefinition, NormItem } from './norm-definition';
import { normItems, normReads } from './norm-items';
import { checkNormDefinition, normsFor } from './shipped-norms';

/**
 * A municipality owns its norms: from an effective date it may switch a shipped norm off or on, and set its duration,
 * calendar, anchor, exclusions and target. Each change is recorded (an event with its author and the instant it
 * became known) and never overwritten, so every figure can say which version of a norm it used:
 * - an item is judged by the version in force on its start date (a new duration does not move the deadlines of items
 *   that started before it, SPEC §3);
 * - a report "as known at" an instant sees only the changes recorded by then.
 *
 * What a change cannot touch is what makes the norm the norm: its start and stop events, what one item is, and
 * whether it is a deadline or a count.
 */

/** The settings of one norm from an effective date. Every field is given: a change states the whole setting. */
export interface NormSettings {
  enabled: boolean;
  /** ISO 8601 duration (P28D, P2M, P6W); null for a norm without a term (distribution only, or a count). */
  duration: string | null;
  calendar: NormCalendar;
  /**
   * Which date of the start event starts the clock: null for the date it happened (occurredOn), or one of the norm's
   * `anchorFields` (e.g. ggzWaitlistSince, the GGZ waiting-list date of domain-research §3.1 K2).
   */
  anchor: string | null;
  /** The norm's exclusions that apply, by event type: a subset of those it ships with (e.g. §6.7 B12 made optional). */
  exclusions: string[];
  target: { percentage?: number; minimumCount?: number; year?: number } | null;
}

/** One recorded change of one norm of one municipality. */
export interface NormSettingsChange {
  municipality: string;
  normId: string;
  effectiveFrom: BusinessDate;
  settings: NormSettings;
  /** Why (the decision and its reference): shown beside the norm's source. */
  reason: string;
  /** The `sub` of the administrator who made it: a pseudonym, never a name. */
  author: string;
  /** When it became known (the event's recordedAt), ISO 8601. */
  recordedAt: string;
  /** Its place in the municipality's stream of changes (1, 2, …): the order in which they were made. */
  version: number;
  /** Its global position in the log, as a decimal string: the stamp of the history rows it makes. */
  position: string;
}

/** A norm as it stands from a date: `norm` null while the municipality does not use it. */
export interface NormVersion {
  /** null: the shipped setting, in force from the beginning until the first change. */
  effectiveFrom: BusinessDate | null;
  norm: NormDefinition | null;
  change?: NormSettingsChange;
}

/** The settings a norm definition has, in the shape a change states them. */
export function settingsOf(norm: NormDefinition): NormSettings {
  return {
    enabled: true,
    duration: norm.duration ?? null,
    calendar: norm.calendar,
    anchor: norm.start.dateField ?? null,
    exclusions: norm.exclusions.map(exclusionName),
    target: norm.target === undefined ? null : { ...norm.target },
  };
}

/** The name a change uses for one of a norm's exclusions: its event type. */
function exclusionName(selector: NormDefinition['exclusions'][number]): string {
  return [selector.event].flat().join('|');
}

/** One thing wrong with settings: the field it is about and why. */
export interface NormSettingsProblem {
  field: keyof NormSettings;
  reason: string;
}

/**
 * What is wrong with `settings` for the norm `shipped` (a municipality's shipped definition), as problems a person can
 * act on; empty when nothing is. Checks the shape too, since settings come from outside.
 */
export function normSettingsProblems(shipped: NormDefinition, settings: NormSettings): NormSettingsProblem[] {
  const problems: NormSettingsProblem[] = [];
  const problem = (field: keyof NormSettings, reason: string) => problems.push({ field, reason });
  if (typeof settings.enabled !== 'boolean') problem('enabled', 'must be true or false');
  if (!NORM_CALENDARS.includes(settings.calendar)) problem('calendar', `must be one of ${NORM_CALENDARS.join(', ')}`);
  if (settings.duration !== null && !isDateDuration(settings.duration)) problem('duration', 'must be an ISO 8601 date duration such as P28D, P6W or P2M');
  if (shipped.kind === 'count' && settings.duration !== null) problem('duration', 'a count norm has no duration');
  if (shipped.durationFromField !== undefined && settings.duration === null && shipped.duration !== undefined) {
    problem('duration', 'this norm needs a fallback duration');
  }
  const anchors = shipped.anchorFields ?? [];
  if (settings.anchor !== null && !anchors.includes(settings.anchor)) {
    problem('anchor', anchors.length === 0 ? 'this norm has no other anchor than its start event' : `must be null or one of ${anchors.join(', ')}`);
  }
  const known = shipped.exclusions.map(exclusionName);
  if (!Array.isArray(settings.exclusions) || settings.exclusions.some((name) => !known.includes(name))) {
    problem('exclusions', known.length === 0 ? 'this norm has no exclusions' : `must be a subset of ${known.join(', ')}`);
  }
  const target = settings.target;
  if (target !== null) {
    if (shipped.kind === 'count' ? target.percentage !== undefined : target.minimumCount !== undefined) {
      problem('target', shipped.kind === 'count' ? 'a count norm has a minimumCount target, not a percentage' : 'a deadline norm has a percentage target, not a minimumCount');
    }
    if (target.percentage !== undefined && !(typeof target.percentage === 'number' && target.percentage >= 0 && target.percentage <= 100)) {
      problem('target', 'the percentage lies between 0 and 100');
    }
    if (target.minimumCount !== undefined && !(Number.isInteger(target.minimumCount) && target.minimumCount >= 0)) {
      problem('target', 'the minimumCount is a whole number of 0 or more');
    }
    if (target.year !== undefined && !(Number.isInteger(target.year) && target.year >= 2000 && target.year <= 2100)) {
      problem('target', 'the year lies between 2000 and 2100');
    }
  }
  if (problems.length === 0) {
    try {
      const applied = applySettings(shipped, settings);
      if (applied !== null) checkNormDefinition(applied);
    } catch (error) {
      // checkNormDefinition names the first thing wrong; of what a change sets, only duration and calendar can be.
      problem('duration', (error as Error).message.replace(/^Norm [^:]+: /, ''));
    }
  }
  return problems;
}

/** The definition `shipped` becomes under `settings`; null when the norm is switched off. */
export function applySettings(shipped: NormDefinition, settings: NormSettings): NormDefinition | null {
  if (!settings.enabled) return null;
  const norm: NormDefinition = structuredClone(shipped);
  if (settings.duration === null) delete norm.duration;
  else norm.duration = settings.duration;
  norm.calendar = settings.calendar;
  if (settings.anchor === null) delete norm.start.dateField;
  else norm.start.dateField = settings.anchor;
  norm.exclusions = shipped.exclusions.filter((selector) => settings.exclusions.includes(exclusionName(selector)));
  if (settings.target === null) delete norm.target;
  else norm.target = { ...settings.target };
  return norm;
}

/**
 * The norms of one municipality with every change recorded for it: the shipped definitions (`normsFor`, with the
 * municipality's shipped overrides) and, per norm, the versions the changes make. Pure: the changes are given.
 */
export class MunicipalityNorms {
  private readonly shipped: NormDefinition[];
  private readonly versionsById = new Map<string, NormVersion[]>();

  constructor(
    readonly municipality: string,
    /** In the order they were made (version). */
    readonly changes: readonly NormSettingsChange[] = [],
    /** Every shipped norm, the disabled ones included: a change may switch one on. */
    shipped: readonly NormDefinition[] = normsFor(municipality, undefined, { includeDisabled: true }),
  ) {
    this.shipped = [...shipped];
    for (const norm of this.shipped) this.versionsById.set(norm.id, versionsOf(norm, changes.filter((change) => change.normId === norm.id)));
  }

  /** Ids of every norm that ships (used or not): what an administrator may change. */
  shippedNorms(): readonly NormDefinition[] {
    return this.shipped;
  }

  /** Every version of a norm, in order of effective date; empty for an unknown id. */
  versions(normId: string): NormVersion[] {
    return this.versionsById.get(normId) ?? [];
  }

  /** The norm as it stands on a date (null when not in use then or unknown). */
  normOn(normId: string, date: BusinessDate): NormDefinition | null {
    return versionOn(this.versions(normId), date)?.norm ?? null;
  }

  /** The norms in use on a date, in the shipped order. */
  normsOn(date: BusinessDate): NormDefinition[] {
    return this.shipped.flatMap((norm) => {
      const current = this.normOn(norm.id, date);
      return current === null ? [] : [current];
    });
  }

  /** Whether the norm is in use in any version: only those have items. */
  hasItems(normId: string): boolean {
    return this.versions(normId).some((version) => version.norm !== null);
  }

  /** The same municipality with only the changes recorded on or before an instant. */
  knownAt(instant: Date): MunicipalityNorms {
    return new MunicipalityNorms(this.municipality, this.changes.filter((change) => new Date(change.recordedAt) <= instant), this.shipped);
  }

  /** The items of one norm in one household (or trajectory), each judged by the version in force on its start date. */
  items(normId: string, facts: Parameters<typeof normItems>[1]): NormItem[] {
    return versionedNormItems(this.versions(normId), facts);
  }

  /** Whether a fact of this type can change the items of the norm, in any of its versions. */
  reads(normId: string, eventType: string): boolean {
    return this.versions(normId).some((version) => version.norm !== null && normReads(version.norm, eventType));
  }

  /** Identifies the changes taken into account: equal for two instances that give the same items. */
  get fingerprint(): string {
    return `${this.municipality}:${this.changes.length}:${this.changes.at(-1)?.version ?? 0}`;
  }
}

/**
 * The versions a norm's changes make, by effective date. Of two changes with the same effective date the later
 * recorded one stands (it corrects the first).
 */
function versionsOf(shipped: NormDefinition, changes: readonly NormSettingsChange[]): NormVersion[] {
  const byDate = new Map<BusinessDate, NormSettingsChange>();
  for (const change of changes) byDate.set(change.effectiveFrom, change);
  const initial: NormVersion = { effectiveFrom: null, norm: shipped.enabled === false ? null : withoutEnabled(shipped) };
  const later = [...byDate.values()]
    .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1))
    .map((change): NormVersion => {
      const norm = applySettings(withoutEnabled(shipped), change.settings);
      return { effectiveFrom: change.effectiveFrom, norm: norm === null ? null : { ...norm, source: `${norm.source} — ${change.municipality} setting from ${change.effectiveFrom}: ${change.reason}` }, change };
    });
  return [initial, ...later];
}

function withoutEnabled(norm: NormDefinition): NormDefinition {
  const { enabled: _enabled, ...rest } = norm;
  return rest;
}

/** The version in force on a date: the last that took effect on or before it. */
export function versionOn(versions: readonly NormVersion[], date: BusinessDate): NormVersion | undefined {
  return versions.filter((version) => version.effectiveFrom === null || version.effectiveFrom <= date).at(-1);
}

/**
 * The items of a norm with versions: each version's items that start while it is in force, i.e. on or after its
 * effective date and before the next version's. A version that is off has none. Since the version can move a start
 * date (its anchor), an item is judged by the version in force on the start date that version gives it; should two
 * versions both claim one subject (an anchor change that moves its start across the effective date), the later
 * version's item stands.
 */
export function versionedNormItems(versions: readonly NormVersion[], facts: Parameters<typeof normItems>[1]): NormItem[] {
  const items = new Map<string, NormItem>();
  versions.forEach((version, index) => {
    if (version.norm === null) return;
    const until = versions[index + 1]?.effectiveFrom ?? undefined;
    for (const item of normItems(version.norm, facts)) {
      if (version.effectiveFrom !== null && item.startDate < version.effectiveFrom) continue;
      if (until !== undefined && item.startDate >= until) continue;
      items.set(item.itemKey, item);
    }
  });
  return [...items.values()];
}
