export * from './provider-registry';
