import { DomainError } from './domain-error';
import { HouseholdCommand, MakeReferral } from './household-commands';
import { ReferralCategory } from './vocabulary';

/** Categories whose referrals go to care providers the municipality contracts, which must be in its registry. */
export const CONTRACTED_CATEGORIES: readonly ReferralCategory[] = ['maatwerk'];

/** A municipality's contract with a care provider, as far as a referral needs it. */
export interface ContractedProvider {
  /** The name the municipality knows the provider by: the one recorded. */
  name: string;
  productCategories: readonly string[];
}

/** Whether the command is a referral that must name a provider the municipality contracts. */
export function needsContractedProvider(command: HouseholdCommand): command is MakeReferral {
  return command.type === 'MakeReferral' && CONTRACTED_CATEGORIES.includes(command.category);
}

/**
 * A referral to maatwerk goes to a provider the municipality contracts for that category: it is the provider who
 * will answer and report care. The name in the municipality's contract is recorded. Other organisations (sociale
 * basis, voorliggend veld) need not be registered. `contract`: the municipality's contract with the named provider,
 * if any (the command handler looks it up).
 */
export function referralToContractedProvider(command: MakeReferral, municipality: string, contract: ContractedProvider | undefined): MakeReferral {
  const { agbCode } = command.organisation;
  if (agbCode === undefined || contract === undefined || !contract.productCategories.includes(command.category)) {
    throw new DomainError(
      'provider-not-contracted',
      `AGB ${agbCode ?? '(none)'} is not a registered provider contracted by ${municipality} for ${command.category}`,
    );
  }
  return { ...command, organisation: { agbCode, name: contract.name } };
}
