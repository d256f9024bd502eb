export * from './calendar/business-date';
export * from './identity/bsn';
export * from './household';
