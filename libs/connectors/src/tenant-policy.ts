import { DomainError, UUID_RE } from '@app/common';

const TENANT_ALIASES = ['common', 'organizations', 'consumers'] as const;
const DOMAIN = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/** common, organizations, consumers, a directory (tenant) GUID, or a verified domain such as contoso.onmicrosoft.com. */
export function normalizeTenant(raw: string): string {
  const value = raw.trim();
  const lower = value.toLowerCase();
  if ((TENANT_ALIASES as readonly string[]).includes(lower)) return lower;
  if (UUID_RE.test(value)) return lower;
  if (DOMAIN.test(value)) return lower;
  throw new DomainError(
    'INVALID_TENANT',
    `"${raw}" is not a tenant Microsoft accepts. Use common, organizations, consumers, the Directory (tenant) ID (a GUID) or a verified domain such as contoso.onmicrosoft.com.`,
    {
      errors: [
        { field: 'tenant', code: 'invalid_tenant', value: raw, allowed: [...TENANT_ALIASES, '<tenant GUID>', '<verified domain>'], message: `"${raw}" is not a valid tenant` },
      ],
    },
  );
}
