import fs from 'node:fs';
import path from 'node:path';
import express, { type RequestHandler, Router } from 'express';

/**
 * Serves the built client (dist/client) with the SPA's routes: `/` and
 * `/b/<boardId>` answer with index.html; hashed assets are cached for good.
 */
export function clientApp(staticDir: string | undefined): Router {
  const router = Router();
  const indexFile = staticDir ? path.join(staticDir, 'index.html') : undefined;

  if (staticDir) {
    router.use(
      express.static(staticDir, {
        index: false,
        setHeaders: (res, file) => {
          if (file.includes(`${path.sep}assets${path.sep}`)) {
            res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
          }
        },
      }),
    );
  }

  const sendIndex: RequestHandler = (_req, res) => {
    // Checked per request: the client may be built after the server started.
    if (!indexFile || !fs.existsSync(indexFile)) {
      res.status(503).type('text/plain').send('The Parley client is not built yet: run `npm run build`.\n');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexFile);
  };
  router.get('/', sendIndex);
  router.get('/b/:boardId', sendIndex);
  router.use((_req, res) => {
    res.status(404).type('text/plain').send('Not found\n');
  });
  return router;
}
