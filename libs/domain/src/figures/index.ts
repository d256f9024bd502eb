export * from './age-bands';
export * from './figure-definition';
export * from './figure-items';
export * from './figure-table';
export * from './periods';
export * from './shipped-figures';
export * from './small-cell-suppression';
export * from './wijk-indeling';
