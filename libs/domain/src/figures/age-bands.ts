import { ChronoUnit, LocalDate } from '@js-joda/core';
import { BusinessDate, isBusinessDate } from '../calendar/business-date';

/**
 * Age bands for the figures: a member's age on the day of the melding, never the birth date itself. Each band
 * starts where a law or a target group of the seeds starts, so a band stands for a regime, not a round number:
 *
 * - 0–17: the Jeugdwet (jeugdhulp ends at 18; the 18-/18+ transition of domain-research K30).
 * - 18–26: young adults up to the 27th birthday: Zevenaar's school-leaver target group "vanaf 1-1-2026 tot 27 jaar"
 *   (000:112) and EHZ's pilotteam 16-27 (002:349–351); the verlengde jeugdhulp [EXT] ends by 23.
 * - 27–66: adults under the Wmo 2015 and the Participatiewet.
 * - 67+: the AOW age (67 in 2024–2027 [EXT: Algemene Ouderdomswet, it rises later]; Nieuwegein's older inwoners,
 *   004:1043). One band for everyone from 67: a finer split of the oldest would single out a handful of people.
 */
export const AGE_BANDS = [
  { band: '0-17', from: 0, reason: 'Jeugdwet: jeugdhulp tot 18 jaar' },
  { band: '18-26', from: 18, reason: 'Jongvolwassenen tot 27 jaar (Zevenaar 000:112; EHZ pilotteam 16-27, 002:349)' },
  { band: '27-66', from: 27, reason: 'Volwassenen: Wmo 2015 en Participatiewet' },
  { band: '67+', from: 67, reason: 'AOW-leeftijd (67 in 2024-2027)' },
] as const;

export type AgeBand = (typeof AGE_BANDS)[number]['band'];

/** What a figure shows for an attribute that is not known (no birth date, no postcode, no level yet, …). */
export const UNKNOWN = 'onbekend';

/**
 * The age band of someone born on `birthDate`, on the business date `on`; `onbekend` when the birth date is not a
 * date (erased data reads "[erased]") or lies after `on`. Whole years as the calendar counts them: someone born on
 * 29 February turns a year older on 1 March in a year without one.
 */
export function ageBandOn(birthDate: string | undefined, on: BusinessDate): AgeBand | typeof UNKNOWN {
  if (!isBusinessDate(birthDate) || !isBusinessDate(on) || birthDate > on) return UNKNOWN;
  const age = LocalDate.parse(birthDate).until(LocalDate.parse(on), ChronoUnit.YEARS);
  let band: AgeBand = AGE_BANDS[0].band;
  for (const candidate of AGE_BANDS) if (age >= candidate.from) band = candidate.band;
  return band;
}
