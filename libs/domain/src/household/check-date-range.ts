import { BusinessDate } from '../calendar/business-date';
import { BIRTH_DATES, DateRange, describeDateRange, isWithinDateRange } from '../calendar/date-range';
import { DomainError } from './domain-error';
import { HouseholdEvent } from './household-events';

/**
 * Every date a new event carries must lie in the ranges of calendar/date-range.ts: birth dates from 1900, business
 * dates from the deployment's first business date. The API refuses such dates at the door already (400); this is the
 * same rule for whatever reaches `decide` another way (seeds, scripts), so that no event the read models cannot hold
 * is ever appended.
 *
 * It is checked on new events only, not when a correction replays the history: facts recorded under an earlier
 * first business date stay valid when a deployment moves it later.
 */
export function checkDateRanges(event: HouseholdEvent, businessDates: DateRange): void {
  const businessDate = (field: string, date: BusinessDate | undefined) => {
    if (date !== undefined && !isWithinDateRange(date, businessDates)) {
      throw new DomainError('date-out-of-range', `${event.type}: ${field} ${date} is not ${describeDateRange(businessDates)}`);
    }
  };
  // A birth date is personal data: the message names the member, never the date.
  const birthDate = (member: { memberId: string; birthDate: BusinessDate }) => {
    if (!isWithinDateRange(member.birthDate, BIRTH_DATES)) {
      throw new DomainError('date-out-of-range', `${event.type}: the birth date of member ${member.memberId} is not ${describeDateRange(BIRTH_DATES)}`);
    }
  };

  businessDate('occurredOn', event.occurredOn);
  switch (event.type) {
    case 'HouseholdRegistered':
      event.data.members.forEach(birthDate);
      return;
    case 'MemberAdded':
      birthDate(event.data.member);
      return;
    case 'ExploratoryConversationRequested':
      businessDate('ggzWaitlistSince', event.data.ggzWaitlistSince);
      return;
    case 'LearningRouteStarted':
      businessDate('languageStartDate', event.data.languageStartDate);
      businessDate('participationStartDate', event.data.participationStartDate);
      return;
    case 'ClockSuspended':
      businessDate('from', event.data.from);
      businessDate('to', event.data.to);
      return;
    case 'EventCorrected':
      businessDate('the corrected occurredOn', event.data.occurredOn);
      return;
    default:
      return;
  }
}
