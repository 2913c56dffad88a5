import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';

/**
 * Bounds the scrypt work one API process does at once (each check is ~32 MB and tens of ms of CPU), so a sign-in
 * flood cannot starve the token endpoint. Up to `concurrency` run, up to `queue` wait in order, the rest are refused
 * at once with 503 and Retry-After, before anything (such as a lockout attempt) is recorded.
 */
@Injectable()
export class PasswordCheckLimiter {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly concurrency: number;
  private readonly queue: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.concurrency = config.signIn.passwordCheckConcurrency;
    this.queue = config.signIn.passwordCheckQueue;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.running < this.concurrency) {
      this.running += 1;
      return Promise.resolve();
    }
    if (this.waiting.length >= this.queue) {
      return Promise.reject(
        new DomainError('SERVICE_UNAVAILABLE', 'Too many sign-ins are being checked right now. Try again in a few seconds.', {
          retryAfterSeconds: 2,
        }),
      );
    }
    // The slot is handed over by release(): `running` stays counted for the waiter.
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running -= 1;
  }
}
