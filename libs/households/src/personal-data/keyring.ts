import { DomainError, ERASED } from '@casusregie/domain';
import { PersonalField } from './personal-data-fields';
import { isSealed, seal, subjectOf, unseal } from './sealed-value';

/**
 * The data keys of the subjects one piece of work needs, fetched in one query by the {@link PersonalDataVault}.
 * A subject whose key was destroyed maps to `null`: what was sealed under it reads {@link ERASED}, and sealing
 * anything new under it is refused (`member-erased`) rather than stored as a marker nobody asked for.
 *
 * Every value is sealed for, and opened as, one field of the map of personal fields (personal-data-fields.ts).
 */
export class Keyring {
  constructor(private readonly keys: ReadonlyMap<string, Buffer | null> = new Map()) {}

  /** Whether this keyring holds the subject's key, or knows it was destroyed. */
  has(subject: string): boolean {
    return this.keys.has(subject);
  }

  /** This keyring and `other`'s keys together. */
  with(other: Keyring): Keyring {
    return new Keyring(new Map([...this.keys, ...other.keys]));
  }

  seal(plaintext: string, subject: string, field: PersonalField): string {
    const key = this.keyOf(subject);
    if (key === null) throw new DomainError('member-erased', `The personal data of ${subject.split(':')[0]} ${subject.split(':')[1]} was erased; nothing new can be recorded about it`);
    return seal(plaintext, subject, field, key);
  }

  /**
   * A value from an event, found in `field`: sealed ones are opened, anything else (ids, codes, dates) is returned as
   * it is. Throws when the value was sealed for another field or altered.
   */
  open(value: string, field: PersonalField): string {
    if (!isSealed(value)) return value;
    const key = this.keyOf(subjectOf(value));
    return key === null ? ERASED : unseal(value, field, key);
  }

  private keyOf(subject: string): Buffer | null {
    const key = this.keys.get(subject);
    // A sealed value whose key row is missing means the keys table was not restored with the events: say so loudly.
    if (key === undefined) throw new Error(`No data key for subject ${subject}: restore personal_data_keys together with the events`);
    return key;
  }
}
