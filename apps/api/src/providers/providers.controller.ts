import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '@casusregie/auth';
import { ApiProblemResponses, invalidParam, ProblemHttpException } from '@casusregie/http';
import { ProviderAlreadyRegisteredError } from '@casusregie/providers';
import { ProviderRegistryService } from './provider-registry.service';
import { RegisterProviderRequest, UpdateProviderRequest } from './provider.requests';

const PROVIDER_SCHEMA = { type: 'object', additionalProperties: true } as const;
const AGB = /^\d{8}$/;

/** The regional provider registry (role admin): who may receive referrals to care, and where notifications go. */
@ApiTags('providers')
@Roles('admin')
@ApiProblemResponses(400, 401, 403)
@Controller('providers')
export class ProvidersController {
  constructor(private readonly registry: ProviderRegistryService) {}

  @Post()
  @ApiOperation({ summary: 'Register a care provider by AGB code' })
  @ApiCreatedResponse({ schema: PROVIDER_SCHEMA })
  @ApiProblemResponses(409)
  async register(@Body() body: RegisterProviderRequest, @CurrentUser() user: Principal) {
    try {
      return await this.registry.register(body, user.sub);
    } catch (error) {
      if (error instanceof ProviderAlreadyRegisteredError) {
        throw new ProblemHttpException(409, { code: 'provider-already-registered', detail: `AGB ${body.agbCode} is already registered` });
      }
      throw error;
    }
  }

  @Get()
  @ApiOperation({ summary: 'The registered providers, optionally those contracted by one municipality' })
  @ApiQuery({ name: 'municipality', required: false })
  @ApiOkResponse({ schema: PROVIDER_SCHEMA })
  async list(@Query('municipality') municipality?: string) {
    if (municipality !== undefined && !/^GM\d{4}$/.test(municipality)) {
      throw invalidParam('municipality', 'must be a CBS municipality code such as GM0299');
    }
    return { providers: await this.registry.list(municipality) };
  }

  @Get(':agbCode')
  @ApiOperation({ summary: 'One provider' })
  @ApiOkResponse({ schema: PROVIDER_SCHEMA })
  @ApiProblemResponses(404)
  async get(@Param('agbCode') agbCode: string) {
    const provider = AGB.test(agbCode) ? await this.registry.get(agbCode) : undefined;
    if (provider === undefined) throw notFound(agbCode);
    return provider;
  }

  @Patch(':agbCode')
  @ApiOperation({ summary: 'Change a provider: name, municipalities, categories, webhook' })
  @ApiOkResponse({ schema: PROVIDER_SCHEMA })
  @ApiProblemResponses(404)
  async update(@Param('agbCode') agbCode: string, @Body() body: UpdateProviderRequest, @CurrentUser() user: Principal) {
    const provider = AGB.test(agbCode) ? await this.registry.update(agbCode, body, user.sub) : undefined;
    if (provider === undefined) throw notFound(agbCode);
    return provider;
  }
}

function notFound(agbCode: string): ProblemHttpException {
  return new ProblemHttpException(404, { code: 'provider-not-found', detail: `No provider with AGB code ${AGB.test(agbCode) ? agbCode : '(invalid)'}` });
}
