/**
 * Parley's server as a value: Express for the API and the client, `ws` for
 * the boards, one storage. main.ts runs it; tests run it in-process on port 0.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Logger } from 'pino';
import { AccessControl } from './access/access-control.ts';
import { api } from './http/api.ts';
import { clientApp } from './http/client-app.ts';
import { errorHandler } from './http/errors.ts';
import { securityHeaders } from './http/security.ts';
import { DEFAULT_LIMITS } from './limits/limits.ts';
import { type RegistryConfig, RoomRegistry } from './room-registry.ts';
import type { Cluster } from './scale/cluster.ts';
import type { ParleyStorage } from './storage/board-storage.ts';
import { WebSocketGateway } from './ws-gateway.ts';

export interface ParleyServerOptions {
  /** Largest WebSocket frame accepted (bytes). */
  maxPayload: number;
  /** Largest JSON request body. */
  jsonLimit: string;
  pingIntervalMs: number;
  /** How long close() waits for clients to finish the close handshake. */
  shutdownGraceMs: number;
  /** Connection and board limits go in `registry.limits`. */
  registry: RegistryConfig;
  /** Unlocks `GET /api/boards` and acts as the owner of every board; listing is disabled without it. */
  adminToken: string | null;
}

export const DEFAULT_SERVER_OPTIONS: ParleyServerOptions = {
  maxPayload: 8 * 1024 * 1024,
  jsonLimit: '8mb',
  pingIntervalMs: 30_000,
  shutdownGraceMs: 2_000,
  registry: {},
  adminToken: null,
};

export interface ParleyServerConfig {
  storage: ParleyStorage;
  logger: Logger;
  /** The built client (dist/client); API-only when absent. */
  staticDir?: string;
  /** Other processes sharing the storage (PostgreSQL, optionally Redis); absent when this one is alone. */
  cluster?: Cluster;
  options?: Partial<ParleyServerOptions>;
}

export interface ParleyServer {
  httpServer: http.Server;
  registry: RoomRegistry;
  access: AccessControl;
  listen(port: number, host?: string): Promise<{ port: number; host: string }>;
  /**
   * Stops accepting, closes every client (1001), commits pending writes and
   * stops the HTTP server. The storage stays open: its owner closes it.
   */
  close(): Promise<void>;
}

export function createParleyServer(config: ParleyServerConfig): ParleyServer {
  const { storage, logger } = config;
  const options: ParleyServerOptions = { ...DEFAULT_SERVER_OPTIONS, ...config.options };
  const registry = new RoomRegistry(storage, logger, options.registry, config.cluster ?? null);
  const access = new AccessControl(storage, registry, options.adminToken);
  config.cluster?.attach(registry, () => access.noteRemoteChange());

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(securityHeaders());
  app.use('/api', api(storage, registry, access, { jsonLimit: options.jsonLimit }));
  app.use(clientApp(config.staticDir));
  app.use(errorHandler(logger));

  const httpServer = http.createServer(app);
  httpServer.on('clientError', (err, socket) => {
    logger.debug({ err }, 'bad HTTP request');
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  const gateway = new WebSocketGateway(httpServer, registry, access, logger, {
    maxPayload: options.maxPayload,
    pingIntervalMs: options.pingIntervalMs,
    maxSendBuffer: options.registry.limits?.maxSendBuffer ?? DEFAULT_LIMITS.maxSendBuffer,
  });

  let closing: Promise<void> | null = null;

  return {
    httpServer,
    registry,
    access,
    listen(port, host = '0.0.0.0') {
      return new Promise((resolve, reject) => {
        const onError = (err: Error) => reject(err);
        httpServer.once('error', onError);
        httpServer.listen(port, host, () => {
          httpServer.off('error', onError);
          const address = httpServer.address() as AddressInfo;
          resolve({ port: address.port, host: address.address });
        });
      });
    },
    close() {
      closing ??= (async () => {
        gateway.stopAccepting();
        const stopped = new Promise<void>((resolve) => {
          if (!httpServer.listening) resolve();
          else httpServer.close(() => resolve());
        });
        httpServer.closeIdleConnections();
        let flushError: unknown = null;
        try {
          await registry.close();
        } catch (error) {
          flushError = error;
        }
        await gateway.drain(options.shutdownGraceMs);
        httpServer.closeAllConnections();
        await stopped;
        if (flushError) throw flushError;
      })();
      return closing;
    },
  };
}
