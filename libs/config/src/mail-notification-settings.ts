import type { AppConfig } from './app-config';
import { EnvReader } from './env-reader';

/** Graph's longest lifetime of a mail subscription without resource data (just under 7 days). */
const GRAPH_MAX_SUBSCRIPTION_MINUTES = 10_080;
/**
 * The longest lifetime Latchkey may ask for: Graph documents 10,080 minutes but refuses more than "10070 minutes in
 * the future" (its own error message), and the clocks differ a little.
 */
const MAX_LIFETIME_MINUTES = 10_070;

/**
 * MAIL_SUBSCRIPTION_* and MAIL_NOTIFICATION_*. Graph calls {PUBLIC_URL}/graph/notifications and /graph/lifecycle, and
 * only over https in production: with an http PUBLIC_URL there the feature is refused (said once at boot).
 */
export function readMailNotifications(env: EnvReader, nodeEnv: AppConfig['nodeEnv'], publicUrl: string): AppConfig['mailNotifications'] {
  const available = nodeEnv !== 'production' || publicUrl.startsWith('https:');
  if (!available) {
    env.warnings.push(
      `Mail notifications are unavailable: Microsoft Graph calls only https endpoints, and PUBLIC_URL (${publicUrl}) is not https. Turning them on for a connector is refused until it is.`,
    );
  }
  return {
    available,
    notificationUrl: `${publicUrl}/graph/notifications`,
    lifecycleUrl: `${publicUrl}/graph/lifecycle`,
    // An hour below Graph's maximum by default: clocks differ, and Graph refuses a lifetime over it.
    lifetimeMinutes: env.int('MAIL_SUBSCRIPTION_LIFETIME_MINUTES', GRAPH_MAX_SUBSCRIPTION_MINUTES - 60, 1, MAX_LIFETIME_MINUTES),
    renewBeforeSeconds: env.int('MAIL_SUBSCRIPTION_RENEW_BEFORE_SECONDS', 86_400, 1, GRAPH_MAX_SUBSCRIPTION_MINUTES * 60),
    sweepIntervalSeconds: env.int('MAIL_SUBSCRIPTION_SWEEP_SECONDS', 15, 1, 600),
    dedupHours: env.int('MAIL_NOTIFICATION_DEDUP_HOURS', 24, 1, 24 * 30),
    maxBodyBytes: env.int('MAIL_NOTIFICATION_MAX_BODY_KB', 1024, 16, 16_384) * 1024,
  };
}
