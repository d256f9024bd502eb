import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Principal, Role, ROLES } from '@casusregie/auth';

/** The caller as the API sees them. */
export class MeResponse {
  @ApiProperty({ description: 'User id at the identity provider (token `sub`).', example: 'dev-user' })
  sub: string;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['consultant'] })
  roles: Role[];

  @ApiPropertyOptional({ description: 'Organisation (token `org`).' })
  org?: string;

  @ApiPropertyOptional({ description: 'Sociaal team (token `team`).', example: 'T1' })
  team?: string;

  @ApiProperty({ description: 'CBS municipality code (token `municipality`).', example: 'GM0299' })
  municipality: string;

  static of(principal: Principal): MeResponse {
    return Object.assign(new MeResponse(), principal);
  }
}
