import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsOptional, IsUrl, Matches, MaxLength, MinLength, IsString, ValidateBy, ValidateIf } from 'class-validator';
import { REFERRAL_CATEGORIES } from '@casusregie/domain';
import { standardSecretProblem } from '@casusregie/notifications';
import { PatternField, TextField } from '../validation/fields';

/** An Authorization header value: printable ASCII and inner spaces; no CR, LF or other control character. */
const HEADER_VALUE = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;
const AUTH_DESCRIPTION =
  "Sent verbatim as the `Authorization` header of every notification, as a ZGW notificaties receiver expects from its abonnement's `auth` (e.g. `Bearer …`). Stored sealed; never returned (see hasWebhookAuth).";
const SECRET_DESCRIPTION =
  'Secret for the Standard Webhooks signature (`webhook-signature`): preferably `whsec_` and the base64 of 24 to 64 random bytes; any other text of 32 to 200 characters is used as its UTF-8 bytes. Never returned.';

/** The webhook `auth` value: 1 to 1000 characters (as Open Notificaties' abonnement), one line. */
function WebhookAuth() {
  return applyDecorators(IsString(), MinLength(1), MaxLength(1000), Matches(HEADER_VALUE, { message: 'must be one line of printable ASCII (an Authorization header value)' }));
}

/** A secret that starts with `whsec_` must be a real Standard Webhooks secret; others are taken as text, as before. */
function WebhookSecret() {
  return applyDecorators(
    IsString(),
    MinLength(32),
    MaxLength(200),
    ValidateBy({
      name: 'isWebhookSecret',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || standardSecretProblem(value) === undefined,
        defaultMessage: () => 'a whsec_ secret must be the base64 of 24 to 64 bytes',
      },
    }),
  );
}

/** Your municipality's contract with a provider: the municipality is the one of your token, never a field. */
export class RegisterProviderRequest {
  @PatternField(/^\d{8}$/, 8, 'must be an AGB code of 8 digits', { example: '98765432' })
  agbCode: string;

  @TextField(200, { example: 'Zorggroep Voorbeeld', description: 'The name your municipality knows the provider by.' })
  name: string;

  @ApiProperty({ type: String, isArray: true, enum: [...REFERRAL_CATEGORIES], minItems: 1, maxItems: REFERRAL_CATEGORIES.length, description: 'Referral categories your municipality contracts it for.' })
  @IsIn([...REFERRAL_CATEGORIES], { each: true, message: `each must be one of: ${REFERRAL_CATEGORIES.join(', ')}` })
  @ArrayUnique()
  @ArrayMaxSize(REFERRAL_CATEGORIES.length)
  @ArrayMinSize(1)
  @IsArray()
  productCategories: string[];

  @ApiPropertyOptional({ type: String, format: 'uri', maxLength: 500, description: "HTTPS endpoint (HTTP allowed for localhost) that receives notifications about your municipality's referrals." })
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['https', 'http'], require_protocol: true }, { message: 'must be an http(s) URL' })
  @MaxLength(500)
  webhookUrl?: string;

  @ApiPropertyOptional({ type: String, minLength: 32, maxLength: 200, writeOnly: true, description: SECRET_DESCRIPTION, example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' })
  @IsOptional()
  @WebhookSecret()
  webhookSecret?: string;

  @ApiPropertyOptional({ type: String, minLength: 1, maxLength: 1000, writeOnly: true, description: AUTH_DESCRIPTION, example: 'Bearer 3f1c…' })
  @IsOptional()
  @WebhookAuth()
  webhookAuth?: string;
}

/** Changes your municipality's contract; what is left out stays as it is. */
export class UpdateProviderRequest {
  @TextField(200, { optional: true, example: 'Zorggroep Voorbeeld' })
  name?: string;

  @ApiPropertyOptional({ type: String, isArray: true, enum: [...REFERRAL_CATEGORIES], minItems: 1, maxItems: REFERRAL_CATEGORIES.length })
  @IsOptional()
  @IsIn([...REFERRAL_CATEGORIES], { each: true, message: `each must be one of: ${REFERRAL_CATEGORIES.join(', ')}` })
  @ArrayUnique()
  @ArrayMaxSize(REFERRAL_CATEGORIES.length)
  @ArrayMinSize(1)
  @IsArray()
  productCategories?: string[];

  @ApiPropertyOptional({ type: String, format: 'uri', maxLength: 500, nullable: true, description: 'null removes the webhook. Another URL forgets the webhook secret and auth value unless this request gives them anew: a credential goes only to the address it was given for.' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUrl({ require_tld: false, protocols: ['https', 'http'], require_protocol: true }, { message: 'must be an http(s) URL' })
  @MaxLength(500)
  webhookUrl?: string | null;

  @ApiPropertyOptional({ type: String, minLength: 32, maxLength: 200, nullable: true, writeOnly: true, description: `${SECRET_DESCRIPTION} null removes it.` })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @WebhookSecret()
  webhookSecret?: string | null;

  @ApiPropertyOptional({ type: String, minLength: 1, maxLength: 1000, nullable: true, writeOnly: true, description: `${AUTH_DESCRIPTION} null removes it.` })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @WebhookAuth()
  webhookAuth?: string | null;
}
