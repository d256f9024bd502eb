import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsOptional, IsUrl, Matches, MaxLength, MinLength, IsString, ValidateIf } from 'class-validator';
import { REFERRAL_CATEGORIES } from '@casusregie/domain';
import { PatternField, TextField } from '../validation/fields';

const MUNICIPALITY = /^GM\d{4}$/;

export class RegisterProviderRequest {
  @PatternField(/^\d{8}$/, 'must be an AGB code of 8 digits', { example: '98765432' })
  agbCode: string;

  @TextField(200, { example: 'Zorggroep De Liemers' })
  name: string;

  @ApiPropertyOptional({ type: String, isArray: true, example: ['GM0299'], description: 'CBS codes of the contracting municipalities.' })
  @Matches(MUNICIPALITY, { each: true, message: 'each must be a CBS municipality code such as GM0299' })
  @ArrayUnique()
  @ArrayMaxSize(50)
  @ArrayMinSize(1)
  @IsArray()
  municipalities: string[];

  @ApiPropertyOptional({ type: String, isArray: true, enum: [...REFERRAL_CATEGORIES], description: 'Referral categories it is contracted for.' })
  @IsIn([...REFERRAL_CATEGORIES], { each: true, message: `each must be one of: ${REFERRAL_CATEGORIES.join(', ')}` })
  @ArrayUnique()
  @ArrayMinSize(1)
  @IsArray()
  productCategories: string[];

  @ApiPropertyOptional({ type: String, format: 'uri', description: 'HTTPS endpoint (HTTP allowed for localhost) that receives notifications.' })
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

export class UpdateProviderRequest {
  @TextField(200, { optional: true })
  name?: string;

  @ApiPropertyOptional({ type: String, isArray: true })
  @IsOptional()
  @Matches(MUNICIPALITY, { each: true, message: 'each must be a CBS municipality code such as GM0299' })
  @ArrayUnique()
  @ArrayMaxSize(50)
  @ArrayMinSize(1)
  @IsArray()
  municipalities?: string[];

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

  @ApiPropertyOptional({ type: String, minLength: 32, nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MinLength(32)
  @MaxLength(200)
  webhookSecret?: string | null;
}
