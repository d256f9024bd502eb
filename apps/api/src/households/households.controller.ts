import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
// A type import under its own name: the decorators' metadata then records Object, as tsc's does, and not `express`
// (a package we do not depend on) or the global fetch Response.
import type { Response as ExpressResponse } from 'express';
import { randomUUID } from 'node:crypto';
import { CurrentUser, Principal, Roles } from '@casusregie/auth';
import { findTrajectory, householdAccess, PlanGoal } from '@casusregie/domain';
import { ApiProblemResponses, invalidParam, ProblemHttpException, responseHeaders } from '@casusregie/http';
import { API_PREFIX } from '../api-version';
import { ReadOnlyPost } from '../idempotency/read-only-post.decorator';
import { commandResponse } from './command-response';
import {
  AddMemberRequest,
  CoordinatorRequest,
  DatedRequest,
  PlanRequest,
  RegisterHouseholdRequest,
  SearchHouseholdsRequest,
} from './dto/household.requests';
import { householdSubjects, ProcessingLogService } from '../processing-log/processing-log.service';
import { HouseholdSearchService } from './household-search.service';
import { CorrectionRequest } from './dto/trajectory.requests';
import { HouseholdCommandService } from './household-command.service';
import {
  HouseholdCreatedResponse,
  HouseholdEventsPage,
  HouseholdResponse,
  MemberAddedResponse,
  PlanSetResponse,
  SearchHouseholdsResponse,
  TrajectoryResponse,
  VersionResponse,
} from './household-responses';
import { goalsView, householdView, trajectoryView } from './household-view';
import { ConsultantCall, CorrelationId, etagOf, IF_MATCH_HEADER, uuid } from './request-context';
import { wholeNumberParam } from '../validation/whole-number';

const IF_MATCH = IF_MATCH_HEADER;
const ETAG = responseHeaders('ETag');

@ApiTags('households')
@Roles('consultant')
@ApiProblemResponses(400, 401, 403)
@Controller('households')
export class HouseholdsController {
  constructor(
    private readonly commands: HouseholdCommandService,
    private readonly directory: HouseholdSearchService,
    private readonly processingLog: ProcessingLogService,
  ) {}

  @Post()
  @ApiOperation({ operationId: 'registerHousehold', summary: 'Register a household (gezin) with its members and residences' })
  @ApiCreatedResponse({ type: HouseholdCreatedResponse, description: 'Location and ETag headers point to the new household.', headers: responseHeaders('Location', 'ETag') })
  @ApiProblemResponses(409)
  async register(
    @Body() body: RegisterHouseholdRequest,
    @CurrentUser() user: Principal,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) res: ExpressResponse,
  ) {
    if (body.municipality !== user.municipality) {
      throw new ProblemHttpException(403, {
        code: 'other-municipality',
        detail: `Your token is for municipality ${user.municipality}; you cannot register a household in ${body.municipality}.`,
      });
    }
    if (body.team !== user.team) {
      throw new ProblemHttpException(403, {
        code: 'other-team',
        detail: `Your token is for team ${user.team ?? '(none)'}; you register households for your own team.`,
      });
    }
    const householdId = randomUUID();
    const residenceIds = new Map(body.residences.map((residence) => [residence.key, randomUUID()]));
    if (residenceIds.size !== body.residences.length) {
      throw invalidParam('residences', 'residence keys must be unique');
    }
    const today = this.commands.today();
    const members = body.members.map((member, index) => {
      if (member.birthDate > today) throw invalidParam(`members[${index}].birthDate`, 'must not be after today');
      const unknown = member.residenceKeys.find((key) => !residenceIds.has(key));
      if (unknown !== undefined) throw invalidParam(`members[${index}].residenceKeys`, 'must name residences of this request');
      return {
        memberId: randomUUID(),
        givenName: member.givenName,
        familyName: member.familyName,
        birthDate: member.birthDate,
        role: member.role,
        ...(member.bsn === undefined ? {} : { bsn: member.bsn }),
        residenceIds: member.residenceKeys.map((key) => residenceIds.get(key) as string),
      };
    });
    const result = await this.commands.execute(
      householdId,
      {
        type: 'RegisterHousehold',
        occurredOn: body.registeredOn ?? this.commands.today(),
        householdId,
        municipality: body.municipality,
        team: body.team,
        residences: body.residences.map((r) => ({
          residenceId: residenceIds.get(r.key) as string,
          label: r.key,
          ...(r.postcode === undefined ? {} : { postcode: r.postcode }),
          ...(r.houseNumber === undefined ? {} : { houseNumber: r.houseNumber }),
        })),
        members,
      },
      { principal: user, actorRole: 'consultant', correlationId },
    );
    return { id: householdId, ...commandResponse(res, result, `/${API_PREFIX}/households/${householdId}`) };
  }

  @Post('_search')
  @HttpCode(200)
  @ReadOnlyPost()
  @ApiOperation({
    operationId: 'searchHouseholds',
    summary: 'Find households by a member’s BSN or name (in the body, never in a URL), within your municipality',
  })
  @ApiOkResponse({ type: SearchHouseholdsResponse })
  async search(@Body() body: SearchHouseholdsRequest, @CurrentUser() user: Principal) {
    if (body.bsn === undefined && body.familyName === undefined) {
      throw invalidParam('bsn', 'give a bsn or a familyName to search by');
    }
    const found = await this.directory.search(body, user);
    const subjects = found.results.flatMap((match) => [
      `household:${match.householdId}`,
      ...match.members.map((member) => `member:${(member as { memberId: string }).memberId}`),
    ]);
    await this.processingLog.processed('household.search', subjects, user, 'consultant');
    return found;
  }

  @Get(':householdId')
  @ApiOperation({ operationId: 'getHousehold', summary: 'The household now: members, residences, casusregisseur, plan, trajectories' })
  @ApiOkResponse({ type: HouseholdResponse, description: 'The ETag header holds the version for If-Match.', headers: ETAG })
  @ApiProblemResponses(404)
  async get(@Param('householdId', uuid) householdId: string, @CurrentUser() user: Principal, @Res({ passthrough: true }) res: ExpressResponse) {
    const { state, version } = await this.commands.load(householdId, user);
    await this.processingLog.processed('household.read', householdSubjects(householdId, state), user, 'consultant');
    res.setHeader('ETag', etagOf(version));
    return householdView(householdId, version, state, user.sub);
  }

  @Get(':householdId/trajectories/:trajectoryId')
  @ApiOperation({ operationId: 'getTrajectory', summary: 'One trajectory with all its details; 404 for a restricted one you are not involved in' })
  @ApiOkResponse({ type: TrajectoryResponse })
  @ApiProblemResponses(404)
  async trajectory(@Param('householdId', uuid) householdId: string, @Param('trajectoryId', uuid) trajectoryId: string, @CurrentUser() user: Principal) {
    const { state } = await this.commands.load(householdId, user);
    const trajectory = findTrajectory(state, trajectoryId);
    if (trajectory === undefined || !householdAccess(state, user.sub).mayOpenTrajectory(trajectory)) {
      throw new ProblemHttpException(404, { code: 'trajectory-not-found', detail: `No trajectory ${trajectoryId} in this household` });
    }
    const member = state.members.find((m) => m.memberId === trajectory.memberId);
    await this.processingLog.processed('trajectory.read', [`household:${householdId}`, `member:${member?.memberId ?? trajectory.memberId}`], user, 'consultant');
    return trajectoryView(trajectory);
  }

  @Get(':householdId/events')
  @ApiOperation({ operationId: 'listHouseholdEvents', summary: "The household's history: every event in order, corrections included" })
  @ApiQuery({ name: 'fromVersion', required: false, schema: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER }, description: 'First version to return; default 1.' })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 500 }, description: 'Page size, 1 to 500; default 100.' })
  @ApiOkResponse({ type: HouseholdEventsPage })
  @ApiProblemResponses(404)
  async events(
    @Param('householdId', uuid) householdId: string,
    @Query('fromVersion') fromVersionParam: string | undefined,
    @Query('limit') limitParam: string | undefined,
    @CurrentUser() user: Principal,
  ) {
    const fromVersion = wholeNumberParam('fromVersion', fromVersionParam, 1, 1, Number.MAX_SAFE_INTEGER);
    const limit = wholeNumberParam('limit', limitParam, 100, 1, 500);
    const { version, state } = await this.commands.load(householdId, user);
    await this.processingLog.processed('household.history.read', householdSubjects(householdId, state), user, 'consultant');
    const events = await this.commands.repository.readEvents(householdId, fromVersion, limit);
    const last = events[events.length - 1];
    const access = householdAccess(state, user.sub);
    return {
      events: events.filter((event) => !access.hidesEvent(event)).map((event) => ({
        eventId: event.eventId,
        type: event.type,
        schemaVersion: event.schemaVersion,
        streamVersion: event.streamVersion,
        occurredOn: event.occurredOn,
        recordedAt: event.recordedAt.toISOString(),
        actor: event.metadata.actor,
        correlationId: event.metadata.correlationId,
        data: isPlanEvent(event) ? { ...event.data, goals: goalsView(event.data.goals, access) } : event.data,
      })),
      version,
      nextFromVersion: last !== undefined && last.streamVersion < version ? last.streamVersion + 1 : null,
    };
  }

  @Post(':householdId/members')
  @ApiOperation({ operationId: 'addMember', summary: 'Add a member to the household' })
  @ApiCreatedResponse({ type: MemberAddedResponse, headers: ETAG })
  @ApiProblemResponses(404, 409, 412)
  @IF_MATCH
  async addMember(
    @Param('householdId', uuid) householdId: string,
    @Body() body: AddMemberRequest,
    @ConsultantCall() call: ConsultantCall,
  ) {
    if (body.birthDate > this.commands.today()) throw invalidParam('birthDate', 'must not be after today');
    const memberId = randomUUID();
    const result = await this.commands.execute(
      householdId,
      {
        type: 'AddMember',
        occurredOn: body.date,
        member: {
          memberId,
          givenName: body.givenName,
          familyName: body.familyName,
          birthDate: body.birthDate,
          role: body.role,
          ...(body.bsn === undefined ? {} : { bsn: body.bsn }),
          residenceIds: body.residenceIds,
        },
      },
      call.options,
    );
    return { memberId, ...commandResponse(call.res, result) };
  }

  @Post(':householdId/members/:memberId/departure')
  @ApiOperation({ operationId: 'recordMemberDeparture', summary: 'Record that a member left the household' })
  @ApiCreatedResponse({ type: VersionResponse, headers: ETAG })
  @ApiProblemResponses(404, 409, 412)
  @IF_MATCH
  async memberLeft(
    @Param('householdId', uuid) householdId: string,
    @Param('memberId', uuid) memberId: string,
    @Body() body: DatedRequest,
    @ConsultantCall() call: ConsultantCall,
  ) {
    const result = await this.commands.execute(
      householdId,
      { type: 'RecordMemberLeft', occurredOn: body.date, memberId },
      call.options,
    );
    return commandResponse(call.res, result);
  }

  @Put(':householdId/coordinator')
  @ApiOperation({ operationId: 'assignCoordinator', summary: 'Assign the casusregisseur' })
  @ApiOkResponse({ type: VersionResponse, headers: ETAG })
  @ApiProblemResponses(404, 409, 412)
  @IF_MATCH
  async assignCoordinator(
    @Param('householdId', uuid) householdId: string,
    @Body() body: CoordinatorRequest,
    @ConsultantCall() call: ConsultantCall,
  ) {
    const result = await this.commands.execute(
      householdId,
      { type: 'AssignCoordinator', occurredOn: body.date ?? this.commands.today(), coordinatorId: body.coordinatorId, name: body.name },
      call.options,
    );
    return commandResponse(call.res, result);
  }

  @Put(':householdId/plan')
  @ApiOperation({ operationId: 'setPlan', summary: 'Agree the one plan, or revise it (a revision is a new event; the goals given are the whole plan)' })
  @ApiOkResponse({ type: PlanSetResponse, headers: ETAG })
  @ApiProblemResponses(404, 409, 412)
  @IF_MATCH
  async setPlan(
    @Param('householdId', uuid) householdId: string,
    @Body() body: PlanRequest,
    @ConsultantCall() call: ConsultantCall,
  ) {
    const result = await this.commands.execute(
      householdId,
      { type: 'SetPlan', occurredOn: body.date ?? this.commands.today(), goals: body.goals },
      call.options,
    );
    return { planVersion: result.state.plan?.version ?? 1, ...commandResponse(call.res, result) };
  }

  @Post(':householdId/events/:eventId/corrections')
  @ApiOperation({ operationId: 'correctEvent', summary: 'Correct the date of an earlier event, or withdraw it. Nothing is ever changed or deleted.' })
  @ApiCreatedResponse({ type: VersionResponse, headers: ETAG })
  @ApiProblemResponses(404, 409, 412)
  @IF_MATCH
  async correct(
    @Param('householdId', uuid) householdId: string,
    @Param('eventId', uuid) eventId: string,
    @Body() body: CorrectionRequest,
    @ConsultantCall() call: ConsultantCall,
  ) {
    const occurredOn = body.date ?? this.commands.today();
    if (body.kind === 'date-correction' && body.correctedDate === undefined) {
      throw invalidParam('correctedDate', 'is required for a date-correction');
    }
    const command =
      body.kind === 'withdrawal'
        ? { type: 'WithdrawEvent' as const, occurredOn, eventId, reason: body.reason }
        : { type: 'CorrectEventDate' as const, occurredOn, eventId, correctedOccurredOn: body.correctedDate as string, reason: body.reason };
    const result = await this.commands.execute(householdId, command, call.options);
    return commandResponse(call.res, result);
  }
}

function isPlanEvent(event: { type: string; data: unknown }): event is { type: 'PlanAgreed' | 'PlanRevised'; data: { goals: PlanGoal[] } } {
  return event.type === 'PlanAgreed' || event.type === 'PlanRevised';
}
