export * from './projection';
export * from './insert-rows';
export * from './projection-runner';
export * from './parking/parked-events';
export { ATTEMPTS_BEFORE_PARKING } from './parking/apply-or-park';
export * from './household-directory/household-directory.projection';
export * from './household-read-models/household-read-models.projection';
export * from './household-read-models/household-rows';
