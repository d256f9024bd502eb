import { Controller, Param, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
// A type import under its own name: the decorators' metadata then records Object, as tsc's does, and not `express`
// (a package we do not depend on) or the global fetch Response.
import type { Response as ExpressResponse } from 'express';
import { CurrentUser, Principal, Roles } from '@casusregie/auth';
import { subjectsErasedWith } from '@casusregie/households';
import { ApiProblemResponses, responseHeaders } from '@casusregie/http';
import { InjectStorage } from '@casusregie/runtime';
import { Storage } from '@casusregie/storage';
import { commandResponse } from './command-response';
import { HouseholdCommandService } from './household-command.service';
import { ErasureResponse } from './household-responses';
import { CorrelationId, uuid } from './request-context';


/**
 * The right to erasure (AVG art. 17) by crypto-shredding: an administrator of the municipality erases one member.
 * Their data keys are destroyed, then `PersonalDataErased` is recorded. The facts stay, so every figure stays.
 */
@ApiTags('administration')
@Roles('admin')
@ApiProblemResponses(400, 401, 403, 404, 409)
@Controller('households/:householdId/members/:memberId/erasure')
export class ErasureController {
  constructor(
    private readonly commands: HouseholdCommandService,
    @InjectStorage() private readonly storage: Storage,
  ) {}

  @Post()
  @ApiOperation({ operationId: 'eraseMemberPersonalData', summary: "Erase a member's personal data (names, BSN, birth date, address, free text) for good" })
  @ApiCreatedResponse({ type: ErasureResponse, headers: responseHeaders('ETag') })
  async erase(
    @Param('householdId', uuid) householdId: string,
    @Param('memberId', uuid) memberId: string,
    @CurrentUser() user: Principal,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) res: ExpressResponse,
  ): Promise<ErasureResponse> {
    const erasedOn = this.commands.today();
    const result = await this.commands.execute(
      householdId,
      { type: 'ErasePersonalData', occurredOn: erasedOn, memberId },
      {
        principal: user,
        actorRole: 'admin',
        correlationId,
        // Not a consultant's team check: the command service holds an administrator to their municipality.
        withinMunicipality: false,
        beforeAppend: (state) => this.storage.personalData.erase(householdId, memberId, subjectsErasedWith(state, memberId)),
      },
    );
    return { ...commandResponse(res, result), memberId, erasedOn };
  }
}
