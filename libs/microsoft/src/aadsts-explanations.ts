/**
 * Plain-language explanations of what Microsoft answered, for two readers: the platform customer debugging its
 * setup (connect attempts, connection status) and the end user looking at the callback page.
 */
export interface Explanation {
  /** For the platform customer: what went wrong and how to fix the setup. */
  customer: string;
  /** For the end user: what happened and what to do now. */
  endUser: string;
}

const FIX_SETUP_END_USER =
  'The app you are connecting to has a setup problem with Microsoft. Nothing was connected. Please tell its support team; you can try again once they have fixed it.';

const BY_CODE: Record<number, Explanation> = {
  7000215: {
    customer: 'Invalid client secret (AADSTS7000215). Usually the secret ID was pasted instead of the secret VALUE: in Azure open "Certificates & secrets", create a new secret and paste its Value column into the connector.',
    endUser: FIX_SETUP_END_USER,
  },
  7000222: {
    customer: 'The client secret has expired (AADSTS7000222). Create a new secret in Azure ("Certificates & secrets") and save its value in the connector.',
    endUser: FIX_SETUP_END_USER,
  },
  7000218: {
    customer: 'Microsoft expected a client secret (AADSTS7000218): the app is registered as a Web (confidential) app. Save its client secret, or register the callback URL under "Mobile and desktop applications" and set the client type to public.',
    endUser: FIX_SETUP_END_USER,
  },
  700025: {
    customer: 'Microsoft refused the client secret because the app is a public client (AADSTS700025). Set the connector\'s client type to public, or register the callback URL under the "Web" platform.',
    endUser: FIX_SETUP_END_USER,
  },
  700016: {
    customer: 'The client ID is not registered in this tenant (AADSTS700016). Check the Application (client) ID, and that "Supported account types" in Azure includes the accounts your users sign in with (multitenant and personal accounts for tenant "common").',
    endUser: FIX_SETUP_END_USER,
  },
  50011: {
    customer: 'The redirect URI does not match the one registered in Azure (AADSTS50011). Register the connector\'s callback URL exactly, under the platform the connector shows.',
    endUser: FIX_SETUP_END_USER,
  },
  700005: {
    customer: 'The authorization code was redeemed on a different tenant than it was issued for (AADSTS700005). This is a Latchkey bug; please report it.',
    endUser: 'Something went wrong while finishing the connection. Please try again.',
  },
  54005: {
    customer: 'The authorization code was already redeemed (AADSTS54005), usually a double-submitted callback. The end user should start again.',
    endUser: 'This sign-in link was already used. Please start the connection again.',
  },
  501481: {
    customer: 'The PKCE code verifier did not match (AADSTS501481). The end user should start again.',
    endUser: 'The sign-in could not be verified. Please start the connection again.',
  },
  70008: {
    customer: 'The authorization code or refresh token has expired (AADSTS70008). The end user must connect again.',
    endUser: 'The sign-in took too long and expired. Please start the connection again.',
  },
  700082: {
    customer: 'The refresh token expired after inactivity (AADSTS700082). The end user must reconnect.',
    endUser: 'Your Microsoft connection has expired. Please reconnect.',
  },
  50173: {
    customer: 'The grant was revoked, typically after a password change or an admin revoking sessions (AADSTS50173). The end user must reconnect.',
    endUser: 'Your Microsoft sign-in was revoked (for example after a password change). Please reconnect.',
  },
  70000: {
    customer: 'The grant is invalid or malformed (AADSTS70000). The end user must reconnect.',
    endUser: 'Your Microsoft connection is no longer valid. Please reconnect.',
  },
  65001: {
    customer: 'The user or an administrator has not consented to (or has revoked consent for) the requested permissions (AADSTS65001). The end user must reconnect and consent.',
    endUser: 'Permission for this app was removed from your Microsoft account. Please reconnect and accept the permissions.',
  },
  65004: {
    customer: 'The end user declined to consent (AADSTS65004).',
    endUser: 'You declined the permissions, so nothing was connected. You can try again whenever you like.',
  },
  50076: {
    customer: 'Multi-factor authentication is required by the user\'s organisation (AADSTS50076). The end user must reconnect interactively.',
    endUser: 'Your organisation requires an extra sign-in step. Please reconnect and complete it.',
  },
  50079: {
    customer: 'The user must enrol in multi-factor authentication (AADSTS50079). The end user must reconnect interactively.',
    endUser: 'Your organisation requires you to set up multi-factor authentication. Please reconnect and follow the steps.',
  },
  90094: {
    customer: 'The user\'s organisation requires an administrator to approve this app (AADSTS90094). Ask the tenant admin to grant consent, or use scopes that users may consent to.',
    endUser: 'Your organisation requires an administrator to approve this app. Ask your IT administrator to approve it, then try again.',
  },
  90095: {
    customer: 'Admin consent is required by the user\'s organisation (AADSTS90095). The user can request approval through the admin consent workflow.',
    endUser: 'Your organisation requires an administrator to approve this app. Ask your IT administrator to approve it, then try again.',
  },
  28000: {
    customer: 'Scopes of more than one resource were requested (AADSTS28000). Keep only Microsoft Graph scopes in the connector.',
    endUser: FIX_SETUP_END_USER,
  },
  7000112: {
    customer: 'This user\'s organisation has disabled your app (AADSTS7000112). Only this connection is stopped: their administrator must re-enable the app under "Enterprise applications", then the user connects again.',
    endUser: 'Your organisation has disabled this app in Microsoft. Ask your IT administrator to enable it, then connect again.',
  },
  90002: {
    customer: 'Microsoft no longer knows this user\'s tenant (AADSTS90002): the directory was deleted or renamed. Only this connection is stopped; the user must connect again with a current account.',
    endUser: 'Microsoft could not find your organisation\'s directory. Connect again with your current work account.',
  },
  65005: {
    customer: 'This user\'s organisation cannot grant the permissions your app requests (AADSTS65005): the app asks for a resource that tenant does not provide or has blocked. Only this connection is stopped; the user\'s administrator must allow the app.',
    endUser: 'Your organisation does not allow this app the access it needs. Ask your IT administrator, then connect again.',
  },
  50020: {
    customer: 'The account cannot sign in to this tenant (AADSTS50020): for example a personal account on a work-only app. Check "Supported account types" in Azure and the connector\'s tenant.',
    endUser: 'This Microsoft account cannot be used with this app. Try a different account (for example your work account).',
  },
};

const BY_ERROR: Record<string, Explanation> = {
  access_denied: {
    customer: 'The end user declined consent or cancelled the sign-in.',
    endUser: 'You cancelled the sign-in or declined the permissions, so nothing was connected. You can try again whenever you like.',
  },
  consent_required: {
    customer: 'Consent is required and could not be asked for. The end user should try again with the consent prompt.',
    endUser: 'Microsoft needs you to accept the permissions. Please try again and accept them.',
  },
  interaction_required: {
    customer: 'Microsoft needs the user to interact (MFA, terms of use, Conditional Access).',
    endUser: 'Microsoft needs an extra step from you (such as multi-factor authentication). Please try again and complete it.',
  },
  login_required: {
    customer: 'The user must sign in interactively.',
    endUser: 'Please try again and sign in to Microsoft.',
  },
  temporarily_unavailable: {
    customer: 'Microsoft was temporarily unavailable.',
    endUser: 'Microsoft is temporarily unavailable. Please try again in a few minutes.',
  },
  server_error: {
    customer: 'Microsoft had an internal error.',
    endUser: 'Microsoft had a problem on its side. Please try again in a few minutes.',
  },
  invalid_client: {
    customer: 'Microsoft refused the app\'s credentials (invalid_client). Check the client ID and secret.',
    endUser: FIX_SETUP_END_USER,
  },
  unauthorized_client: {
    customer: 'The app is not allowed to use this flow or is not registered in the tenant (unauthorized_client).',
    endUser: FIX_SETUP_END_USER,
  },
  invalid_request: {
    customer: 'Microsoft refused the request as invalid (invalid_request). Check the connector\'s tenant and scopes.',
    endUser: FIX_SETUP_END_USER,
  },
  invalid_scope: {
    customer: 'A requested scope is not valid for this app (invalid_scope).',
    endUser: FIX_SETUP_END_USER,
  },
  network_error: {
    customer: 'Latchkey could not reach Microsoft (network error or timeout).',
    endUser: 'We could not reach Microsoft. Please try again in a few minutes.',
  },
};

const FALLBACK: Explanation = {
  customer: 'Microsoft refused the request. See the error code for details.',
  endUser: 'Something went wrong while connecting to Microsoft. Please try again; if it keeps happening, contact the app\'s support.',
};

/** Extracts AADSTS codes from an error_description when no error_codes array came with it (authorize redirects). */
export function codesFromDescription(description: string | null | undefined): number[] {
  if (!description) return [];
  const match = /^AADSTS(\d+)/.exec(description.trim());
  return match ? [Number(match[1])] : [];
}

export function explain(error: string, codes: number[]): Explanation {
  for (const code of codes) if (BY_CODE[code]) return BY_CODE[code];
  return BY_ERROR[error] ?? FALLBACK;
}
