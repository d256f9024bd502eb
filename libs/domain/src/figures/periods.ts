import { LocalDate } from '@js-joda/core';
import { BusinessDate } from '../calendar/business-date';

/** A calendar period that figures and compliance reports group by. */
export type Period = 'month' | 'quarter' | 'year';

/** The key of the period a date falls in: "2026-04", "2026-Q2" or "2026". */
export function periodKey(date: BusinessDate, period: Period): string {
  switch (period) {
    case 'month':
      return date.slice(0, 7);
    case 'quarter':
      return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
    case 'year':
      return date.slice(0, 4);
  }
}

/** One period of a span of dates: its key and its first and last day, cut off at the span's ends. */
export interface PeriodSpan {
  key: string;
  from: BusinessDate;
  to: BusinessDate;
}

/** The periods that [from, to] touches, in order, each cut off at from and to. Empty when from is after to. */
export function periodsWithin(from: BusinessDate, to: BusinessDate, period: Period): PeriodSpan[] {
  const spans: PeriodSpan[] = [];
  const months = period === 'month' ? 1 : period === 'quarter' ? 3 : 12;
  let start = LocalDate.parse(from).withDayOfMonth(1);
  start = start.withMonth(Math.floor((start.monthValue() - 1) / months) * months + 1);
  while (start.toString() <= to) {
    const next = start.plusMonths(months);
    const last = next.minusDays(1).toString();
    spans.push({ key: periodKey(start.toString(), period), from: start.toString() < from ? from : start.toString(), to: last > to ? to : last });
    start = next;
  }
  return spans;
}
