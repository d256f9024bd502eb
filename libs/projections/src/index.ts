export * from './projection';
export * from './projection-runner';
export * from './household-directory/household-directory.projection';
