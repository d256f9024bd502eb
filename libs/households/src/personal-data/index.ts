export * from './keyring';
export * from './personal-data-fields';
export * from './personal-data-vault';
export { isSealed } from './sealed-value';
