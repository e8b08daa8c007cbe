/**
 * WebSocket entry: upgrades `/ws/<boardId>` (query parameters ignored), adapts
 * each `ws` socket to the room's ClientSocket, and keeps bad input contained:
 * every socket has an error handler, and a failure while handling one
 * client's message closes that client only.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { type RawData, WebSocket, WebSocketServer } from 'ws';
import { isBoardId } from '../shared/ids.ts';
import { CLOSE, type ClientSocket } from './connection.ts';
import type { RoomRegistry } from './room-registry.ts';

export interface GatewayOptions {
  /** Largest frame accepted; larger closes the socket with 1009. */
  maxPayload: number;
  /** Sockets that do not answer a ping within this interval are dropped (0 disables). */
  pingIntervalMs: number;
}

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
    private readonly logger: Logger,
    options: GatewayOptions,
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
    let pathname: string;
    try {
      pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    } catch {
      refuseUpgrade(socket, 400, 'Bad Request');
      return;
    }
    if (!pathname.startsWith(WS_PREFIX)) {
      refuseUpgrade(socket, 404, 'Not Found');
      return;
    }
    if (this.closing) {
      refuseUpgrade(socket, 503, 'Service Unavailable');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) =>
      this.onConnection(ws, pathname.slice(WS_PREFIX.length)),
    );
  };

  private onConnection(ws: WebSocket, boardId: string): void {
    this.sockets.add(ws);
    this.alive.add(ws);
    ws.on('error', (err) => this.logger.debug({ err, board: boardId }, 'websocket error'));
    ws.on('pong', () => this.alive.add(ws));
    if (!isBoardId(boardId)) {
      ws.on('close', () => this.sockets.delete(ws));
      ws.close(CLOSE.badBoardId, 'invalid board id');
      return;
    }
    const client: ClientSocket = {
      send: (data) => {
        if (ws.readyState === WebSocket.OPEN) ws.send(data);
      },
      close: (code, reason) => {
        if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING)
          ws.close(code, reason);
      },
    };
    const handle = this.registry.connect(boardId, client);
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
