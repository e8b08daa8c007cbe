/** A second person, on the Node side: a stock WebsocketProvider that moves and renames actors. */
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { actorsMap } from '../../shared/board-doc.ts';
import { moveActors, updateActor } from '../../shared/mutations.ts';
import { createLocalOrigin } from '../../shared/origins.ts';

export class RemoteWriter {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  private readonly origin = createLocalOrigin();

  constructor(wsBase: string, boardId: string, token: string | undefined) {
    this.provider = new WebsocketProvider(wsBase, boardId, this.doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      params: token ? { token } : {},
    });
  }

  synced(timeoutMs = 20_000): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.provider.synced) return resolve();
      const timer = setTimeout(() => reject(new Error('remote writer did not sync')), timeoutMs);
      this.provider.once('sync', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  position(id: string): { x: number; y: number } {
    const map = actorsMap(this.doc).get(id);
    const x = map?.get('x');
    const y = map?.get('y');
    return { x: typeof x === 'number' ? x : 0, y: typeof y === 'number' ? y : 0 };
  }

  /** Writes and returns the epoch time (ms, sub-ms resolution) just before the write. */
  move(id: string, x: number, y: number): number {
    const at = performance.timeOrigin + performance.now();
    moveActors(this.doc, [{ id, x, y }], this.origin);
    return at;
  }

  rename(id: string, label: string): number {
    const at = performance.timeOrigin + performance.now();
    updateActor(this.doc, id, { label }, this.origin);
    return at;
  }

  destroy(): void {
    this.provider.destroy();
    this.doc.destroy();
  }
}
