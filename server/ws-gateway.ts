/**
 * WebSocket entry: upgrades `/ws/<boardId>?token=<token>`, checking the token
 * before the upgrade completes (no Yjs message is read from a socket that
 * has no role). Refusals are sent as close codes after accepting, so
 * browsers see the reason. Adapts each `ws` socket to the room's
 * ClientSocket, and keeps bad input contained: every socket has an error
 * handler, a failure while handling one client's message closes that client
 * only, and a client that does not read what it is sent is closed rather
 * than buffered without end.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { type RawData, WebSocket, WebSocketServer } from 'ws';
import { isBoardId } from '../shared/ids.ts';
import type { AccessControl, Authorization } from './access/access-control.ts';
import { tokenFromUpgrade } from './access/request-token.ts';
import { hashToken } from './access/tokens.ts';
import { CLOSE, type ClientSocket } from './connection.ts';
import type { ConnectionGrant, RoomRegistry } from './room-registry.ts';

export interface GatewayOptions {
  /** Largest frame accepted; larger closes the socket with 1009. */
  maxPayload: number;
  /** Sockets that do not answer a ping within this interval are dropped (0 disables). */
  pingIntervalMs: number;
  /** A socket whose unsent backlog passes this many bytes is closed (1013). */
  maxSendBuffer: number;
}

/** Re-reads of the access record when tokens or the lock changed during a check. */
const MAX_AUTH_ATTEMPTS = 5;

const WS_PREFIX = '/ws/';

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export class WebSocketGateway {
  private readonly wss: WebSocketServer;
  private readonly sockets = new Set<WebSocket>();
  private readonly alive = new WeakSet<WebSocket>();
  private readonly pingTimer: NodeJS.Timeout | null;
  private closing = false;

  constructor(
    httpServer: Server,
    private readonly registry: RoomRegistry,
    private readonly access: AccessControl,
    private readonly logger: Logger,
    private readonly options: GatewayOptions,
  ) {
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: options.maxPayload,
      perMessageDeflate: false,
    });
    httpServer.on('upgrade', this.onUpgrade);
    this.pingTimer =
      options.pingIntervalMs > 0 ? setInterval(() => this.pingAll(), options.pingIntervalMs).unref() : null;
  }

  private readonly onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', (err) => this.logger.debug({ err }, 'upgrade socket error'));
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      refuseUpgrade(socket, 400, 'Bad Request');
      return;
    }
    const pathname = url.pathname;
    if (!pathname.startsWith(WS_PREFIX)) {
      refuseUpgrade(socket, 404, 'Not Found');
      return;
    }
    if (this.closing) {
      refuseUpgrade(socket, 503, 'Service Unavailable');
      return;
    }
    const boardId = pathname.slice(WS_PREFIX.length);
    if (!isBoardId(boardId)) {
      this.acceptAndClose(req, socket, head, CLOSE.badBoardId, 'invalid board id');
      return;
    }
    void this.authorizeAndAccept(req, socket, head, boardId, url);
  };

  /** Accepts the upgrade only to close it with a code and reason the client can read. */
  private acceptAndClose(
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    code: number,
    reason: string,
  ): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on('error', (err) => this.logger.debug({ err }, 'websocket error'));
      this.sockets.add(ws);
      ws.on('close', () => this.sockets.delete(ws));
      ws.close(code, reason);
    });
  }

  private async authorizeAndAccept(
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    boardId: string,
    url: URL,
  ): Promise<void> {
    const token = tokenFromUpgrade(req, url);
    let auth: Authorization;
    try {
      // Read again if a token or the lock changed while we read: then no socket
      // gets in with a token replaced meanwhile, and the lock it sees is current.
      for (let attempt = 1; ; attempt += 1) {
        const epoch = this.access.epoch;
        auth = await this.access.authorize(boardId, token);
        if (this.access.epoch === epoch || attempt >= MAX_AUTH_ATTEMPTS) break;
      }
    } catch (err) {
      this.logger.error({ err, board: boardId }, 'access check failed');
      this.acceptAndClose(req, socket, head, CLOSE.loadFailed, 'board could not be loaded; try again later');
      return;
    }
    if (this.closing) {
      refuseUpgrade(socket, 503, 'Service Unavailable');
      return;
    }
    if (!auth.ok) {
      if (auth.reason === 'no-board')
        this.acceptAndClose(req, socket, head, CLOSE.notFound, 'board not found');
      else this.acceptAndClose(req, socket, head, CLOSE.unauthorized, 'missing or invalid token');
      return;
    }
    const grant = {
      role: auth.role,
      locked: auth.locked,
      wantsStatus: url.searchParams.get('status') === '1',
      // Kept so a process that missed a rotation (server/scale/) can still find the sockets it replaced.
      tokenHash: token !== null && !this.access.isAdmin(token) ? hashToken(token) : null,
    };
    // Synchronous from here to registry.connect: no access change can slip in between.
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, boardId, grant));
  }

  private onConnection(ws: WebSocket, boardId: string, grant: ConnectionGrant): void {
    this.sockets.add(ws);
    this.alive.add(ws);
    ws.on('error', (err) => this.logger.debug({ err, board: boardId }, 'websocket error'));
    ws.on('pong', () => this.alive.add(ws));
    const client: ClientSocket = {
      send: (data) => {
        if (ws.readyState !== WebSocket.OPEN) return;
        // A client that does not read (or reads too slowly) is let go instead of
        // queued for without end; it reconnects and syncs afresh.
        if (ws.bufferedAmount > this.options.maxSendBuffer) {
          this.logger.warn({ board: boardId, buffered: ws.bufferedAmount }, 'closing a slow client');
          ws.close(CLOSE.tryAgainLater, 'too slow: send buffer full');
          // Its backlog would hold the close frame back; do not wait on it for long.
          setTimeout(() => ws.terminate(), 2000).unref();
          return;
        }
        ws.send(data);
      },
      close: (code, reason) => {
        if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING)
          ws.close(code, reason);
      },
    };
    const handle = this.registry.connect(boardId, client, grant);
    ws.on('message', (data, isBinary) => {
      if (!isBinary) {
        client.close(CLOSE.malformed, 'binary messages only');
        return;
      }
      try {
        handle.receive(toBytes(data));
      } catch (err) {
        // A bug, not bad input (rooms reject bad input themselves): drop this client, keep serving.
        this.logger.error({ err, board: boardId }, 'failed to handle a message');
        client.close(1011, 'internal error');
      }
    });
    ws.on('close', () => {
      this.sockets.delete(ws);
      handle.disconnected();
    });
  }

  private pingAll(): void {
    for (const ws of this.sockets) {
      if (!this.alive.has(ws)) {
        ws.terminate();
        continue;
      }
      this.alive.delete(ws);
      ws.ping();
    }
  }

  get socketCount(): number {
    return this.sockets.size;
  }

  /** Refuses new upgrades from now on. */
  stopAccepting(): void {
    this.closing = true;
    if (this.pingTimer) clearInterval(this.pingTimer);
  }

  /** Waits for sockets (already sent a close frame) to finish closing; terminates stragglers after `graceMs`. */
  async drain(graceMs: number): Promise<void> {
    this.stopAccepting();
    const deadline = Date.now() + graceMs;
    while (this.sockets.size > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    for (const ws of this.sockets) ws.terminate();
    this.sockets.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
