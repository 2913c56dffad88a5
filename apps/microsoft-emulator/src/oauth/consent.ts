import type { EmulatorContext } from '../context';
import { Req, str } from '../http';
import { EMULATOR_USERS, findUser } from '../users';
import { finishAuthorization } from './finish-authorization';
import { showError } from './front-channel';
import { tenantNotFound } from './shared';

/** POST /{tenant}/oauth2/v2.0/consent: the consent page's form (an account and Accept or Decline). */
export async function consent(ctx: EmulatorContext, req: Req): Promise<void> {
  const st = ctx.state;
  const requestId = str(req.body.request);
  const pending = requestId ? st.pending.get(requestId) : undefined;
  if (!pending || st.now() - pending.createdAt > 30 * 60 * 1000) {
    return showError(ctx, req, undefined, 50058, 'The sign-in request was not found or has expired. Start the sign-in again from the application.', 'error_page_expired');
  }
  const tenant = st.resolveTenant(pending.tenantPath);
  if (!tenant) return showError(ctx, req, pending.clientId, 90002, tenantNotFound(pending.tenantPath), 'error_page_90002');
  const decision = str(req.body.decision);
  const user = findUser(str(req.body.user));
  if (decision === 'accept' && !user) {
    return showError(ctx, req, pending.clientId, 50034, 'Choose an account to sign in with.', 'error_page_50034');
  }
  st.pending.delete(pending.id);
  return finishAuthorization(ctx, req, pending, tenant, user ?? EMULATOR_USERS.work, decision === 'accept');
}
