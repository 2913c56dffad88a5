import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import Redis from 'ioredis';
import { JOBS, QUEUES, REDIS, WORKER_HEARTBEAT_EVERY_MS, WORKER_HEARTBEAT_KEY } from '@app/common';

/**
 * The worker proves it is alive by recording a heartbeat through its own queue, so the API's readiness can show
 * that jobs are really being processed (not only that Redis answers).
 */
@Processor(QUEUES.system)
export class HeartbeatProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(HeartbeatProcessor.name);

  constructor(
    @InjectQueue(QUEUES.system) private readonly queue: Queue,
    @Inject(REDIS) private readonly redis: Redis,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    // Idempotent: one scheduler whatever the number of workers or restarts.
    await this.queue.upsertJobScheduler(
      JOBS.heartbeat,
      { every: WORKER_HEARTBEAT_EVERY_MS },
      { name: JOBS.heartbeat, opts: { removeOnComplete: true, removeOnFail: 100 } },
    );
    await this.record();
    this.logger.log('Worker ready');
  }

  async process(job: Job): Promise<void> {
    if (job.name !== JOBS.heartbeat) throw new Error(`Unknown job ${job.name} on queue ${QUEUES.system}`);
    await this.record();
  }

  private async record(): Promise<void> {
    await this.redis.set(WORKER_HEARTBEAT_KEY, new Date().toISOString(), 'PX', WORKER_HEARTBEAT_EVERY_MS * 4);
  }
}
