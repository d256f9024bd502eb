import { LocalDate } from '@js-joda/core';

/** Business dates of one story, moving forward: each step some days after the one before. */
export class Timeline {
  private day: LocalDate;

  constructor(start: string | LocalDate) {
    this.day = typeof start === 'string' ? LocalDate.parse(start) : start;
  }

  get date(): string {
    return this.day.toString();
  }

  /** Moves `days` forward and returns the new date. */
  after(days: number): string {
    this.day = this.day.plusDays(days);
    return this.date;
  }

  /** Moves to `date` unless the timeline is already past it, and returns the (possibly unchanged) date. */
  atLeast(date: string): string {
    const target = LocalDate.parse(date);
    if (target.isAfter(this.day)) this.day = target;
    return this.date;
  }
}

/** `date` plus `days` (negative for earlier), as a business date. */
export function plusDays(date: string, days: number): string {
  return LocalDate.parse(date).plusDays(days).toString();
}
