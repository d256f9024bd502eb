import { ApiProperty } from '@nestjs/swagger';
import { CARE_END_REASON_CODES, REFERRAL_CATEGORIES } from '@casusregie/domain';

/** Response bodies of the provider portal, for the OpenAPI document (and the typed clients generated from it). */

export const REFERRAL_STATUSES = ['made', 'accepted', 'declined', 'withdrawn', 'in-care', 'care-ended'] as const;

class ProviderReferralDates {
  @ApiProperty({ format: 'date', example: '2026-11-02' }) madeOn: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2026-11-05' }) acceptedOn: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, example: null }) declinedOn: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, example: null }) withdrawnOn: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2026-11-16' }) careStartedOn: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, example: null }) careEndedOn: string | null;
}

class ClientAddress {
  @ApiProperty({ type: String, nullable: true, example: '9999 ZZ' }) postcode: string | null;
  @ApiProperty({ type: String, nullable: true, example: '1' }) houseNumber: string | null;
}

class ProviderClient {
  @ApiProperty({ description: 'True when the client’s personal data was erased: then names, birth date and address are null.' })
  erased: boolean;
  @ApiProperty({ type: String, nullable: true, example: 'Testpersoon' }) givenName: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Voorbeeld' }) familyName: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, example: '1980-01-01' }) birthDate: string | null;
  @ApiProperty({ type: ClientAddress, nullable: true }) address: ClientAddress | null;
}

class ProviderCoordinator {
  @ApiProperty({ example: 'consultant-1' }) id: string;
  @ApiProperty({ example: 'C. Regisseur' }) name: string;
}

/** A referral addressed to you, with what you need to act on it: the client and the casusregisseur, nothing else. */
export class ProviderReferralResponse {
  @ApiProperty({ format: 'uuid', example: '3f1e2d4c-5b6a-4789-8abc-def012345678' }) referralId: string;
  @ApiProperty({ description: 'The municipality that referred (CBS code).', example: 'GM0299' }) municipality: string;
  @ApiProperty({ enum: REFERRAL_CATEGORIES, example: 'maatwerk' }) category: string;
  @ApiProperty({ type: String, nullable: true, description: 'iWmo/iJw product code.', example: '02A01' }) productCode: string | null;
  @ApiProperty({ enum: REFERRAL_STATUSES, example: 'accepted' }) status: string;
  @ApiProperty({ type: ProviderReferralDates }) dates: ProviderReferralDates;
  @ApiProperty({ type: String, nullable: true, enum: CARE_END_REASON_CODES, description: 'WMO588/JZ588 RedenBeeindiging; null until care ended.', example: '19' })
  careEndReason: string | null;
  @ApiProperty({ type: ProviderClient }) client: ProviderClient;
  @ApiProperty({ type: ProviderCoordinator, nullable: true }) coordinator: ProviderCoordinator | null;
}

export class ProviderReferralsPage {
  @ApiProperty({ type: ProviderReferralResponse, isArray: true, description: 'Newest referral first.' }) referrals: ProviderReferralResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `after` for the next page; null on the last page.', example: null })
  next: string | null;
}

/** What a provider's report recorded. */
export class ProviderReportResponse {
  @ApiProperty({ format: 'uuid', example: '3f1e2d4c-5b6a-4789-8abc-def012345678' }) referralId: string;
  @ApiProperty({ type: String, format: 'uuid', isArray: true, description: 'Ids of the events recorded.', example: ['9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d'] })
  eventIds: string[];
}
