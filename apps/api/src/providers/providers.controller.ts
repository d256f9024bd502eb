import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '@casusregie/auth';
import { ApiProblemResponses, ProblemHttpException } from '@casusregie/http';
import { ProviderAlreadyRegisteredError } from '@casusregie/providers';
import { ProviderRegistryService } from './provider-registry.service';
import { RegisterProviderRequest, UpdateProviderRequest } from './provider.requests';
import { ProviderContractResponse, ProviderContractsResponse } from './provider.responses';
import { decodeCursor, DEFAULT_PAGE_SIZE, pageOf, PageQuery } from '../validation/page-query';

const AGB = /^\d{8}$/;

/**
 * The care providers an admin's municipality contracts (role admin): who may receive its referrals to care, and
 * where notifications about them go. Each municipality keeps its own contract with a provider; an admin reads and
 * changes only their own municipality's (the token's), and another municipality's contract is 404, exactly as an
 * unknown provider.
 */
@ApiTags('providers')
@Roles('admin')
@ApiProblemResponses(400, 401, 403)
@Controller('providers')
export class ProvidersController {
  constructor(private readonly registry: ProviderRegistryService) {}

  @Post()
  @ApiOperation({ operationId: 'registerProvider', summary: 'Contract a care provider, by AGB code, for your municipality' })
  @ApiCreatedResponse({ type: ProviderContractResponse })
  @ApiProblemResponses(409)
  async register(@Body() body: RegisterProviderRequest, @CurrentUser() user: Principal): Promise<ProviderContractResponse> {
    try {
      return await this.registry.register({ ...body, municipality: user.municipality }, user.sub);
    } catch (error) {
      if (error instanceof ProviderAlreadyRegisteredError) {
        throw new ProblemHttpException(409, {
          code: 'provider-already-registered',
          detail: `AGB ${body.agbCode} is already registered for ${user.municipality}`,
        });
      }
      throw error;
    }
  }

  @Get()
  @ApiOperation({ operationId: 'listProviders', summary: 'The providers your municipality contracts' })
  @ApiOkResponse({ type: ProviderContractsResponse })
  async list(@Query() query: PageQuery, @CurrentUser() user: Principal): Promise<ProviderContractsResponse> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = query.after === undefined ? undefined : decodeCursor(query.after, isProviderPosition);
    const rows = await this.registry.list(user.municipality, { after, limit: limit + 1 });
    const { page, next } = pageOf(rows, limit, ({ name, agbCode }): ProviderPosition => ({ name, agbCode }));
    return { providers: page, next };
  }

  @Get(':agbCode')
  @ApiOperation({ operationId: 'getProvider', summary: "Your municipality's contract with one provider" })
  @ApiOkResponse({ type: ProviderContractResponse })
  @ApiProblemResponses(404)
  async get(@Param('agbCode') agbCode: string, @CurrentUser() user: Principal): Promise<ProviderContractResponse> {
    const contract = AGB.test(agbCode) ? await this.registry.get(agbCode, user.municipality) : undefined;
    if (contract === undefined) throw notFound(agbCode);
    return contract;
  }

  @Patch(':agbCode')
  @ApiOperation({ operationId: 'updateProvider', summary: "Change your municipality's contract with a provider: name, categories, webhook" })
  @ApiOkResponse({ type: ProviderContractResponse })
  @ApiProblemResponses(404)
  async update(
    @Param('agbCode') agbCode: string,
    @Body() body: UpdateProviderRequest,
    @CurrentUser() user: Principal,
  ): Promise<ProviderContractResponse> {
    const contract = AGB.test(agbCode) ? await this.registry.update(agbCode, user.municipality, body, user.sub) : undefined;
    if (contract === undefined) throw notFound(agbCode);
    return contract;
  }

  @Delete(':agbCode')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'endProviderContract',
    summary: "End your municipality's contract with a provider",
    description: 'New referrals to maatwerk can no longer go to it, and notifications about your referrals stop.',
  })
  @ApiNoContentResponse({ description: 'The contract is ended.' })
  @ApiProblemResponses(404)
  async end(@Param('agbCode') agbCode: string, @CurrentUser() user: Principal): Promise<void> {
    const ended = AGB.test(agbCode) && (await this.registry.end(agbCode, user.municipality));
    if (!ended) throw notFound(agbCode);
  }
}

type ProviderPosition = { name: string; agbCode: string };

function isProviderPosition(value: Record<string, unknown>): value is Record<string, unknown> & ProviderPosition {
  return typeof value.name === 'string' && typeof value.agbCode === 'string' && AGB.test(value.agbCode);
}

/** The same answer for an unknown provider and another municipality's contract: neither is yours. */
function notFound(agbCode: string): ProblemHttpException {
  return new ProblemHttpException(404, {
    code: 'provider-not-found',
    detail: `Your municipality has no provider with AGB code ${AGB.test(agbCode) ? agbCode : '(invalid)'}`,
  });
}
