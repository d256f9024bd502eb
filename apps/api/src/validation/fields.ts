import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { isBusinessDate, isValidBsn } from '@casusregie/domain';

/**
 * Field decorators that validate a request property and document it in OpenAPI in one line, so that what is
 * checked and what is published cannot drift apart. Every field is required unless `optional` is set.
 */
interface FieldOptions {
  description?: string;
  optional?: boolean;
  example?: unknown;
}

function documented(type: Record<string, unknown>, options: FieldOptions) {
  const doc = { ...type, description: options.description, example: options.example };
  return options.optional ? ApiPropertyOptional(doc) : ApiProperty({ ...doc, required: true });
}

function optionality(options: FieldOptions) {
  return options.optional ? [IsOptional()] : [];
}

/**
 * A business date `YYYY-MM-DD` (a real calendar date, local to the Netherlands). Whether it may lie in the future is
 * for the domain rules (and the injected clock) to judge.
 */
export function DateField(options: FieldOptions = {}) {
  return applyDecorators(
    documented({ type: String, format: 'date', example: options.example ?? '2026-04-24' }, options),
    ...optionality(options),
    ValidateBy({
      name: 'isBusinessDate',
      validator: {
        validate: (value) => isBusinessDate(value),
        defaultMessage: () => 'must be a calendar date written as YYYY-MM-DD',
      },
    }),
  );
}

/** Text a person typed: trimmed length 1..max, without control characters that the stores cannot keep. */
export function TextField(maxLength: number, options: FieldOptions = {}) {
  return applyDecorators(
    documented({ type: String, minLength: 1, maxLength }, options),
    ...optionality(options),
    IsString(),
    MinLength(1),
    MaxLength(maxLength),
    // Control characters (other than tab and line breaks) have no place in typed text, and PostgreSQL cannot store NUL.
    // eslint-disable-next-line no-control-regex
    Matches(/^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/, { message: 'must not contain control characters' }),
    Matches(/\S/, { message: 'must not be blank' }),
  );
}

export function EnumField(values: readonly string[], options: FieldOptions = {}) {
  return applyDecorators(
    documented({ type: String, enum: [...values] }, options),
    ...optionality(options),
    IsIn([...values], { message: `must be one of: ${values.join(', ')}` }),
  );
}

export function EnumListField(values: readonly string[], options: FieldOptions & { minItems?: number } = {}) {
  return applyDecorators(
    documented({ type: String, enum: [...values], isArray: true, minItems: options.minItems ?? 1 }, options),
    ...optionality(options),
    IsArray(),
    ArrayMinSize(options.minItems ?? 1),
    ArrayMaxSize(values.length),
    ArrayUnique(),
    IsIn([...values], { each: true, message: `each must be one of: ${values.join(', ')}` }),
  );
}

export function UuidField(options: FieldOptions = {}) {
  return applyDecorators(documented({ type: String, format: 'uuid' }, options), ...optionality(options), IsUUID('all'));
}

export function UuidListField(options: FieldOptions & { minItems?: number; maxItems?: number } = {}) {
  return applyDecorators(
    documented({ type: String, format: 'uuid', isArray: true }, options),
    ...optionality(options),
    IsArray(),
    ArrayMinSize(options.minItems ?? 0),
    ArrayMaxSize(options.maxItems ?? 10),
    ArrayUnique(),
    IsUUID('all', { each: true }),
  );
}

export function IntegerField(min: number, max: number, options: FieldOptions = {}) {
  return applyDecorators(
    documented({ type: Integer, minimum: min, maximum: max }, options),
    ...optionality(options),
    IsInt(),
    Min(min),
    Max(max),
  );
}
// OpenAPI wants "integer", not "number", for whole numbers.
const Integer = 'integer';

export function BooleanField(options: FieldOptions = {}) {
  return applyDecorators(documented({ type: Boolean }, options), ...optionality(options), IsBoolean());
}

/** A burgerservicenummer: 9 digits (leading zeros kept) passing the elfproef. Never echoed in an error. */
export function BsnField(options: FieldOptions = {}) {
  return applyDecorators(
    documented({ type: String, pattern: '^[0-9]{9}$', example: '999993653' }, options),
    ...optionality(options),
    ValidateBy({
      name: 'isBsn',
      validator: {
        validate: (value) => isValidBsn(value),
        defaultMessage: () => 'must be a burgerservicenummer: 9 digits passing the elfproef',
      },
    }),
  );
}

export function PatternField(pattern: RegExp, message: string, options: FieldOptions = {}) {
  return applyDecorators(
    documented({ type: String, pattern: pattern.source }, options),
    ...optionality(options),
    IsString(),
    Matches(pattern, { message }),
  );
}

/** A nested object (or list of them) validated with its own class. */
export function NestedField(type: () => new () => object, options: FieldOptions & { list?: { min: number; max: number } } = {}) {
  const list = options.list;
  return applyDecorators(
    documented({ type, isArray: list !== undefined, minItems: list?.min, maxItems: list?.max }, options),
    ...optionality(options),
    ...(list ? [IsArray(), ArrayMinSize(list.min), ArrayMaxSize(list.max)] : []),
    ValidateNested({ each: list !== undefined }),
    Type(type),
  );
}
