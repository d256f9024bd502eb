import type { HouseholdCommand } from '@casusregie/domain';
import { isProcessingActivityId, PERSONAL_DATA_CATEGORIES, PROCESSING_ACTIVITIES, ProcessingActivityId } from './processing-activities';

// Checked by the compiler when the tests are type-checked (npx tsc): every household command is an activity of the
// register, and a name outside the register is no activity id.
type CommandsWithoutEntry = Exclude<`household.${HouseholdCommand['type']}`, ProcessingActivityId>;
const everyCommandRegistered: [CommandsWithoutEntry] extends [never] ? true : false = true;
// @ts-expect-error an activity that is not in the register does not compile
const unregistered: ProcessingActivityId = 'household.peek';

describe('the register of processing activities', () => {
  it('gives every activity a purpose, a lawful ground of AVG art. 6(1) and known data categories', () => {
    expect(everyCommandRegistered).toBe(true);
    expect(isProcessingActivityId(unregistered)).toBe(false);
    for (const [id, activity] of Object.entries(PROCESSING_ACTIVITIES)) {
      expect([id, activity.purpose.length > 20, activity.legalBasis.avg.some((ground) => ground.startsWith('AVG art. 6(1)'))]).toEqual([id, true, true]);
      expect(activity.dataCategories.every((category) => Object.hasOwn(PERSONAL_DATA_CATEGORIES, category))).toBe(true);
    }
  });
});
