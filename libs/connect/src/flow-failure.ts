import { isUuid } from '@app/common';
import { CONSUMERS_TENANT_ID, codesFromDescription, explain } from '@app/microsoft';

/** Raised inside the callback to end it as a recorded failure with an end-user message. */
export class FlowFailure extends Error {
  constructor(
    readonly error: string,
    readonly errorCode: string | null,
    readonly customerExplanation: string,
    readonly endUserMessage: string,
    readonly status: 'declined' | 'failed' = 'failed',
  ) {
    super(customerExplanation);
  }
}

/** The failure Microsoft reported in the callback's query (`error`, `error_description`), or null when it reported none. */
export function failureFromCallback(query: Record<string, unknown>): FlowFailure | null {
  if (typeof query.error !== 'string') return null;
  const description = typeof query.error_description === 'string' ? query.error_description : null;
  const codes = codesFromDescription(description);
  const text = explain(query.error, codes);
  return new FlowFailure(
    query.error.slice(0, 100),
    codes.length ? `AADSTS${codes[0]}` : null,
    description ? `${text.customer} Microsoft said: ${description.split(/\r?\n/)[0].slice(0, 500)}` : text.customer,
    text.endUser,
    query.error === 'access_denied' ? 'declined' : 'failed',
  );
}

/** Why an account of tenant `tid` may not connect through a connector for `expected` tenants, or null when it may. */
export function tenantMismatch(expected: string, tid: string): string | null {
  // Connector tenants are stored lower-case (normalizeTenant): a GUID one admits that directory only.
  if (isUuid(expected) && expected !== tid.toLowerCase()) {
    return `The account belongs to tenant ${tid}, but the connector only allows tenant ${expected}.`;
  }
  if (expected === 'consumers' && tid !== CONSUMERS_TENANT_ID) return 'A work or school account signed in, but the connector allows personal accounts only.';
  if (expected === 'organizations' && tid === CONSUMERS_TENANT_ID) return 'A personal account signed in, but the connector allows work or school accounts only.';
  return null;
}
