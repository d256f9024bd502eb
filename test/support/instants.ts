/**
 * An instant for `knownAt` that whatever a test records next is sure to be recorded after: now, once the clock has
 * moved past it (recording times and `knownAt` compare in milliseconds). Waits for that condition, not for a time.
 */
export async function instantBeforeWhatFollows(): Promise<Date> {
  const instant = new Date();
  while (Date.now() <= instant.getTime()) await new Promise((resolve) => setImmediate(resolve));
  return instant;
}
