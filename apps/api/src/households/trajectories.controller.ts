import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { Roles } from '@casusregie/auth';
import { CONTRACTED_CATEGORIES, HouseholdCommand } from '@casusregie/domain';
import { ApiProblemResponses, invalidParam, responseHeaders } from '@casusregie/http';
import { API_PREFIX } from '../api-version';
import { commandResponse } from './command-response';
import {
  AccessGrantRequest,
  CareEndRequest,
  ClockSuspensionRequest,
  ClosureRequest,
  DatedRequest,
  ExploratoryConversationRequest,
  LearningRouteRequest,
  OpenTrajectoryRequest,
  PipRequest,
  ReasonRequest,
  ReferralRequest,
  RestrictionRequest,
  ScaleChangeRequest,
  TriageRequest,
  WaakvlamContactRequest,
  WaakvlamStartRequest,
} from './dto/trajectory.requests';
import { HouseholdCommandService } from './household-command.service';
import { ClockSuspendedResponse, ReferralMadeResponse, TrajectoryOpenedResponse, VersionResponse } from './household-responses';
import { ConsultantCall, IF_MATCH_HEADER, uuid } from './request-context';

const ETAG = responseHeaders('ETag');

/**
 * A trajectory (*traject*) is one support question of one member, from melding to closure. Every route here records
 * one step as an event in the household's stream; the body's `date` is the business date the step happened.
 */
@ApiTags('trajectories')
@Roles('consultant')
@ApiProblemResponses(400, 401, 403, 404, 409, 412)
@IF_MATCH_HEADER
@Controller('households/:householdId/trajectories')
export class TrajectoriesController {
  constructor(private readonly commands: HouseholdCommandService) {}

  private async record(householdId: string, call: ConsultantCall, command: HouseholdCommand, location?: string) {
    const result = await this.commands.execute(householdId, command, call.options);
    return commandResponse(call.res, result, location);
  }

  @Post()
  @ApiOperation({ operationId: 'openTrajectory', summary: 'Record a melding: opens a trajectory for one member' })
  @ApiCreatedResponse({ type: TrajectoryOpenedResponse, description: 'Location points to the household, which holds the trajectory.', headers: responseHeaders('Location', 'ETag') })
  async open(
    @Param('householdId', uuid) householdId: string,
    @Body() body: OpenTrajectoryRequest,
    @ConsultantCall() call: ConsultantCall,
  ) {
    const trajectoryId = randomUUID();
    const response = await this.record(
      householdId, call,
      {
        type: 'OpenTrajectory',
        occurredOn: body.date,
        trajectoryId,
        memberId: body.memberId,
        source: body.source,
        channel: body.channel,
        question: body.question,
        lifeDomains: body.lifeDomains,
        legalBasis: body.legalBasis,
      },
      `/${API_PREFIX}/households/${householdId}`,
    );
    return { trajectoryId, ...response };
  }

  @Post(':trajectoryId/intake')
  @ApiOperation({ operationId: 'recordIntake', summary: 'Record the intake' })
  @ApiCreatedResponse({ type: VersionResponse, headers: ETAG })
  intake(
    @Param('householdId', uuid) householdId: string,
    @Param('trajectoryId', uuid) trajectoryId: string,
    @Body() body: DatedRequest,
    @ConsultantCall() call: ConsultantCall,
  ) {
    return this.record(householdId, call, { type: 'RecordIntake', occurredOn: body.date, trajectoryId });
  }

  @Post(':trajectoryId/triage')
  @ApiOperation({ operationId: 'recordTriage', summary: 'Record the triage and the support level it chooses' })
  @ApiCreatedResponse({ type: VersionResponse, headers: ETAG })
  triage(
    @Param('householdId', uuid) householdId: string,
    @Param('trajectoryId', uuid) trajectoryId: string,
    @Body() body: TriageRequest,
    @ConsultantCall() call: ConsultantCall,
  ) {
    return this.record(
      householdId, call,
      { type: 'CompleteTriage', occurredOn: body.date, trajectoryId, level: body.level, route: body.route ?? 'regular' },
    );
  }

  @Post(':trajectoryId/exploratory-conversations')
  @ApiOperation({ operationId: 'recordExploratoryConversation', summary: 'Verkennend gesprek: record the request (optionally with the GGZ waiting-list date) or that it was held' })
  @ApiCreatedResponse({ type: VersionResponse, headers: ETAG })
  exploratoryConversation(
    @Param('householdId', uuid) householdId: string,
    @Param('trajectoryId', uuid) trajectoryId: string,
    @Body() body: ExploratoryConversationRequest,
    @ConsultantCall() call: ConsultantCall,
  ) {
    if (body.status === 'requested' && body.outcome !== undefined) throw invalidParam('outcome', 'goes with status held');
    if (body.status === 'held' && body.ggzWaitlistSince !== undefined) throw invalidParam('ggzWaitlistSince', 'goes with status requested');
    const command: HouseholdCommand =
      body.status === 'requested'
        ? { type: 'RequestExploratoryConversation', occurredOn: body.date, trajectoryId, ggzWaitlistSince: body.ggzWaitlistSince }
        : {
            type: 'RecordExploratoryConversationHeld',
            occurredOn: body.date,
            trajectoryId,
            outcome: body.outcome ?? 'referral-follows',
          };
    return this.record(householdId, call, command);
  }

  @Post(':trajectoryId/referrals')
  @ApiOperation({ operationId: 'makeReferral', summary: 'Record a doorverwijzing to an organisation' })
  @ApiCreatedResponse({ type: ReferralMadeResponse, headers: ETAG })
  async refer(
    @Param('householdId', uuid) householdId: string,
    @Param('trajectoryId', uuid) trajectoryId: string,
    @Body() body: ReferralRequest,
    @ConsultantCall() call: ConsultantCall,
  ) {
    const { agbCode, name } = body.organisation;
    // The request must name the provider; whether the municipality contracts it is the domain's rule (409).
    if (agbCode === undefined && CONTRACTED_CATEGORIES.includes(body.category)) {
      throw invalidParam('organisation.agbCode', `is required for a referral to ${body.category}`);
    }
    const referralId = randomUUID();
    const response = await this.record(
      householdId, call,
      {
        type: 'MakeReferral',
        occurredOn: body.date,
        trajectoryId,
        referralId,
        organisation: { ...(agbCode === undefined ? {} : { agbCode }), name },
        category: body.category,
        productCode: body.productCode,
        warmHandover: body.warmHandover,
        referrerRole: body.referrerRole ?? 'sociaal-team',
      },
    );
    return { referralId, ...response };
  }

  @Post(':trajectoryId/referrals/:referralId/acceptance')
  @ApiOperation({ operationId: 'acceptReferral', summary: 'Record that the organisation accepted the referral (on its behalf)' })
  @ApiCreatedResponse({ type: VersionResponse, headers: ETAG })
  accept(
    @Param('householdId', uuid) householdId: string,
    @Param('trajectoryId', uuid) trajectoryId: string,
    @Param('referralId', uuid) referralId: string,
    @Body() body: DatedRequest,
    @ConsultantCall() call: ConsultantCall,
  ) {
    return this.record(
      householdId, call,
      { type: 'AcceptReferral', occurredOn: body.date, trajectoryId, referralId },
    );
  }

  @Post(':trajectoryId/referrals/:referralId/decline')
  @ApiOperation({ operationId: 'declineReferral', summary: 'Record that the organisation declined the referral' })
  @ApiCreatedResponse({ type: VersionResponse, headers: ETAG })
  decline(
    @Param('householdId', uuid) householdId: string,
    @Param('trajectoryId', uuid) trajectoryId: string,
    @Param('referralId', uuid) referralId: string,
    @Body() body: ReasonRequest,
    @ConsultantCall() call: ConsultantCall,
  ) {
    return this.record(
      householdId, call,
      { type: 'DeclineReferral', occurredOn: body.date, trajectoryId, referralId, reason: body.reason },
    );
  }

  @Post(':trajectoryId/referrals/:referralId/withdrawal')
  @ApiOperation({ operationId: 'withdrawReferral', summary: 'Withdraw a referral that has not led to care' })
  @ApiCreatedResponse({ type: VersionResponse, headers: ETAG })
  withdraw(
    @Param('householdId', uuid) householdId: string,
    @Param('trajectoryId', uuid) trajectoryId: string,
    @Param('referralId', uuid) referralId: string,
    @Body() body: ReasonRequest,
    @ConsultantCall() call: ConsultantCall,
  ) {
    return this.record(
      householdId, call,
      { type: 'WithdrawReferral', occurredOn: body.date, trajectoryId, referralId, reason: body.reason },
    );
  }

  @Post(':trajectoryId/referrals/:referralId/care-start')
  @ApiOperation({ operationId: 'startCare', summary: 'Record the start of care on an accepted referral (on behalf of the provider)' })
  @ApiCreatedResponse({ type: VersionResponse, headers: ETAG })
  startCare(
    @Param('householdId', uuid) householdId: string,
    @Param('trajectoryId', uuid) trajectoryId: string,
    @Param('referralId', uuid) referralId: string,
    @Body() body: DatedRequest,
    @ConsultantCall() call: ConsultantCall,
  ) {
    return this.record(
      householdId, call,
      { type: 'StartCare', occurredOn: body.date, trajectoryId, referralId },
    );
  }

  @Post(':trajectoryId/referrals/:referralId/care-end')
  @ApiOperation({ operationId: 'endCare', summary: 'Record the end of care with its iWmo/iJw reason code' })
  @ApiCreatedResponse({ type: VersionResponse, headers: ETAG })
  endCare(
    @Param('householdId', uuid) householdId: string,
    @Param('trajectoryId', uuid) trajectoryId: string,
    @Param('referralId', uuid) referralId: string,
    @Body() body: CareEndRequest,
    @ConsultantCall() call: ConsultantCall,
  ) {
    return this.record(
      householdId, call,
      { type: 'EndCare', occurredOn: body.date, trajectoryId, referralId, reasonCode: body.reasonCode },
    );
  }

  @Post(':trajectoryId/scale-changes')
  @ApiOperation({ operationId: 'changeSupportLevel', summary: 'Op- or afschaling to another support level' })
  @ApiCreatedResponse({ type: VersionResponse, headers: ETAG })
  scale(
    @Param('householdId', uuid) householdId: string,
    @Param('trajectoryId', uuid) trajectoryId: string,
    @Body() body: ScaleChangeRequest,
    @ConsultantCall() call: ConsultantCall,
  ) {
    return this.record(
      householdId, call,
      { type: 'ChangeSupportLevel', occurredOn: body.date, trajectoryId, toLevel: body.toLevel, reason: body.reason },
    );
  }

  @Post(':trajectoryId/waakvlam')
  @ApiOperation({ operationId: 'startWaakvlam', summary: 'Start waakvlam contact (aftercare monitoring) with a contact interval' })
  @ApiCreatedResponse({ type: VersionResponse, headers: ETAG })
  startWaakvlam(
    @Param('householdId', uuid) householdId: string,
    @Param('trajectoryId', uuid) trajectoryId: string,
    @Body() body: WaakvlamStartRequest,
    @ConsultantCall() call: ConsultantCall,
  ) {
    return this.record(
      householdId, call,
      { type: 'StartWaakvlam', occurredOn: body.date, trajectoryId, contactIntervalDays: body.contactIntervalDays },
    );
  }

  @Post(':trajectoryId/waakvlam/end')
  @ApiOperation({ operationId: 'endWaakvlam', summary: 'End waakvlam contact' })
  @ApiCreatedResponse({ type: VersionResponse, headers: ETAG })
  endWaakvlam(
    @Param('householdId', uuid) householdId: string,
    @Param('trajectoryId', uuid) trajectoryId: string,
    @Body() body: DatedRequest,
    @ConsultantCall() call: ConsultantCall,
  ) {
    return this.record(householdId, call, { type: 'EndWaakvlam', occurredOn: body.date, trajectoryId });
  }

  @Post(':trajectoryId/waakvlam/contacts')
  @ApiOperation({ operationId: 'recordWaakvlamContact', summary: 'Record a waakvlam contact and how it went' })
  @ApiCreatedResponse({ type: VersionResponse, headers: ETAG })
  waakvlamContact(
    @Param('householdId', uuid) householdId: string,
    @Param('trajectoryId', uuid) trajectoryId: string,
    @Body() body: WaakvlamContactRequest,
    @ConsultantCall() call: ConsultantCall,
  ) {
    return this.record(
      householdId, call,
      { type: 'RecordWaakvlamContact', occurredOn: body.date, trajectoryId, mode: body.mode, outcome: body.outcome },
    );
  }

  @Post(':trajectoryId/pip')
  @ApiOperation({ operationId: 'establishPip', summary: 'PIP vastgesteld (Wet inburgering 2021); again with another route amends it without restarting the clock' })
  @ApiCreatedResponse({ type: VersionResponse, headers: ETAG })
  pip(
    @Param('householdId', uuid) householdId: string,
    @Param('trajectoryId', uuid) trajectoryId: string,
    @Body() body: PipRequest,
    @ConsultantCall() call: ConsultantCall,
  ) {
    return this.record(
      householdId, call,
      { type: 'EstablishPip', occurredOn: body.date, trajectoryId, route: body.route },
    );
  }

  @Post(':trajectoryId/learning-route')
  @ApiOperation({ operationId: 'startLearningRoute', summary: 'The learning route started: language and participation start dates' })
  @ApiCreatedResponse({ type: VersionResponse, headers: ETAG })
  learningRoute(
    @Param('householdId', uuid) householdId: string,
    @Param('trajectoryId', uuid) trajectoryId: string,
    @Body() body: LearningRouteRequest,
    @ConsultantCall() call: ConsultantCall,
  ) {
    return this.record(
      householdId, call,
      {
        type: 'StartLearningRoute',
        occurredOn: body.languageStartDate,
        trajectoryId,
        languageStartDate: body.languageStartDate,
        participationStartDate: body.participationStartDate,
      },
    );
  }

  @Post(':trajectoryId/closure')
  @ApiOperation({ operationId: 'closeTrajectory', summary: 'Close the trajectory' })
  @ApiCreatedResponse({ type: VersionResponse, headers: ETAG })
  close(
    @Param('householdId', uuid) householdId: string,
    @Param('trajectoryId', uuid) trajectoryId: string,
    @Body() body: ClosureRequest,
    @ConsultantCall() call: ConsultantCall,
  ) {
    return this.record(
      householdId, call,
      { type: 'CloseTrajectory', occurredOn: body.date, trajectoryId, reason: body.reason },
    );
  }

  @Post(':trajectoryId/clock-suspensions')
  @ApiOperation({
    operationId: 'suspendClock',
    summary: 'Suspend the trajectory’s clock (opschorting) from one day to another: the deadlines of the norms that allow it (the Wmo onderzoek) move by the suspended days',
  })
  @ApiCreatedResponse({ type: ClockSuspendedResponse, headers: ETAG })
  async suspendClock(
    @Param('householdId', uuid) householdId: string,
    @Param('trajectoryId', uuid) trajectoryId: string,
    @Body() body: ClockSuspensionRequest,
    @ConsultantCall() call: ConsultantCall,
  ) {
    if (body.to < body.from) throw invalidParam('to', 'must not be before from');
    const suspensionId = randomUUID();
    const response = await this.record(
      householdId, call,
      {
        type: 'SuspendClock',
        occurredOn: body.from,
        trajectoryId,
        suspensionId,
        from: body.from,
        to: body.to,
        reasonCode: body.reasonCode,
        normIds: body.normIds,
      },
    );
    return { suspensionId, ...response };
  }

  @Post(':trajectoryId/restriction')
  @ApiOperation({ operationId: 'restrictTrajectory', summary: 'Keep the trajectory’s details to the casusregisseur, you, and whom you let in; it still counts in the figures' })
  @ApiCreatedResponse({ type: VersionResponse, headers: ETAG })
  restrict(
    @Param('householdId', uuid) householdId: string,
    @Param('trajectoryId', uuid) trajectoryId: string,
    @Body() body: RestrictionRequest,
    @ConsultantCall() call: ConsultantCall,
  ) {
    return this.record(
      householdId, call,
      { type: 'RestrictTrajectory', occurredOn: body.date, trajectoryId, reason: body.reason, restrictedBy: call.user.sub },
    );
  }

  @Post(':trajectoryId/access-grants')
  @ApiOperation({ operationId: 'grantTrajectoryAccess', summary: 'Let another consultant into a restricted trajectory (only someone involved can)' })
  @ApiCreatedResponse({ type: VersionResponse, headers: ETAG })
  grantAccess(
    @Param('householdId', uuid) householdId: string,
    @Param('trajectoryId', uuid) trajectoryId: string,
    @Body() body: AccessGrantRequest,
    @ConsultantCall() call: ConsultantCall,
  ) {
    return this.record(
      householdId, call,
      { type: 'GrantTrajectoryAccess', occurredOn: body.date, trajectoryId, consultantId: body.consultantId },
    );
  }

  @Post(':trajectoryId/reopening')
  @ApiOperation({ operationId: 'reopenTrajectory', summary: 'Reopen a closed trajectory' })
  @ApiCreatedResponse({ type: VersionResponse, headers: ETAG })
  reopen(
    @Param('householdId', uuid) householdId: string,
    @Param('trajectoryId', uuid) trajectoryId: string,
    @Body() body: ReasonRequest,
    @ConsultantCall() call: ConsultantCall,
  ) {
    return this.record(
      householdId, call,
      { type: 'ReopenTrajectory', occurredOn: body.date, trajectoryId, reason: body.reason },
    );
  }
}
