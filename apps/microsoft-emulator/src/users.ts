/** The emulator's directory: two tenants (a work tenant and Microsoft's consumer tenant) and three test users. */
export const CONSUMERS_TENANT_ID = '9188040d-6c67-4c5b-b112-36a304b66dad';
export const WORK_TENANT_ID = 'a3c1e0f2-5b7d-4c9e-8f10-2b4d6f8a0c1e';
const WORK_TENANT_DOMAIN = 'contoso.onmicrosoft.com';

export const EMULATOR_TENANTS = {
  work: { id: WORK_TENANT_ID, domains: [WORK_TENANT_DOMAIN, 'contoso.example'], displayName: 'Contoso (emulated)' },
  consumers: { id: CONSUMERS_TENANT_ID, domains: [] as string[], displayName: 'Microsoft Accounts (emulated)' },
} as const;

export type EmulatorUserKey = 'work' | 'personal' | 'guest';

export interface EmulatorUser {
  key: EmulatorUserKey;
  accountType: 'work' | 'personal' | 'guest';
  /** Graph `/me` id (the oid for work/guest, 16 hex characters for personal accounts). */
  id: string;
  /** Object id in the ID token (stable account key together with tid). */
  oid: string;
  tid: string;
  upn: string;
  /** Graph `mail` (null for personal accounts). */
  mail: string | null;
  /** ID token `email` / `preferred_username`. */
  email: string;
  preferredUsername: string;
  displayName: string;
  givenName: string;
  surname: string;
}

export const EMULATOR_USERS: Readonly<Record<EmulatorUserKey, EmulatorUser>> = Object.freeze({
  work: {
    key: 'work',
    accountType: 'work',
    id: '7f3e5c1a-2b4d-4e6f-8a9b-1c2d3e4f5a6b',
    oid: '7f3e5c1a-2b4d-4e6f-8a9b-1c2d3e4f5a6b',
    tid: WORK_TENANT_ID,
    upn: 'megan.bowen@contoso.onmicrosoft.com',
    mail: 'megan.bowen@contoso.onmicrosoft.com',
    email: 'megan.bowen@contoso.onmicrosoft.com',
    preferredUsername: 'megan.bowen@contoso.onmicrosoft.com',
    displayName: 'Megan Bowen',
    givenName: 'Megan',
    surname: 'Bowen',
  },
  personal: {
    key: 'personal',
    accountType: 'personal',
    id: '4a1b2c3d4e5f6a7b',
    oid: '00000000-0000-0000-4a1b-2c3d4e5f6a7b',
    tid: CONSUMERS_TENANT_ID,
    upn: 'sam.taylor@outlook.example',
    mail: null,
    email: 'sam.taylor@outlook.example',
    preferredUsername: 'sam.taylor@outlook.example',
    displayName: 'Sam Taylor',
    givenName: 'Sam',
    surname: 'Taylor',
  },
  guest: {
    key: 'guest',
    accountType: 'guest',
    id: '2d4f6a8c-0e1b-4c3d-9e5f-7a9b1c3d5e7f',
    oid: '2d4f6a8c-0e1b-4c3d-9e5f-7a9b1c3d5e7f',
    tid: WORK_TENANT_ID,
    upn: 'alex.wilber_fabrikam.example#EXT#@contoso.onmicrosoft.com',
    mail: 'alex.wilber@fabrikam.example',
    email: 'alex.wilber@fabrikam.example',
    preferredUsername: 'alex.wilber@fabrikam.example',
    displayName: 'Alex Wilber (Fabrikam)',
    givenName: 'Alex',
    surname: 'Wilber',
  },
});

/** Finds a user by key ("work"), oid, Graph id, UPN or e-mail (case-insensitive). */
export function findUser(ref: string | undefined | null): EmulatorUser | undefined {
  if (!ref) return undefined;
  const needle = ref.trim().toLowerCase();
  return Object.values(EMULATOR_USERS).find(
    (u) =>
      u.key === needle ||
      u.oid.toLowerCase() === needle ||
      u.id.toLowerCase() === needle ||
      u.upn.toLowerCase() === needle ||
      u.email.toLowerCase() === needle,
  );
}
