import { ApiProperty } from '@nestjs/swagger';
import { REFERRAL_CATEGORIES } from '@casusregie/domain';

/** Your municipality's contract with a provider. Another municipality's contract with it is never shown. */
export class ProviderContractResponse {
  @ApiProperty({ example: '98765432' }) agbCode: string;
  @ApiProperty({ example: 'GM0299', description: 'Your municipality: the contract is its own.' }) municipality: string;
  @ApiProperty({ example: 'Zorggroep Voorbeeld' }) name: string;
  @ApiProperty({ type: String, isArray: true, enum: [...REFERRAL_CATEGORIES] }) productCategories: string[];
  @ApiProperty({ type: String, format: 'uri', nullable: true }) webhookUrl: string | null;
  @ApiProperty({ description: 'Whether a webhook secret is set; the secret is never returned.' }) hasWebhookSecret: boolean;
  @ApiProperty({ description: 'Whether a webhook auth value (the Authorization header of each notification) is set; the value is never returned.' })
  hasWebhookAuth: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class ProviderContractsResponse {
  @ApiProperty({ type: ProviderContractResponse, isArray: true, description: 'By name, then AGB code.' }) providers: ProviderContractResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `after` for the next page; null on the last page.', example: null })
  next: string | null;
}
