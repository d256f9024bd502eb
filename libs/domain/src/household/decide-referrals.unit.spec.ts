import { givenHousehold } from '../testing/decider-specification';
import { CALEIDOZ, cmd, ev, GGNET, haddad, R_CALEIDOZ, R_GGNET, T_YUSUF_GGZ } from '../testing/household-fixtures';
import { HouseholdEvent } from './household-events';
import { HouseholdState, Referral } from './household-state';

function referral(state: HouseholdState, referralId: string): Referral {
  const found = state.trajectories.find((t) => t.trajectoryId === T_YUSUF_GGZ)?.referrals.find((r) => r.referralId === referralId);
  if (found === undefined) throw new Error(`no referral ${referralId} in the state`);
  return found;
}

/** Yusuf's GGZ trajectory with the GGNet referral made on 05-15 (…), then each answer of the provider. */
const made = () => haddad.withGgnetReferral();
const accepted = () => [...made(), ev.referralAccepted(T_YUSUF_GGZ, R_GGNET, '2026-05-20')];
const declined = () => [...made(), ev.referralDeclined(T_YUSUF_GGZ, R_GGNET, '2026-05-20', 'Groep vol')];
const withdrawn = () => [...made(), ev.referralWithdrawn(T_YUSUF_GGZ, R_GGNET, '2026-05-18', 'Inwoner ziet ervan af')];
const inCare = () => [...accepted(), ev.careStarted(T_YUSUF_GGZ, R_GGNET, '2026-06-01')];
const careEnded = () => [...inCare(), ev.careEnded(T_YUSUF_GGZ, R_GGNET, '2026-09-15', '19')];

describe('decide: referrals (doorverwijzing) and care reported by the provider', () => {
  describe('MakeReferral', () => {
    it('refers Yusuf to the GGNet group intervention with a warm handover', () => {
      givenHousehold(haddad.withYusufExplored())
        .when(cmd.makeReferral(T_YUSUF_GGZ, R_GGNET, '2026-05-15'))
        .then([
          {
            type: 'ReferralMade',
            occurredOn: '2026-05-15',
            data: {
              trajectoryId: 'traj-yusuf-ggz',
              referralId: 'ref-ggnet',
              organisation: { agbCode: '73730001', name: 'GGNet groepsinterventie statushouders' },
              category: 'lichtere-zorg',
              productCode: '45A49',
              warmHandover: true,
              referrerRole: 'sociaal-team',
            },
          },
        ]);
    });

    it('leaves the product code out of the event when there is none', () => {
      const events = givenHousehold(haddad.withYusufExplored())
        .when(cmd.makeReferral(T_YUSUF_GGZ, R_CALEIDOZ, '2026-05-15'))
        .then([ev.referralMade(T_YUSUF_GGZ, R_CALEIDOZ, '2026-05-15')]);
      expect(events).toStrictEqual([
        {
          type: 'ReferralMade',
          occurredOn: '2026-05-15',
          data: {
            trajectoryId: 'traj-yusuf-ggz',
            referralId: 'ref-caleidoz',
            organisation: { name: 'Caleidoz welzijnscoach' },
            category: 'voorliggend-veld',
            warmHandover: false,
            referrerRole: 'sociaal-team',
          },
        },
      ]);
    });

    it('records a referral by the wijk-GGD (counted for K3)', () => {
      givenHousehold(haddad.withYusufExplored())
        .when(cmd.makeReferral(T_YUSUF_GGZ, 'ref-wijk-ggd', '2026-05-15', { referrerRole: 'wijk-ggd', category: 'specialistische-ggz' }))
        .then([ev.referralMade(T_YUSUF_GGZ, 'ref-wijk-ggd', '2026-05-15', { referrerRole: 'wijk-ggd', category: 'specialistische-ggz' })]);
    });

    it('shows the referral as made, awaiting the provider’s answer, beside a second referral of the same day', () => {
      const state = givenHousehold(made()).when(cmd.makeReferral(T_YUSUF_GGZ, R_CALEIDOZ, '2026-05-15')).thenState();
      const referrals = state.trajectories[0].referrals;
      expect(referrals.map((r) => r.referralId)).toEqual(['ref-ggnet', 'ref-caleidoz']);
      expect(referrals[0]).toEqual({
        referralId: 'ref-ggnet',
        madeOn: '2026-05-15',
        organisation: GGNET,
        category: 'lichtere-zorg',
        productCode: '45A49',
        warmHandover: true,
        referrerRole: 'sociaal-team',
        status: 'made',
      });
      expect(referrals[1]).toEqual({
        referralId: 'ref-caleidoz',
        madeOn: '2026-05-15',
        organisation: CALEIDOZ,
        category: 'voorliggend-veld',
        warmHandover: false,
        referrerRole: 'sociaal-team',
        status: 'made',
      });
    });

    it('rejects a referral id already used in the trajectory', () => {
      givenHousehold(made()).when(cmd.makeReferral(T_YUSUF_GGZ, R_GGNET, '2026-05-16')).thenRejects('referral-already-exists');
    });

    it('rejects reusing the id of a declined referral', () => {
      givenHousehold(declined()).when(cmd.makeReferral(T_YUSUF_GGZ, R_GGNET, '2026-05-21')).thenRejects('referral-already-exists');
    });
  });

  describe('AcceptReferral', () => {
    it('records that GGNet accepted the referral', () => {
      givenHousehold(made())
        .when(cmd.acceptReferral(T_YUSUF_GGZ, R_GGNET, '2026-05-20'))
        .then([{ type: 'ReferralAccepted', occurredOn: '2026-05-20', data: { trajectoryId: 'traj-yusuf-ggz', referralId: 'ref-ggnet' } }]);
    });

    it('accepts an acceptance on the day of the referral', () => {
      givenHousehold(made())
        .when(cmd.acceptReferral(T_YUSUF_GGZ, R_GGNET, '2026-05-15'))
        .then([ev.referralAccepted(T_YUSUF_GGZ, R_GGNET, '2026-05-15')]);
    });

    it('rejects an answer to a referral that does not exist', () => {
      givenHousehold(made()).when(cmd.acceptReferral(T_YUSUF_GGZ, R_CALEIDOZ, '2026-05-20')).thenRejects('referral-not-found');
    });

    it.each([
      ['accepted', accepted],
      ['declined', declined],
      ['withdrawn', withdrawn],
      ['in care', inCare],
      ['ended', careEnded],
    ] as [string, () => HouseholdEvent[]][])('rejects accepting a referral that is already %s', (_status, given) => {
      givenHousehold(given()).when(cmd.acceptReferral(T_YUSUF_GGZ, R_GGNET, '2026-10-01')).thenRejects('referral-not-pending');
    });

    it('rejects an acceptance dated before the referral', () => {
      givenHousehold(made()).when(cmd.acceptReferral(T_YUSUF_GGZ, R_GGNET, '2026-05-14')).thenRejects('date-out-of-order');
    });
  });

  describe('DeclineReferral', () => {
    it('records that GGNet declined the referral, with its reason', () => {
      givenHousehold(made())
        .when(cmd.declineReferral(T_YUSUF_GGZ, R_GGNET, '2026-05-20', 'Groep vol'))
        .then([
          {
            type: 'ReferralDeclined',
            occurredOn: '2026-05-20',
            data: { trajectoryId: 'traj-yusuf-ggz', referralId: 'ref-ggnet', reason: 'Groep vol' },
          },
        ]);
    });

    it('shows the referral declined with date and reason', () => {
      const r = referral(givenHousehold(made()).when(cmd.declineReferral(T_YUSUF_GGZ, R_GGNET, '2026-05-20', 'Groep vol')).thenState(), R_GGNET);
      expect(r.status).toBe('declined');
      expect(r.declinedOn).toBe('2026-05-20');
      expect(r.declineReason).toBe('Groep vol');
      expect(r.acceptedOn).toBeUndefined();
    });

    it('rejects declining a referral that does not exist', () => {
      givenHousehold(made()).when(cmd.declineReferral(T_YUSUF_GGZ, 'ref-onbekend', '2026-05-20')).thenRejects('referral-not-found');
    });

    it.each([
      ['accepted', accepted],
      ['declined', declined],
      ['withdrawn', withdrawn],
      ['in care', inCare],
    ] as [string, () => HouseholdEvent[]][])('rejects declining a referral that is already %s', (_status, given) => {
      givenHousehold(given()).when(cmd.declineReferral(T_YUSUF_GGZ, R_GGNET, '2026-10-01')).thenRejects('referral-not-pending');
    });

    it('rejects a decline dated before the referral', () => {
      givenHousehold(made()).when(cmd.declineReferral(T_YUSUF_GGZ, R_GGNET, '2026-05-14')).thenRejects('date-out-of-order');
    });
  });

  describe('WithdrawReferral', () => {
    it('withdraws a referral still awaiting an answer', () => {
      givenHousehold(made())
        .when(cmd.withdrawReferral(T_YUSUF_GGZ, R_GGNET, '2026-05-18', 'Inwoner ziet ervan af'))
        .then([
          {
            type: 'ReferralWithdrawn',
            occurredOn: '2026-05-18',
            data: { trajectoryId: 'traj-yusuf-ggz', referralId: 'ref-ggnet', reason: 'Inwoner ziet ervan af' },
          },
        ]);
    });

    it('withdraws an accepted referral before care starts, keeping the acceptance on record', () => {
      const r = referral(
        givenHousehold(accepted()).when(cmd.withdrawReferral(T_YUSUF_GGZ, R_GGNET, '2026-05-25', 'Verhuisd')).thenState(),
        R_GGNET,
      );
      expect(r).toEqual({
        referralId: 'ref-ggnet',
        madeOn: '2026-05-15',
        organisation: GGNET,
        category: 'lichtere-zorg',
        productCode: '45A49',
        warmHandover: true,
        referrerRole: 'sociaal-team',
        status: 'withdrawn',
        acceptedOn: '2026-05-20',
        withdrawnOn: '2026-05-25',
        withdrawalReason: 'Verhuisd',
      });
    });

    it('rejects withdrawing a referral that does not exist', () => {
      givenHousehold(made()).when(cmd.withdrawReferral(T_YUSUF_GGZ, R_CALEIDOZ, '2026-05-18')).thenRejects('referral-not-found');
    });

    it.each([
      ['declined', declined],
      ['withdrawn', withdrawn],
      ['in care', inCare],
      ['ended', careEnded],
    ] as [string, () => HouseholdEvent[]][])('rejects withdrawing a referral that is %s', (_status, given) => {
      givenHousehold(given()).when(cmd.withdrawReferral(T_YUSUF_GGZ, R_GGNET, '2026-10-01')).thenRejects('referral-not-withdrawable');
    });

    it('rejects a withdrawal dated before the referral', () => {
      givenHousehold(made()).when(cmd.withdrawReferral(T_YUSUF_GGZ, R_GGNET, '2026-05-14')).thenRejects('date-out-of-order');
    });

    it('rejects a withdrawal of an accepted referral dated before the acceptance', () => {
      givenHousehold(accepted()).when(cmd.withdrawReferral(T_YUSUF_GGZ, R_GGNET, '2026-05-19')).thenRejects('date-out-of-order');
    });
  });

  describe('StartCare', () => {
    it('records the start of care reported by GGNet', () => {
      givenHousehold(accepted())
        .when(cmd.startCare(T_YUSUF_GGZ, R_GGNET, '2026-06-01'))
        .then([{ type: 'CareStarted', occurredOn: '2026-06-01', data: { trajectoryId: 'traj-yusuf-ggz', referralId: 'ref-ggnet' } }]);
    });

    it('accepts care starting on the day of the acceptance', () => {
      givenHousehold(accepted()).when(cmd.startCare(T_YUSUF_GGZ, R_GGNET, '2026-05-20')).then([ev.careStarted(T_YUSUF_GGZ, R_GGNET, '2026-05-20')]);
    });

    it('rejects care on a referral the provider has not accepted yet', () => {
      givenHousehold(made()).when(cmd.startCare(T_YUSUF_GGZ, R_GGNET, '2026-06-01')).thenRejects('referral-not-accepted');
    });

    it.each([
      ['declined', declined],
      ['withdrawn', withdrawn],
      ['already in care', inCare],
      ['ended', careEnded],
    ] as [string, () => HouseholdEvent[]][])('rejects care on a referral that is %s', (_status, given) => {
      givenHousehold(given()).when(cmd.startCare(T_YUSUF_GGZ, R_GGNET, '2026-10-01')).thenRejects('referral-not-accepted');
    });

    it('rejects a care start dated before the acceptance', () => {
      givenHousehold(accepted()).when(cmd.startCare(T_YUSUF_GGZ, R_GGNET, '2026-05-19')).thenRejects('date-out-of-order');
    });

    it('rejects care on a referral that does not exist', () => {
      givenHousehold(accepted()).when(cmd.startCare(T_YUSUF_GGZ, R_CALEIDOZ, '2026-06-01')).thenRejects('referral-not-found');
    });
  });

  describe('EndCare', () => {
    it('records the end of care with iWmo reason 19 (volgens plan beëindigd)', () => {
      givenHousehold(inCare())
        .when(cmd.endCare(T_YUSUF_GGZ, R_GGNET, '2026-09-15', '19'))
        .then([
          { type: 'CareEnded', occurredOn: '2026-09-15', data: { trajectoryId: 'traj-yusuf-ggz', referralId: 'ref-ggnet', reasonCode: '19' } },
        ]);
    });

    it('accepts care ending on the day it started', () => {
      givenHousehold(inCare())
        .when(cmd.endCare(T_YUSUF_GGZ, R_GGNET, '2026-06-01', '21'))
        .then([ev.careEnded(T_YUSUF_GGZ, R_GGNET, '2026-06-01', '21')]);
    });

    it.each([
      ['awaiting an answer', made],
      ['accepted but not started', accepted],
      ['declined', declined],
      ['already ended', careEnded],
    ] as [string, () => HouseholdEvent[]][])('rejects ending care on a referral %s', (_status, given) => {
      givenHousehold(given()).when(cmd.endCare(T_YUSUF_GGZ, R_GGNET, '2026-10-01')).thenRejects('care-not-started');
    });

    it('rejects an end of care dated before its start', () => {
      givenHousehold(inCare()).when(cmd.endCare(T_YUSUF_GGZ, R_GGNET, '2026-05-31')).thenRejects('date-out-of-order');
    });

    it('rejects ending care on a referral that does not exist', () => {
      givenHousehold(inCare()).when(cmd.endCare(T_YUSUF_GGZ, R_CALEIDOZ, '2026-09-15')).thenRejects('referral-not-found');
    });
  });

  describe('the life of one referral in the state', () => {
    it('moves from made to accepted to in care to care ended, keeping each date', () => {
      const r = (given: HouseholdEvent[]) => referral(givenHousehold(given).state, R_GGNET);
      expect(r(made())).toMatchObject({ status: 'made', madeOn: '2026-05-15' });
      expect(r(accepted())).toMatchObject({ status: 'accepted', madeOn: '2026-05-15', acceptedOn: '2026-05-20' });
      expect(r(inCare())).toMatchObject({ status: 'in-care', acceptedOn: '2026-05-20', careStartedOn: '2026-06-01' });

      const ended = referral(givenHousehold(inCare()).when(cmd.endCare(T_YUSUF_GGZ, R_GGNET, '2026-09-15', '38')).thenState(), R_GGNET);
      expect(ended).toEqual({
        referralId: 'ref-ggnet',
        madeOn: '2026-05-15',
        organisation: GGNET,
        category: 'lichtere-zorg',
        productCode: '45A49',
        warmHandover: true,
        referrerRole: 'sociaal-team',
        status: 'care-ended',
        acceptedOn: '2026-05-20',
        careStartedOn: '2026-06-01',
        careEndedOn: '2026-09-15',
        careEndReason: '38',
      });
    });

    it('moves the trajectory’s last step with every answer of the provider', () => {
      const state = givenHousehold(inCare()).when(cmd.endCare(T_YUSUF_GGZ, R_GGNET, '2026-09-15')).thenState();
      expect(state.trajectories[0].lastStepOn).toBe('2026-09-15');
    });
  });
});
