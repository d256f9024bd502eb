/**
 * Tells the projections that new events were appended. Fire and forget: a command never waits for, or fails
 * because of, its projections; a periodic sweep catches up whatever a lost notification missed.
 */
export interface ProjectionTrigger {
  notify(): void;
}
