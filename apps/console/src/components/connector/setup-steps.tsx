import type { AppMode, ClientType } from '../../api/types';

interface Props {
  appMode: AppMode;
  clientType: ClientType;
  platform: string;
}

/** Short Azure setup guide beside the form, in the order the portal asks for things. */
export function SetupSteps({ appMode, clientType, platform }: Props) {
  if (appMode === 'default') {
    return (
      <aside className="steps" aria-labelledby="steps-title">
        <h2 id="steps-title">Setup with the platform app</h2>
        <ol>
          <li>Nothing to register in Azure: Latchkey's own app signs your users in, and Microsoft's consent screen shows its name.</li>
          <li>Tick the permissions your product needs and describe the connector for your catalog.</li>
          <li>Save, then use <strong>Try it</strong> to connect a test mailbox.</li>
        </ol>
        <p className="muted small">Want your own name and logo on Microsoft's consent screen, or your own tenant rules? Switch to “Your own Azure app”.</p>
      </aside>
    );
  }
  const confidential = clientType === 'confidential';
  return (
    <aside className="steps" aria-labelledby="steps-title">
      <h2 id="steps-title">Set up your Azure app</h2>
      <ol>
        <li>
          <strong>Register an app.</strong> In the{' '}
          <a href="https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade" target="_blank" rel="noopener noreferrer">
            Azure portal<span className="visually-hidden"> (opens in a new tab)</span>
          </a>
          , open <em>Microsoft Entra ID → App registrations → New registration</em>. Its name is what your users see when Microsoft asks for consent.
        </li>
        <li>
          <strong>Supported account types.</strong> Choose <em>Accounts in any organizational directory and personal Microsoft accounts</em> to accept work, school and
          Outlook.com mailboxes (tenant <code>common</code>). Work and school only: <em>any organizational directory</em> with tenant <code>organizations</code>.
        </li>
        <li>
          <strong>Redirect URI.</strong> Select the platform <em>{platform}</em> and paste the callback URL shown on this page. Then click <em>Register</em>.
        </li>
        <li>
          <strong>Client ID.</strong> From the app's <em>Overview</em>, copy the <em>Application (client) ID</em> into Client ID.
        </li>
        {confidential && (
          <li>
            <strong>Client secret.</strong> Open <em>Certificates &amp; secrets → New client secret</em>. Copy the <em>Value</em> column at once (Azure shows it only
            once), not the <em>Secret ID</em>. Note its expiry date here so Latchkey can warn you before it ends.
          </li>
        )}
        <li>
          <strong>API permissions.</strong> <em>Add a permission → Microsoft Graph → Delegated permissions</em>: tick <code>offline_access</code>, <code>openid</code>,{' '}
          <code>profile</code>, <code>email</code> and the permissions you tick here. Admins can <em>Grant admin consent</em> for their own organization.
        </li>
        <li>
          <strong>Save and test.</strong> Save this form, then open <strong>Try it</strong> to connect a mailbox end to end.
        </li>
      </ol>
      <p className="muted small">
        Microsoft's guide:{' '}
        <a href="https://learn.microsoft.com/entra/identity-platform/quickstart-register-app" target="_blank" rel="noopener noreferrer">
          Register an application<span className="visually-hidden"> (opens in a new tab)</span>
        </a>
        .
      </p>
    </aside>
  );
}
