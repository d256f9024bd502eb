import type { LifeDomain, MemberRole, RestrictionReason } from '@casusregie/domain';
import { LIFE_DOMAINS, MEMBER_ROLES, RESTRICTION_REASONS } from '@casusregie/domain';
import { ArrayUnique, IsArray, ArrayMinSize, ArrayMaxSize, IsString, Matches } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import {
  BirthDateField,
  BsnField,
  BusinessDateField,
  EnumField,
  NestedField,
  PatternField,
  TextField,
  UuidField,
  UuidListField,
} from '../../validation/fields';

const MUNICIPALITY = /^GM\d{4}$/;
const POSTCODE = /^[1-9]\d{3} ?[A-Z]{2}$/;

export class ResidenceRequest {
  @PatternField(/^[A-Za-z0-9-]{1,20}$/, 20, 'must be 1 to 20 letters, digits or hyphens', {
    description: 'Short name of this residence, unique in the request; members refer to it (e.g. "A", "vader").',
    example: 'A',
  })
  key: string;

  @PatternField(POSTCODE, 7, 'must be a Dutch postcode such as 6901 AB', { optional: true, example: '6901 AB' })
  postcode?: string;

  @PatternField(/^\d{1,5}[A-Za-z0-9 -]{0,10}$/, 15, 'must be a house number with an optional addition', { optional: true, example: '12a' })
  houseNumber?: string;
}

class PersonFields {
  @TextField(100, { example: 'Rania' })
  givenName: string;

  @TextField(100, { example: 'Haddad' })
  familyName: string;

  @BirthDateField({ example: '1999-08-19' })
  birthDate: string;

  @EnumField(MEMBER_ROLES)
  role: MemberRole;

  @BsnField({ optional: true, description: 'Burgerservicenummer, if known. Sent in the body only, never in a URL.' })
  bsn?: string;
}

export class NewHouseholdMemberRequest extends PersonFields {
  // Decorators run bottom-up: the shape of the list is checked before its items.
  @ApiProperty({ type: String, isArray: true, maxLength: 20, minItems: 1, maxItems: 5, example: ['A'], description: 'Keys of the residences this member lives in.' })
  @Matches(/^[A-Za-z0-9-]{1,20}$/, { each: true, message: 'each must be the key of a residence in this request' })
  @IsString({ each: true })
  @ArrayUnique()
  @ArrayMaxSize(5)
  @ArrayMinSize(1)
  @IsArray()
  residenceKeys: string[];
}

export class RegisterHouseholdRequest {
  @PatternField(MUNICIPALITY, 6, 'must be a CBS municipality code such as GM0299', { example: 'GM0299' })
  municipality: string;

  @TextField(64, { example: 'T1', description: 'The sociaal team that holds the case.' })
  team: string;

  @BusinessDateField({ optional: true, description: 'Registration date; today when absent.' })
  registeredOn?: string;

  @NestedField(() => ResidenceRequest, { list: { min: 1, max: 10 } })
  residences: ResidenceRequest[];

  @NestedField(() => NewHouseholdMemberRequest, { list: { min: 1, max: 30 } })
  members: NewHouseholdMemberRequest[];
}

export class AddMemberRequest extends PersonFields {
  @BusinessDateField({ description: 'The date the member joined the household.' })
  date: string;

  @UuidListField({ minItems: 1, maxItems: 5, description: 'Residences (ids from the household) the member lives in.' })
  residenceIds: string[];
}

export class DatedRequest {
  @BusinessDateField()
  date: string;
}

export class CoordinatorRequest {
  @TextField(200, { description: 'User id (the `sub` of their token) of the casusregisseur.', example: 'consultant-42' })
  coordinatorId: string;

  @TextField(200, { example: 'J. de Vries' })
  name: string;

  @BusinessDateField({ optional: true, description: 'Since when; today when absent.' })
  date?: string;
}

export class PlanGoalRequest {
  @UuidField()
  memberId: string;

  @EnumField(LIFE_DOMAINS)
  lifeDomain: LifeDomain;

  @TextField(2000, { example: 'Rustig slapen; later werken als kok' })
  description: string;

  @UuidField({ optional: true, description: "The member's trajectory the goal belongs to; a restricted trajectory keeps its goals to the people involved." })
  trajectoryId?: string;

  @EnumField(RESTRICTION_REASONS, {
    optional: true,
    description: 'For a goal without a trajectory of its own (a GGZ or debt goal): kept to the casusregisseur and those let into a restricted trajectory of the member for this reason. Not together with trajectoryId.',
  })
  restrictionCategory?: RestrictionReason;
}

export class PlanRequest {
  @BusinessDateField({ optional: true, description: 'Date agreed or revised; today when absent.' })
  date?: string;

  @NestedField(() => PlanGoalRequest, { list: { min: 1, max: 100 } })
  goals: PlanGoalRequest[];
}

export class SearchHouseholdsRequest {
  @BsnField({ optional: true })
  bsn?: string;

  @TextField(100, { optional: true, description: 'Family name, matched whole and without regard to case or accents.' })
  familyName?: string;

  @TextField(100, { optional: true })
  givenName?: string;

  @BirthDateField({ optional: true })
  birthDate?: string;
}
