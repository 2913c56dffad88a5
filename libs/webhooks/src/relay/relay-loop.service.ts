import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { EventRelay, RELAY_BATCH } from './event-relay.service';

/**
 * Runs the relay in the worker: every WEBHOOK_RELAY_INTERVAL_MS, again at once while batches come back full; one run
 * at a time in a process (the next tick is set only when a run ended); a failed run is logged and retried next tick.
 */
@Injectable()
export class RelayLoop implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RelayLoop.name);
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private running: Promise<void> | null = null;

  constructor(
    private readonly relay: EventRelay,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => (this.running = null));
    }, delayMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    let full = false;
    try {
      full = (await this.relay.relayOnce()) >= RELAY_BATCH;
    } catch (err: unknown) {
      this.logger.warn({ err }, 'Event relay failed; retrying next tick');
    }
    this.schedule(full ? 0 : this.config.webhooks.relayIntervalMs);
  }
}
