import stringify from 'safe-stable-stringify';
import { MasterKey } from '@casusregie/config';

/**
 * The secret that links the processing log's records: an HMAC-SHA256 key derived (HKDF-SHA256) from the master key the
 * processes already have (PERSONAL_DATA_MASTER_KEY, or in embedded mode the one generated into DATA_DIR). The database
 * never holds it, so whoever can only write to the database cannot make a changed record fit the chain again.
 */
export class ProcessingLogKey {
  private constructor(private readonly digest: (text: string) => string) {}

  /** A key of its own (HKDF with its own label), from which neither the master key nor any other derived key can be learnt. */
  static of(masterKey: MasterKey): ProcessingLogKey {
    return new ProcessingLogKey(masterKey.digester('processing-log chain v1'));
  }

  /** From the master key as configured: base64 of 32 bytes. */
  static fromMasterKey(masterKeyBase64: string): ProcessingLogKey {
    return ProcessingLogKey.of(MasterKey.fromBase64(masterKeyBase64));
  }

  /** The link of a record: a MAC over every field but the MAC itself (the previous record's MAC included), canonical JSON. */
  recordMac(content: object): string {
    return this.mac('record', stringify(content) ?? '');
  }

  /** The tag that makes an anchor (a chain head kept elsewhere) genuine: only a holder of the key can make one. */
  anchorTag(seq: number, mac: string): string {
    return this.mac('anchor', `${seq}:${mac}`);
  }

  /**
   * Where this chain's anchor is kept, for a given database: deployments and test databases that share a Redis or a
   * directory keep apart. Derived from the key and the database's name — never from anything stored in the
   * database, so writing to the database cannot point verification at another (empty) slot.
   */
  anchorSlot(databaseName: string): string {
    return this.mac('anchor-slot', databaseName).slice(0, 32);
  }

  // Each use gets its own prefix, so a MAC made for one can never pass for another.
  private mac(purpose: string, text: string): string {
    return this.digest(`${purpose}\n${text}`);
  }
}
