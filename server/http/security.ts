/**
 * Security headers (helmet) for the app and the API. The content security
 * policy allows only this origin's scripts; inline styles stay allowed because
 * React Flow positions nodes with style attributes. No
 * upgrade-insecure-requests: workshops run Parley over plain HTTP on a LAN.
 */
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import helmet from 'helmet';
import { isSafeHost } from './links.ts';

/** The WebSocket origins of the host the page was served from (older browsers do not count ws: as 'self'). */
function socketSources(req: IncomingMessage): string {
  const host = req.headers.host;
  return isSafeHost(host) ? `ws://${host} wss://${host}` : '';
}

export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", (req) => socketSources(req)],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // Links carry tokens only in the fragment, which is never sent; this also keeps paths out of referrers.
    referrerPolicy: { policy: 'no-referrer' },
  });
}
