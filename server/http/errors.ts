import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';

/** An error whose status and message are meant for the caller. */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Unknown /api route: a JSON 404 rather than the SPA or an HTML page. */
export const apiNotFound: RequestHandler = (req, res) => {
  res.status(404).json({ error: `no such endpoint: ${req.method} ${req.baseUrl}${req.path}` });
};

interface BodyParserError {
  type?: string;
  status?: number;
  expose?: boolean;
  message?: string;
}

/**
 * Every error becomes `{ "error": "…" }`. Errors from bad input keep their 4xx
 * status and a message written for the caller; anything else is a 500 with a
 * generic message (details go to the log, never to the response).
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    if (res.headersSent) {
      req.socket.destroy();
      return;
    }
    if (err instanceof HttpError) {
      if (err.status === 401) res.set('WWW-Authenticate', 'Bearer realm="parley"');
      res.status(err.status).json({ error: err.message });
      return;
    }
    const parserError = err as BodyParserError;
    if (parserError.type === 'entity.parse.failed') {
      res.status(400).json({ error: 'invalid JSON body' });
      return;
    }
    if (parserError.type === 'entity.too.large') {
      res.status(413).json({ error: 'request body too large' });
      return;
    }
    const status = parserError.status;
    if (typeof status === 'number' && status >= 400 && status < 500 && parserError.expose) {
      res.status(status).json({ error: parserError.message ?? 'bad request' });
      return;
    }
    logger.error({ err, method: req.method, path: req.path }, 'request failed');
    res.status(500).json({ error: 'internal error' });
  };
}
