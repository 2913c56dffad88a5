/** The days before a client secret's expiry at which `connector.secret_expiring` is emitted, largest first. */
export const SECRET_EXPIRY_THRESHOLDS = [30, 7, 1] as const;

const DAY_MS = 86_400_000;

export interface SecretExpiryState {
  expiresAt: Date | null;
  /** The smallest threshold already told for `notifiedFor` (null: none yet). */
  notifiedDays: number | null;
  /** The expiry those notices were for: another expiry (a new secret) starts them again. */
  notifiedFor: Date | null;
}

/**
 * The threshold to tell now, or null when nothing is due: the secret must expire in the future, within the largest
 * threshold; the due threshold is the smallest one >= the whole days left (as the connector view counts them), told
 * unless a notice for this expiry already told it or a smaller one.
 */
export function dueSecretExpiryNotice(state: SecretExpiryState, now: Date): { threshold: number; daysLeft: number } | null {
  const { expiresAt } = state;
  if (!expiresAt || expiresAt.getTime() <= now.getTime()) return null;
  const daysLeft = Math.floor((expiresAt.getTime() - now.getTime()) / DAY_MS);
  const threshold = [...SECRET_EXPIRY_THRESHOLDS].reverse().find((t) => t >= daysLeft);
  if (threshold === undefined) return null;
  const sameExpiry = state.notifiedFor !== null && state.notifiedFor.getTime() === expiresAt.getTime();
  if (sameExpiry && state.notifiedDays !== null && state.notifiedDays <= threshold) return null;
  return { threshold, daysLeft };
}
