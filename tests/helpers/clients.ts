/**
 * Real clients for a Parley server: stock y-websocket WebsocketProviders (as
 * the browser uses, with `ws` as the WebSocket), and raw sockets for sending
 * hand-made frames.
 */
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { waitUntil } from './wait.ts';

export interface CloseInfo {
  code: number;
  reason: string;
}

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Every close the provider saw from the server, in order. */
  closes: CloseInfo[];
  /** Resolves once the provider has synced with the server (now or after a reconnect). */
  synced(timeoutMs?: number): Promise<void>;
  /** Resolves with the next close (or the first one already seen after `afterIndex`). */
  nextClose(afterIndex?: number, timeoutMs?: number): Promise<CloseInfo>;
  destroy(): void;
}

export interface ConnectOptions {
  /** The board link's token (sent as the `token` query parameter, as the Parley client does). */
  token?: string;
  doc?: Y.Doc;
  connect?: boolean;
  params?: Record<string, string>;
  /** Stop after the first close instead of reconnecting (default: the provider's own rule). */
  reconnect?: boolean;
  maxBackoffTime?: number;
}

/** A WebsocketProvider as a browser would make it, minus BroadcastChannel (so all sync goes through the server). */
export function connectClient(wsUrl: string, boardId: string, options: ConnectOptions = {}): TestClient {
  const doc = options.doc ?? new Y.Doc();
  const provider = new WebsocketProvider(wsUrl, boardId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    connect: options.connect ?? true,
    params: { ...(options.token === undefined ? {} : { token: options.token }), ...options.params },
    maxBackoffTime: options.maxBackoffTime ?? 300,
    ...(options.reconnect === false ? { shouldReconnect: () => false } : {}),
  });
  const closes: CloseInfo[] = [];
  provider.on('connection-close', (event) => {
    if (event) closes.push({ code: event.code, reason: event.reason });
  });
  return {
    doc,
    provider,
    closes,
    synced: (timeoutMs = 5000) =>
      waitUntil(() => provider.synced, { timeoutMs, what: `client of ${boardId} to sync` }).then(() => {}),
    nextClose: (afterIndex = closes.length, timeoutMs = 5000) =>
      waitUntil(() => closes[afterIndex], { timeoutMs, what: `a close of ${boardId}` }),
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Connects a client and waits until it has synced. */
export async function syncedClient(
  wsUrl: string,
  boardId: string,
  options: ConnectOptions = {},
): Promise<TestClient> {
  const client = connectClient(wsUrl, boardId, options);
  try {
    await client.synced();
  } catch (error) {
    client.destroy();
    throw error;
  }
  return client;
}

export interface RawSocket {
  ws: WebSocket;
  /** Binary frames received, in order. */
  received: Uint8Array[];
  opened: Promise<void>;
  closed: Promise<CloseInfo>;
  send(data: Uint8Array): void;
  close(): void;
}

/** A bare WebSocket to `<wsUrl>/<path>[?token=…]`, for frames no well-behaved provider would send. */
export function openRawSocket(wsUrl: string, path: string, token?: string): RawSocket {
  const query = token === undefined ? '' : `?token=${encodeURIComponent(token)}`;
  const ws = new WebSocket(`${wsUrl}/${path}${query}`);
  const received: Uint8Array[] = [];
  ws.on('message', (data: Buffer) => received.push(new Uint8Array(data)));
  ws.on('error', () => {});
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('close', () => reject(new Error('closed before opening')));
  });
  opened.catch(() => {});
  const closed = new Promise<CloseInfo>((resolve) => {
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
  return {
    ws,
    received,
    opened,
    closed,
    send: (data) => ws.send(data),
    close: () => ws.close(),
  };
}

/** A sync-protocol frame as y-websocket sends it: [0 = sync][step][payload]. */
export function syncFrame(step: 'step1' | 'step2' | 'update', payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  const type =
    step === 'step1'
      ? syncProtocol.messageYjsSyncStep1
      : step === 'step2'
        ? syncProtocol.messageYjsSyncStep2
        : syncProtocol.messageYjsUpdate;
  encoding.writeVarUint(encoder, type);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}
