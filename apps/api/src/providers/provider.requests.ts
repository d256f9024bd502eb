import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMinSize, ArrayUnique, IsArray, IsIn, IsOptional, IsUrl, MaxLength, MinLength, IsString, ValidateIf } from 'class-validator';
import { REFERRAL_CATEGORIES } from '@casusregie/domain';
import { PatternField, TextField } from '../validation/fields';

/** Your municipality's contract with a provider: the municipality is the one of your token, never a field. */
export class RegisterProviderRequest {
  @PatternField(/^\d{8}$/, 'must be an AGB code of 8 digits', { example: '98765432' })
  agbCode: string;

  @TextField(200, { example: 'Zorggroep Voorbeeld', description: 'The name your municipality knows the provider by.' })
  name: string;

  @ApiProperty({ type: String, isArray: true, enum: [...REFERRAL_CATEGORIES], description: 'Referral categories your municipality contracts it for.' })
  @IsIn([...REFERRAL_CATEGORIES], { each: true, message: `each must be one of: ${REFERRAL_CATEGORIES.join(', ')}` })
  @ArrayUnique()
  @ArrayMinSize(1)
  @IsArray()
  productCategories: string[];

  @ApiPropertyOptional({ type: String, format: 'uri', description: "HTTPS endpoint (HTTP allowed for localhost) that receives notifications about your municipality's referrals." })
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['https', 'http'], require_protocol: true }, { message: 'must be an http(s) URL' })
  @MaxLength(500)
  webhookUrl?: string;

  @ApiPropertyOptional({ type: String, minLength: 32, description: 'Secret for the HMAC-SHA256 signature of notifications; never returned.' })
  @IsOptional()
  @IsString()
  @MinLength(32)
  @MaxLength(200)
  webhookSecret?: string;
}

/** Changes your municipality's contract; what is left out stays as it is. */
export class UpdateProviderRequest {
  @TextField(200, { optional: true, example: 'Zorggroep Voorbeeld' })
  name?: string;

  @ApiPropertyOptional({ type: String, isArray: true, enum: [...REFERRAL_CATEGORIES] })
  @IsOptional()
  @IsIn([...REFERRAL_CATEGORIES], { each: true, message: `each must be one of: ${REFERRAL_CATEGORIES.join(', ')}` })
  @ArrayUnique()
  @ArrayMinSize(1)
  @IsArray()
  productCategories?: string[];

  @ApiPropertyOptional({ type: String, format: 'uri', nullable: true, description: 'null removes the webhook.' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUrl({ require_tld: false, protocols: ['https', 'http'], require_protocol: true }, { message: 'must be an http(s) URL' })
  @MaxLength(500)
  webhookUrl?: string | null;

  @ApiPropertyOptional({ type: String, minLength: 32, nullable: true, description: 'null removes the secret; never returned.' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MinLength(32)
  @MaxLength(200)
  webhookSecret?: string | null;
}
