import type { EmulatorContext } from '../context';
import type { Router } from '../http';
import { graphHttp } from './graph-http';
import { registerMailRoutes } from './mail.routes';
import { registerProfileRoutes } from './profile.routes';
import { registerSubscriptionRoutes } from './subscriptions.routes';
import { registerDeltaRoutes } from './delta.routes';

export function registerGraphRoutes(router: Router, ctx: EmulatorContext): void {
  const http = graphHttp(ctx);
  registerProfileRoutes(router, ctx, http);
  registerMailRoutes(router, ctx, http);
  registerSubscriptionRoutes(router, ctx, http);
  registerDeltaRoutes(router, ctx, http);
}
