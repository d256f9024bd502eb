/** CBS codes of the municipalities the scenarios of domain-research §6 play in. */
export const ZEVENAAR = 'GM0299';
export const NIEUWEGEIN = 'GM0356';
export const HARDERWIJK = 'GM0243';
export const GRONINGEN = 'GM0014';

/** Pinned "today" of the scenarios, so that every scenario date (up to the end of 2028) is in the past. */
export const SCENARIO_TODAY = '2028-12-31';
