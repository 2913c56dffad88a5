import type { Response } from 'express';
import { HOSTED_CSP } from './html';

export function sendPage(res: Response, status: number, html: string, csp: string = HOSTED_CSP): void {
  res.setHeader('Content-Security-Policy', csp);
  // The catalog may be opened as a popup from the customer's app: keep window.opener for postMessage.
  res.setHeader('Cross-Origin-Opener-Policy', 'unsafe-none');
  res.setHeader('Cache-Control', 'no-store');
  res.status(status).type('text/html; charset=utf-8').send(html);
}
