/**
 * A lightweight y-websocket client: a raw `ws` socket, y-protocols frames and
 * its own Y.Doc, written through shared/mutations.ts like the real client.
 * Cheaper than a WebsocketProvider (it may skip applying what others send),
 * so one process can drive hundreds of them.
 */
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { moveActors, updateActor } from '../../../shared/mutations.ts';
import { createLocalOrigin, type LocalOrigin } from '../../../shared/origins.ts';
import type { ActorPatch } from '../../../shared/validation.ts';
import { awarenessFrame, readServerFrame, syncStep1Frame, syncStep2Frame, updateFrame } from './wire.ts';

export interface ProtocolClientOptions {
  /** Apply updates other clients send (false: only the initial sync is applied). */
  applyRemote: boolean;
  /** Apply the initial SyncStep2 to the doc (false: only time its arrival). */
  applyInitial: boolean;
  /** Content the client already has (pushed to the server in its SyncStep2 reply). */
  seed?: Uint8Array;
  /** Publish a presence state on connect. */
  user?: { name: string; color: string };
}

const SEED_ORIGIN = Symbol('seed');

export class ProtocolClient {
  readonly doc = new Y.Doc();
  readonly origin: LocalOrigin = createLocalOrigin();
  readonly ws: WebSocket;
  readonly createdAt = performance.now();
  openedAt = Number.NaN;
  syncedAt = Number.NaN;
  /** Bytes of the initial SyncStep2 payload. */
  syncBytes = 0;
  sentUpdates = 0;
  sentAwareness = 0;
  receivedFrames = 0;
  readonly synced: Promise<void>;
  private awarenessClock = 0;
  private awarenessState: Record<string, unknown> | null = null;
  private closedByUs = false;

  constructor(
    url: string,
    private readonly options: ProtocolClientOptions,
  ) {
    if (options.seed) Y.applyUpdate(this.doc, options.seed, SEED_ORIGIN);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== this.origin) return;
      this.sentUpdates += 1;
      this.send(updateFrame(update));
    });
    this.ws = new WebSocket(url, { perMessageDeflate: false });
    this.ws.binaryType = 'nodebuffer';
    this.synced = new Promise<void>((resolve, reject) => {
      this.ws.once('open', () => {
        this.openedAt = performance.now();
        this.send(syncStep1Frame(this.doc));
        if (options.user) {
          this.awarenessState = { user: options.user, cursor: null, selection: [], drag: null };
          this.sendAwareness();
        }
      });
      this.ws.on('message', (data: Buffer) => {
        this.receivedFrames += 1;
        if (this.onFrame(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))) resolve();
      });
      this.ws.on('error', (error) => reject(error));
      this.ws.once('close', (code, reason) => {
        if (!this.closedByUs) reject(new Error(`closed before sync: ${code} ${reason.toString()}`));
      });
    });
    this.synced.catch(() => {});
  }

  /** Handles one frame; true when it completed the initial sync. */
  private onFrame(data: Uint8Array): boolean {
    const frame = readServerFrame(data);
    switch (frame.kind) {
      case 'step1':
        this.send(syncStep2Frame(Y.encodeStateAsUpdate(this.doc, frame.stateVector)));
        return false;
      case 'step2':
        if (!Number.isNaN(this.syncedAt)) {
          if (this.options.applyRemote) Y.applyUpdate(this.doc, frame.update, this);
          return false;
        }
        this.syncedAt = performance.now();
        this.syncBytes = frame.update.byteLength;
        if (this.options.applyInitial) Y.applyUpdate(this.doc, frame.update, this);
        return true;
      case 'update':
        if (this.options.applyRemote) Y.applyUpdate(this.doc, frame.update, this);
        return false;
      default:
        return false;
    }
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  send(frame: Uint8Array): void {
    if (this.isOpen) this.ws.send(frame);
  }

  move(id: string, x: number, y: number): void {
    moveActors(this.doc, [{ id, x, y }], this.origin);
  }

  edit(id: string, patch: ActorPatch): void {
    updateActor(this.doc, id, patch, this.origin);
  }

  /** Publishes a cursor position (the awareness `cursor` field of SPEC). */
  cursor(x: number, y: number): void {
    this.awarenessState = {
      ...(this.awarenessState ?? { user: { name: 'bench', color: '#888888' } }),
      cursor: { x, y },
    };
    this.sendAwareness();
  }

  private sendAwareness(): void {
    this.awarenessClock += 1;
    this.sentAwareness += 1;
    this.send(awarenessFrame(this.doc.clientID, this.awarenessClock, this.awarenessState));
  }

  close(): void {
    this.closedByUs = true;
    this.ws.close();
    this.doc.destroy();
  }
}
