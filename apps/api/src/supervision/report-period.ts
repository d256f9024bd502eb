import { BusinessDate } from '@casusregie/domain';
import { invalidParam } from '@casusregie/http';

/**
 * The period and as-of date of a report (compliance, waiting times, figures): asOf defaults to today, from and to to
 * the calendar year of asOf; `to` before `from` is a 400.
 */
export function reportPeriod(query: { from?: BusinessDate; to?: BusinessDate; asOf?: BusinessDate }, today: BusinessDate) {
  const asOf = query.asOf ?? today;
  const year = asOf.slice(0, 4);
  const from = query.from ?? `${year}-01-01`;
  const to = query.to ?? `${year}-12-31`;
  if (from > to) throw invalidParam('to', 'must not be before from');
  return { from, to, asOf };
}
