import { CASELOAD_SCOPES, CaseloadScope } from '@casusregie/projections';
import { EnumField, ReportDateField, WholeNumberQueryField } from '../validation/fields';
import { PageQuery } from '../validation/page-query';

const SCOPE_DESCRIPTION = 'Only the households you are the casusregisseur of (`coordinated`), or only those of your team (`team`); both when absent.';

export class MyCaseloadQuery extends PageQuery {
  @EnumField(CASELOAD_SCOPES, { optional: true, description: SCOPE_DESCRIPTION })
  scope?: CaseloadScope;
}

export class MyWorklistQuery extends PageQuery {
  @EnumField(CASELOAD_SCOPES, { optional: true, description: SCOPE_DESCRIPTION })
  scope?: CaseloadScope;

  @ReportDateField({ optional: true, description: 'Judge as of this business date. Default today.' })
  asOf?: string;

  @WholeNumberQueryField(0, 365, { optional: true, description: 'Items due within this many days (on their norm’s calendar); overdue ones always listed. Default 7.' })
  dueWithinDays?: number;
}
