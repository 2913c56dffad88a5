import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { writeProblem } from './problem-writer';

/** Nest's side of the problem writer: every error a route throws is answered as problem details. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request & { id?: string }>();
    writeProblem(ctx.getResponse<Response>(), exception, {
      url: req.originalUrl,
      requestId: req.id ? String(req.id) : undefined,
      logger: this.logger,
    });
  }
}
