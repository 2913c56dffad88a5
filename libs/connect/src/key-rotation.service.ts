import { Injectable, Logger } from '@nestjs/common';
import { clientSecretAad, oauthStateAad, SecretBox, SecretKeyUnavailableError, tokenAad, webhookSecretAad } from '@app/common';
import { SealedColumnRef, SealedSecretsRepository } from './repositories/sealed-secrets.repository';

interface SealedColumn extends SealedColumnRef {
  aad: (row: { id: string; customer_id: string }) => string;
}

/** Every sealed column and the associated data its values were sealed with (re-sealing keeps the same). */
const SEALED_COLUMNS: SealedColumn[] = [
  { table: 'connectors', column: 'client_secret_encrypted', aad: (r) => clientSecretAad(r.customer_id, r.id) },
  { table: 'connections', column: 'access_token_encrypted', aad: (r) => tokenAad(r.customer_id, r.id, 'access_token') },
  { table: 'connections', column: 'refresh_token_encrypted', aad: (r) => tokenAad(r.customer_id, r.id, 'refresh_token') },
  { table: 'oauth_states', column: 'code_verifier_encrypted', aad: (r) => oauthStateAad(r.id, 'code_verifier') },
  { table: 'oauth_states', column: 'session_token_encrypted', aad: (r) => oauthStateAad(r.id, 'session_token') },
  { table: 'webhook_endpoints', column: 'secret_encrypted', aad: (r) => webhookSecretAad(r.customer_id, r.id, 'secret') },
  { table: 'webhook_endpoints', column: 'previous_secret_encrypted', aad: (r) => webhookSecretAad(r.customer_id, r.id, 'previous_secret') },
];

const BATCH = 200;

export interface KeyRotationResult {
  resealed: number;
  /** Values sealed by a key that is not configured: they cannot be re-sealed until the key is added back. */
  unavailable: number;
}

/**
 * Re-seals every stored secret under the active key so an old key can be removed from ENCRYPTION_KEYS.
 * Keyset pages by id over rows not yet under the active key, so a restart simply resumes (done rows are skipped).
 * Each write is a compare-and-swap on the old ciphertext and leaves `version` alone: a token the refresher wrote
 * meanwhile is never overwritten, and the refresher's CAS on version is unaffected by a same-plaintext swap.
 */
@Injectable()
export class KeyRotationService {
  private readonly logger = new Logger(KeyRotationService.name);

  constructor(
    private readonly sealed: SealedSecretsRepository,
    private readonly secrets: SecretBox,
  ) {}

  async run(): Promise<KeyRotationResult> {
    const result: KeyRotationResult = { resealed: 0, unavailable: 0 };
    const activePrefix = `v1.${this.secrets.activeKeyId}.%`;
    for (const col of SEALED_COLUMNS) await this.resealColumn(col, activePrefix, result);
    if (result.resealed || result.unavailable) this.logger.log({ ...result, activeKeyId: this.secrets.activeKeyId }, 'Re-sealed secrets under the active key');
    if (result.unavailable) this.logger.warn({ unavailable: result.unavailable }, 'Some secrets are sealed by keys that are not configured');
    return result;
  }

  /** How many stored values each key id seals, counted from the key id prefix (nothing is decrypted). */
  countByKey(): Promise<Record<string, number>> {
    return this.sealed.countByKey(SEALED_COLUMNS);
  }

  private async resealColumn(col: SealedColumn, activePrefix: string, result: KeyRotationResult): Promise<void> {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = await this.sealed.notSealedUnder(col, activePrefix, after, BATCH);
      for (const row of rows) {
        let resealed: string;
        try {
          resealed = this.secrets.reseal(row.sealed, col.aad(row));
        } catch (error) {
          if (!(error instanceof SecretKeyUnavailableError)) throw error;
          result.unavailable++;
          continue;
        }
        if (await this.sealed.swap(col, row, resealed)) result.resealed++;
      }
      if (rows.length < BATCH) return;
      after = rows[rows.length - 1].id;
    }
  }
}
