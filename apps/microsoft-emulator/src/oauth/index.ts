import type { EmulatorContext } from '../context';
import type { Router } from '../http';
import { authorize } from './authorize';
import { consent } from './consent';
import { logout } from './logout';
import { token } from './token';

export function registerOAuthRoutes(router: Router, ctx: EmulatorContext): void {
  router.on(['GET', 'POST'], '/:tenant/oauth2/v2.0/authorize', (req) => authorize(ctx, req));
  router.on('POST', '/:tenant/oauth2/v2.0/consent', (req) => consent(ctx, req));
  router.on('POST', '/:tenant/oauth2/v2.0/token', (req) => token(ctx, req));
  router.on('GET', '/:tenant/oauth2/v2.0/logout', (req) => logout(req));
}
