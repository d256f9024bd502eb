import { ValidationError } from '@nestjs/common';
import { InvalidParam } from './problem-details';

/**
 * Flattens class-validator's error tree into one `invalidParams` entry per failed rule, named by the property's
 * path: `household.members[0].birthDate`.
 */
export function toInvalidParams(errors: readonly ValidationError[], parentPath = ''): InvalidParam[] {
  return errors.flatMap((error) => {
    const name = joinPath(parentPath, error.property);
    const own = Object.entries(error.constraints ?? {}).map(([code, reason]) => ({ name, code, reason }));
    return [...own, ...toInvalidParams(error.children ?? [], name)];
  });
}

/** The name of a property below `parentPath`, as invalidParams names it: `members[0].bsn`. */
export function joinPath(parentPath: string, property: string): string {
  if (parentPath === '') return property;
  // class-validator names array elements by their index.
  return /^\d+$/.test(property) ? `${parentPath}[${property}]` : `${parentPath}.${property}`;
}
