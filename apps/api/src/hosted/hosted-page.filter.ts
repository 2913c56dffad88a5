import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { logUnexpected, SecretKeyUnavailableError } from '@app/common';
import { ConnectPageError } from '@app/connect';
import { errorPage } from './hosted-pages';
import { sendPage } from './send-page';

/** End users see pages, never JSON or stack traces: every failure on a hosted route becomes an explained page. */
@Catch()
export class HostedPageFilter implements ExceptionFilter {
  private readonly logger = new Logger(HostedPageFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return;
    if (exception instanceof ConnectPageError) {
      res.setHeader('X-Latchkey-Reason', exception.reason);
      sendPage(res, exception.status, errorPage(exception.title, exception.message, exception.reason));
      return;
    }
    if (exception instanceof SecretKeyUnavailableError) {
      // An operator's mistake (a key removed while it still sealed values), not the end user's: a retryable 503.
      this.logger.error({ keyId: exception.keyId }, exception.message);
      res.setHeader('X-Latchkey-Reason', 'encryption_key_unavailable');
      sendPage(res, 503, errorPage('Temporarily unavailable', 'This step cannot finish right now. Nothing was connected. Please try again later.', 'encryption_key_unavailable'));
      return;
    }
    const errorId = logUnexpected(this.logger, exception, 'Hosted page failed');
    sendPage(
      res,
      500,
      errorPage('Something went wrong', 'We could not finish this step. Nothing was changed. Please try again in a moment.', errorId),
    );
  }
}
