export * from './keyring';
export * from './personal-data-fields';
export * from './personal-data-vault';
export { isSealed, subjectOf } from './sealed-value';
