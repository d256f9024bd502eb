/**
 * Matches the durations jsonwebtoken understands that the token CLI accepts: a number with an optional unit. A file
 * of its own, without jsonwebtoken, so that the token CLI checks its flags before it loads anything heavy.
 */
export const EXPIRES_IN_PATTERN = /^\d+(s|m|h|d)?$/;
