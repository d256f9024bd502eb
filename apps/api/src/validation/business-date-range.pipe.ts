import { ArgumentMetadata, PipeTransform, ValidationError } from '@nestjs/common';
import { DateRange, describeDateRange, isWithinDateRange } from '@casusregie/domain';
import { invalidRequest } from '@casusregie/http';
import { businessDateProperties, DATE_IN_RANGE } from './fields';

/**
 * Checks every {@link BusinessDateField} of a request against the deployment's business dates: from its first business
 * date (BUSINESS_DATES_FROM) to the end of the supported dates. A field decorator cannot do this, as it is written
 * before the configuration is read; so this pipe, built with the configured range, runs right after the validation
 * pipe, on the request it validated and transformed. A date outside is the same 400 as any other invalid field, with
 * `invalidParams` named by the field's path (`registeredOn`, `correctedDate`), and the command is never run.
 */
export class BusinessDateRangePipe implements PipeTransform {
  constructor(private readonly businessDates: DateRange) {}

  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'body' && metadata.type !== 'query') return value;
    const errors = this.outOfRange(value);
    if (errors.length > 0) throw invalidRequest(errors);
    return value;
  }

  /** The business dates outside the range, as class-validator reports errors, so they are named the same way. */
  private outOfRange(request: unknown): ValidationError[] {
    if (!isRequestObject(request)) return [];
    const businessDates = new Set(businessDateProperties(request));
    const errors: ValidationError[] = [];
    for (const [property, value] of Object.entries(request)) {
      if (businessDates.has(property)) {
        // Absent optional dates are the handler's to fill in (with today); the validation pipe already checked the form.
        if (value !== undefined && !isWithinDateRange(value, this.businessDates)) {
          errors.push(validationError(property, { [DATE_IN_RANGE]: `must be ${describeDateRange(this.businessDates)}` }));
        }
      } else if (Array.isArray(value)) {
        const children = value.flatMap((item, index) => nested(String(index), this.outOfRange(item)));
        errors.push(...nested(property, children));
      } else {
        errors.push(...nested(property, this.outOfRange(value)));
      }
    }
    return errors;
  }
}

/** A request class instance, as the validation pipe makes them: plain objects (no request class) have no marked dates. */
function isRequestObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) !== Object.prototype;
}

function nested(property: string, children: ValidationError[]): ValidationError[] {
  return children.length === 0 ? [] : [validationError(property, undefined, children)];
}

function validationError(property: string, constraints?: Record<string, string>, children: ValidationError[] = []): ValidationError {
  return { property, constraints, children };
}
