import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { DomainError } from '../errors/domain.error';
import { toProblem } from '../errors/problem-writer';

/**
 * Requests Node refuses before Express sees them (a head over 16 KB, a malformed request line) get a problem body
 * instead of Node's empty 431/400: a raw HTTP/1.1 answer, then the connection is closed.
 */
export function installClientErrorAnswers(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
    const error =
      err.code === 'HPE_HEADER_OVERFLOW'
        ? new DomainError('REQUEST_HEADERS_TOO_LARGE', 'The request head (request line and headers) is larger than 16 KB.')
        : new DomainError('VALIDATION_FAILED', 'The HTTP request could not be parsed.');
    const problem = toProblem(error);
    const body = JSON.stringify(problem);
    const reason = problem.status === 431 ? 'Request Header Fields Too Large' : 'Bad Request';
    socket.end(
      `HTTP/1.1 ${problem.status} ${reason}\r\nContent-Type: application/problem+json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
