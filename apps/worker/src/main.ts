import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { loadConfigOrExit } from '@app/config';
import { WorkerModule } from './worker.module';

/** No HTTP: an application context that runs BullMQ processors and closes them cleanly on SIGTERM/SIGINT. */
async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit();
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  // Exit 0 once the hooks are done (in-flight jobs finished, connections closed) rather than re-raising the signal.
  app.enableShutdownHooks([], { useProcessExit: true });
  await app.init();
}

void bootstrap();
