import { Injectable } from '@nestjs/common';
import { Principal } from '@casusregie/auth';
import { ERASED, HouseholdCommand, isBusinessDate } from '@casusregie/domain';
import { HouseholdDetails, Keyring, openHouseholdDetails, sealedSubjectsOfDetails } from '@casusregie/households';
import { ProblemHttpException } from '@casusregie/http';
import { householdReadModelsProjection, InboxPosition, ProviderReferralInbox, ProviderReferralRow } from '@casusregie/projections';
import { InjectStorage, ProjectionTriggerLifecycle } from '@casusregie/runtime';
import { Storage } from '@casusregie/storage';
import { HouseholdCommandService } from '../households/household-command.service';
import { ProcessingLogService } from '../processing-log/processing-log.service';
import { decodeCursor, DEFAULT_PAGE_SIZE, pageOf, UUID_PATTERN } from '../validation/page-query';

/** Inbox filters, in the provider's words, onto the referral statuses of the domain. */
export const INBOX_STATUSES = {
  new: ['made'],
  accepted: ['accepted'],
  'in-care': ['in-care'],
  ended: ['care-ended', 'declined', 'withdrawn'],
} as const;
export type InboxStatus = keyof typeof INBOX_STATUSES;

/**
 * A provider's view of the referrals addressed to it (its AGB code is the token's `org`), with the minimum it needs
 * to act: who the client is and how to reach them and the casusregisseur — nothing else of the household. A referral
 * of another provider does not exist for it: 404, exactly as an unknown id.
 */
@Injectable()
export class ProviderReferralsService {
  constructor(
    private readonly inboxes: ProviderReferralInbox,
    @InjectStorage() private readonly storage: Storage,
    private readonly projections: ProjectionTriggerLifecycle,
    private readonly commands: HouseholdCommandService,
    private readonly processingLog: ProcessingLogService,
  ) {}

  /** One page of the inbox: newest referral first, `limit` of them after the cursor `after`. */
  async inbox(principal: Principal, query: { status?: InboxStatus; limit?: number; after?: string }) {
    const agbCode = providerCode(principal);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = query.after === undefined ? undefined : decodeCursor(query.after, isInboxPosition);
    await this.catchUp();
    const rows = await this.inboxes.page(agbCode, {
      statuses: query.status === undefined ? undefined : INBOX_STATUSES[query.status],
      after,
      limit: limit + 1,
    });
    const { page: shown, next } = pageOf(rows, limit, (row): InboxPosition => ({ madeOn: row.made_on, referralId: row.referral_id }));
    for (const municipality of new Set(shown.map((row) => row.municipality))) {
      const ofMunicipality = shown.filter((row) => row.municipality === municipality);
      await this.processingLog.processed('provider.referrals.read', ofMunicipality.flatMap(subjectsOf), principal, 'provider', municipality);
    }
    return { referrals: await this.inboxItems(shown), next };
  }

  async referral(principal: Principal, referralId: string) {
    // As the inbox does: a provider reading back its own report (acceptance, care start, care end) sees it.
    await this.catchUp();
    const row = await this.find(principal, referralId);
    await this.processingLog.processed('provider.referral.read', subjectsOf(row), principal, 'provider', row.municipality);
    return (await this.inboxItems([row]))[0];
  }

  /** The read model keeps the client's details and the casusregisseur's name sealed: opened here, for this answer only. */
  private async inboxItems(rows: readonly ProviderReferralRow[]) {
    const shown = rows.map((row) => ({ row, details: detailsShown(row) }));
    const subjects = new Set<string>();
    for (const { details } of shown) sealedSubjectsOfDetails(details, subjects);
    const keyring = subjects.size === 0 ? new Keyring() : await this.storage.personalData.keyringToRead(subjects);
    return shown.map(({ row, details }) => toInboxItem(row, openHouseholdDetails(details, (sealed, field) => keyring.open(sealed, field))));
  }

  /** Records a provider's report on one of its referrals, as the provider. */
  async act(principal: Principal, referralId: string, command: (ids: { trajectoryId: string; referralId: string }) => HouseholdCommand, correlationId: string) {
    const row = await this.find(principal, referralId);
    const result = await this.commands.execute(row.household_id, command({ trajectoryId: row.trajectory_id, referralId }), {
      principal,
      actorRole: 'provider',
      correlationId,
      withinMunicipality: false,
    });
    return { referralId, eventIds: result.events.map((event) => event.eventId) };
  }

  private async find(principal: Principal, referralId: string): Promise<ProviderReferralRow> {
    const agbCode = providerCode(principal);
    let row = await this.inboxes.find(referralId, agbCode);
    if (row === undefined) {
      // Made a moment ago: the read model may not have it yet.
      await this.catchUp();
      row = await this.inboxes.find(referralId, agbCode);
    }
    if (row === undefined) throw new ProblemHttpException(404, { code: 'referral-not-found', detail: `No referral ${referralId}` });
    return row;
  }

  private async catchUp(): Promise<void> {
    await this.projections.runner.catchUp(householdReadModelsProjection(this.storage.personalData));
  }
}

function isInboxPosition(value: Record<string, unknown>): value is Record<string, unknown> & InboxPosition {
  return isBusinessDate(value.madeOn) && typeof value.referralId === 'string' && UUID_PATTERN.test(value.referralId);
}

/** A provider sees one client of a household: that member is the data subject. */
function subjectsOf(row: ProviderReferralRow): string[] {
  return [`household:${row.household_id}`, `member:${row.member_id}`];
}

function providerCode(principal: Principal): string {
  if (principal.org === undefined || !/^\d{8}$/.test(principal.org)) {
    throw new ProblemHttpException(403, { code: 'no-provider-code', detail: 'A provider token carries its AGB code (8 digits) as `org`.' });
  }
  return principal.org;
}

/** What a provider is shown of the household: its client, the client's address and the casusregisseur. */
function detailsShown(row: ProviderReferralRow): HouseholdDetails {
  const member = row.state.members.find((m) => m.memberId === row.member_id);
  const residence = row.state.residences.find((r) => member?.residenceIds.includes(r.residenceId));
  return { members: member === undefined ? [] : [member], residences: residence === undefined ? [] : [residence], coordinator: row.state.coordinator };
}

function toInboxItem(row: ProviderReferralRow, details: HouseholdDetails) {
  const [member] = details.members;
  const [residence] = details.residences;
  // An erased client is shown as such, without the markers their sealed details now open to. The keys go before the
  // read model hears of the erasure: a client whose details open as erased is erased.
  const erased = member !== undefined && (member.erasedOn !== undefined || member.birthDate === ERASED);
  const shown = erased ? undefined : member;
  return {
    referralId: row.referral_id,
    municipality: row.municipality,
    category: row.category,
    productCode: row.product_code,
    status: row.status,
    dates: {
      madeOn: row.made_on,
      acceptedOn: row.accepted_on,
      declinedOn: row.declined_on,
      withdrawnOn: row.withdrawn_on,
      careStartedOn: row.care_started_on,
      careEndedOn: row.care_ended_on,
    },
    careEndReason: row.care_end_reason,
    client: {
      erased,
      givenName: shown?.givenName ?? null,
      familyName: shown?.familyName ?? null,
      birthDate: shown?.birthDate ?? null,
      address: residence === undefined ? null : { postcode: residence.postcode ?? null, houseNumber: residence.houseNumber ?? null },
    },
    coordinator: details.coordinator === undefined ? null : { id: details.coordinator.coordinatorId, name: details.coordinator.name },
  };
}
