import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
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
import {
  BIRTH_DATES,
  businessDateOf,
  DateRange,
  DEFAULT_BUSINESS_DATES_FROM,
  describeDateRange,
  isBusinessDate,
  isValidBsn,
  isWithinDateRange,
  SUPPORTED_DATES,
} from '@casusregie/domain';
import { parseWholeNumber, wholeNumberReason } from './whole-number';

/**
 * Field decorators that validate a request property and document it in OpenAPI in one line, so that what is
 * checked and what is published cannot drift apart. Every field is required unless `optional` is set.
 */
interface FieldOptions {
  description?: string;
  optional?: boolean;
  /** May be null (meaning "none"); only with optional, since IsOptional is what lets null through. */
  nullable?: boolean;
  example?: unknown;
}

function documented(type: Record<string, unknown>, options: FieldOptions) {
  // The field's own example wins; else the decorator's (a date, the first value of an enum).
  const doc = { ...type, description: options.description, example: options.example ?? type.example, ...(options.nullable ? { nullable: true } : {}) };
  return options.optional ? ApiPropertyOptional(doc) : ApiProperty({ ...doc, required: true });
}

function optionality(options: FieldOptions) {
  return options.optional ? [IsOptional()] : [];
}

/**
 * Dates. Every date field takes `YYYY-MM-DD` (a real calendar date, local to the Netherlands) within one of the ranges
 * of libs/domain/src/calendar/date-range.ts — dates that the domain's deadline arithmetic, the Dutch working-day
 * calendar and PostgreSQL's `date` can all hold — and says which range by its decorator:
 *
 * - {@link BirthDateField}: from 1900-01-01;
 * - {@link BusinessDateField}: the dates of the process itself, from the deployment's first business date;
 * - {@link ReportDateField}: a date a supervisor asks about (`asOf`, `from`, `to`): any supported date.
 *
 * A date outside its range is a 400 with `invalidParams` (code `isDateInRange`) that names the range, never the date.
 * Whether a date may lie in the future is for the domain rules (and the injected clock) to judge.
 */
export const DATE_IN_RANGE = 'isDateInRange';

export function BirthDateField(options: FieldOptions = {}) {
  return dateField(BIRTH_DATES, { example: '1980-01-01', ...options });
}

/**
 * A business date. Its range starts on the first business date configured (BUSINESS_DATES_FROM), which a decorator
 * cannot know: the field is only marked here, and BusinessDateRangePipe (business-date-range.pipe.ts) checks it once
 * the request passed validation.
 */
export function BusinessDateField(options: FieldOptions = {}) {
  return applyDecorators(
    documented(
      { type: String, format: 'date', minLength: 10, maxLength: 10, example: options.example ?? '2026-04-24' },
      {
        ...options,
        description: withRange(
          options.description,
          `From the first business date this deployment records (${DEFAULT_BUSINESS_DATES_FROM} unless configured) to ${SUPPORTED_DATES.to}.`,
        ),
      },
    ),
    ...optionality(options),
    isCalendarDate(),
    markBusinessDate,
  );
}

/** A date a report is about; no fact lies outside the supported dates, so asking outside them is a mistake. */
export function ReportDateField(options: FieldOptions = {}) {
  return dateField(SUPPORTED_DATES, options);
}

/**
 * An instant, ISO 8601 (`2026-06-01T08:00:00Z`), whose Dutch date is a supported date: a date-time PostgreSQL cannot
 * hold (year 0) or that does not parse to an instant (`2026-W01`) would otherwise reach the query and answer 500.
 */
export function InstantField(options: FieldOptions = {}) {
  return applyDecorators(
    documented({ type: String, format: 'date-time', maxLength: INSTANT_MAX_LENGTH, example: options.example ?? '2026-06-01T08:00:00Z' }, options),
    ...optionality(options),
    MaxLength(INSTANT_MAX_LENGTH),
    IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date-time such as 2026-06-01T08:00:00Z' }),
    ValidateBy({
      name: DATE_IN_RANGE,
      validator: {
        validate: (value) => {
          const instant = new Date(value as string);
          return Number.isFinite(instant.getTime()) && isWithinDateRange(businessDateOf(instant), SUPPORTED_DATES);
        },
        defaultMessage: () => `must be an instant on ${describeDateRange(SUPPORTED_DATES)}`,
      },
    }),
  );
}

/** `2026-06-01T08:00:00.123456789+01:00` is 35 characters; nothing longer is an instant worth parsing. */
const INSTANT_MAX_LENGTH = 40;

/** The properties of a request marked with {@link BusinessDateField} (a subclass inherits its parent's). */
export function businessDateProperties(request: object): string[] {
  const properties: string[] = [];
  for (let prototype = Object.getPrototypeOf(request); prototype !== null && prototype !== Object.prototype; prototype = Object.getPrototypeOf(prototype)) {
    properties.push(...(businessDatesByClass.get(prototype) ?? []));
  }
  return properties;
}

const businessDatesByClass = new WeakMap<object, string[]>();

function markBusinessDate(prototype: object, property: string | symbol): void {
  businessDatesByClass.set(prototype, [...(businessDatesByClass.get(prototype) ?? []), String(property)]);
}

function dateField(range: DateRange, options: FieldOptions) {
  return applyDecorators(
    documented(
      { type: String, format: 'date', minLength: 10, maxLength: 10, example: options.example ?? '2026-04-24' },
      { ...options, description: withRange(options.description, `From ${range.from} to ${range.to}.`) },
    ),
    ...optionality(options),
    isCalendarDate(),
    ValidateBy({
      name: DATE_IN_RANGE,
      validator: { validate: (value) => isWithinDateRange(value, range), defaultMessage: () => `must be ${describeDateRange(range)}` },
    }),
  );
}

function isCalendarDate() {
  return ValidateBy({
    name: 'isBusinessDate',
    validator: {
      validate: (value) => isBusinessDate(value),
      defaultMessage: () => 'must be a calendar date written as YYYY-MM-DD',
    },
  });
}

function withRange(description: string | undefined, range: string): string {
  return description === undefined ? range : `${description} ${range}`;
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
    documented({ type: String, enum: [...values], example: values[0] }, options),
    ...optionality(options),
    IsIn([...values], { message: `must be one of: ${values.join(', ')}` }),
  );
}

export function EnumListField(values: readonly string[], options: FieldOptions & { minItems?: number } = {}) {
  return applyDecorators(
    documented({ type: String, enum: [...values], isArray: true, minItems: options.minItems ?? 1, maxItems: values.length, example: values.slice(0, 1) }, options),
    ...optionality(options),
    IsArray(),
    ArrayMinSize(options.minItems ?? 1),
    ArrayMaxSize(values.length),
    ArrayUnique(),
    IsIn([...values], { each: true, message: `each must be one of: ${values.join(', ')}` }),
  );
}

export function UuidField(options: FieldOptions = {}) {
  return applyDecorators(documented({ type: String, format: 'uuid', maxLength: 36 }, options), ...optionality(options), IsUUID('all'));
}

export function UuidListField(options: FieldOptions & { minItems?: number; maxItems?: number } = {}) {
  return applyDecorators(
    documented({ type: String, format: 'uuid', maxLength: 36, isArray: true, maxItems: options.maxItems ?? 10 }, options),
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

/** A whole number in a query (`?limit=50`), by the rule of whole-number.ts: digits only, from min to max. */
export function WholeNumberQueryField(min: number, max: number, options: FieldOptions = {}) {
  return applyDecorators(
    documented({ type: Integer, minimum: min, maximum: max }, options),
    ...optionality(options),
    // A query value is a string; what is not a whole number in range stays one, and fails below.
    Transform(({ value }: { value: unknown }) => parseWholeNumber(value, min, max) ?? value),
    ValidateBy({
      name: 'isWholeNumber',
      validator: { validate: (value) => typeof value === 'number', defaultMessage: () => wholeNumberReason(min, max) },
    }),
  );
}

export function BooleanField(options: FieldOptions = {}) {
  return applyDecorators(documented({ type: Boolean }, options), ...optionality(options), IsBoolean());
}

/** A burgerservicenummer: 9 digits (leading zeros kept) passing the elfproef. Never echoed in an error. */
export function BsnField(options: FieldOptions = {}) {
  return applyDecorators(
    documented({ type: String, pattern: '^[0-9]{9}$', minLength: 9, maxLength: 9, example: '999993653' }, options),
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

/** Text of a fixed shape (a code, a cursor), at most `maxLength` characters, which the pattern must not allow more of. */
export function PatternField(pattern: RegExp, maxLength: number, message: string, options: FieldOptions = {}) {
  return applyDecorators(
    documented({ type: String, pattern: pattern.source, maxLength }, options),
    ...optionality(options),
    IsString(),
    MaxLength(maxLength, { message }),
    Matches(pattern, { message }),
  );
}

/** A nested object (or list of them) validated with its own class. */
export function NestedField(nestedType: () => new () => object, options: FieldOptions & { list?: { min: number; max: number } } = {}) {
  const list = options.list;
  return applyDecorators(
    // @nestjs/swagger recognises a lazy type by its function's name, `type`; an anonymous one became `$ref: ''`.
    documented({ type: () => nestedType(), isArray: list !== undefined, minItems: list?.min, maxItems: list?.max }, options),
    ...optionality(options),
    ...(list ? [IsArray(), ArrayMinSize(list.min), ArrayMaxSize(list.max)] : []),
    // ValidateNested alone passes what is absent, and descends into an array where an object belongs (`[[]]`).
    IsObject({ each: list !== undefined, message: list ? 'each item must be an object' : 'must be an object' }),
    ValidateNested({ each: list !== undefined }),
    Type(nestedType),
  );
}
