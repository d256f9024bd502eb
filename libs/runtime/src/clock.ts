import { Inject } from '@nestjs/common';
import { BusinessDate, todayInNetherlands } from '@casusregie/domain';

/**
 * Today's date as the rules see it ("not in the future", default dates). Injected rather than read from the system
 * so that tests can pin it: a scenario dated in 2026 must pass the same way in 2030.
 */
export interface Clock {
  today(): BusinessDate;
}

export const systemClock: Clock = { today: () => todayInNetherlands() };

/** A clock that always says `date`. */
export function fixedClock(date: BusinessDate): Clock {
  return { today: () => date };
}

export const CLOCK = Symbol('CLOCK');
export const InjectClock = (): ParameterDecorator => Inject(CLOCK);
