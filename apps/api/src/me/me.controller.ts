import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, ROLES, Roles } from '@casusregie/auth';
import { ApiProblemResponses } from '@casusregie/http';
import { MeResponse } from './me.response';

/** Lets a client (or a developer with a fresh `npm run token`) check what the API makes of its token. */
@ApiTags('me')
@Roles(...ROLES)
@Controller('me')
export class MeController {
  @Get()
  @ApiOperation({ operationId: 'getMe', summary: 'The authenticated caller: subject, roles, organisation, team and municipality' })
  @ApiOkResponse({ type: MeResponse })
  @ApiProblemResponses(401)
  me(@CurrentUser() user: Principal): MeResponse {
    return MeResponse.of(user);
  }
}
