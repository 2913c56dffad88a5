import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Worker } from 'bullmq';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { QUEUES, REDIS } from '@app/common';
import { RefreshProcessor } from '../refresh.processor';
import { SystemProcessor } from '../system.processor';
import { probeAll, Readiness } from './readiness';

const PROBE_TIMEOUT_MS = 2_000;

/** The worker can do its work: Postgres and Redis answer, and both BullMQ workers are running (not closing). */
@Injectable()
export class WorkerReadiness {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly refresh: RefreshProcessor,
    private readonly system: SystemProcessor,
  ) {}

  check(): Promise<Readiness> {
    return probeAll(
      {
        postgres: () => this.db.query('SELECT 1'),
        redis: async () => {
          if ((await this.redis.ping()) !== 'PONG') throw new Error('unexpected PING answer');
        },
        workers: async () => {
          for (const [queue, host] of [[QUEUES.refresh, this.refresh], [QUEUES.system, this.system]] as const) {
            if (!isRunning(host)) throw new Error(`the ${queue} worker is not running`);
          }
        },
      },
      PROBE_TIMEOUT_MS,
    );
  }
}

/** WorkerHost.worker throws until @nestjs/bullmq has created the worker. */
function isRunning(host: { worker: Worker }): boolean {
  try {
    return host.worker.isRunning() && !host.worker.closing;
  } catch {
    return false;
  }
}
