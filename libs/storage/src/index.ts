export * from './open-storage';
export * from './check-read-models-match-event-store';
