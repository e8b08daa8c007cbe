/**
 * Turns raw awareness states into the slices the UI needs, each with its own
 * listeners, so a peer moving their mouse re-renders the cursor layer only,
 * and a peer dragging one actor touches that actor's node only.
 */
import type { Awareness } from 'y-protocols/awareness';
import { type FlowPoint, type PresenceUser, type RemoteMark, readPresence } from './presence.ts';

export interface Peer extends RemoteMark {
  isLocal: boolean;
}

export interface RemoteCursor extends RemoteMark {
  x: number;
  y: number;
}

export interface RemoteDrag {
  position: FlowPoint;
  by: RemoteMark;
}

type IdsListener = (changedIds: ReadonlySet<string>) => void;

export class PresenceStore {
  private peers: Peer[] = [];
  private peersKey = '';
  private cursors: RemoteCursor[] = [];
  private cursorsKey = '';
  private drags = new Map<string, RemoteDrag>();
  private selections = new Map<string, RemoteMark[]>();
  private readonly peerListeners = new Set<() => void>();
  private readonly cursorListeners = new Set<() => void>();
  private readonly dragListeners = new Set<IdsListener>();
  private readonly selectionListeners = new Set<IdsListener>();

  constructor(private readonly awareness: Awareness) {
    awareness.on('change', this.recompute);
    this.recompute();
  }

  destroy(): void {
    this.awareness.off('change', this.recompute);
  }

  getPeers = (): Peer[] => this.peers;
  getCursors = (): RemoteCursor[] => this.cursors;
  getDrag(actorId: string): RemoteDrag | undefined {
    return this.drags.get(actorId);
  }
  getSelectedBy(itemId: string): RemoteMark[] | undefined {
    return this.selections.get(itemId);
  }

  subscribePeers = (listener: () => void) => subscribe(this.peerListeners, listener);
  subscribeCursors = (listener: () => void) => subscribe(this.cursorListeners, listener);
  subscribeDrags = (listener: IdsListener) => subscribe(this.dragListeners, listener);
  subscribeSelections = (listener: IdsListener) => subscribe(this.selectionListeners, listener);

  setLocalUser(user: PresenceUser): void {
    this.awareness.setLocalStateField('user', user);
  }

  private recompute = (): void => {
    const localId = this.awareness.clientID;
    const peers: Peer[] = [];
    const cursors: RemoteCursor[] = [];
    const drags = new Map<string, RemoteDrag>();
    const selections = new Map<string, RemoteMark[]>();
    for (const [clientId, raw] of this.awareness.getStates()) {
      const state = readPresence(raw);
      if (!state) continue;
      const mark: RemoteMark = { clientId, name: state.user.name, color: state.user.color };
      peers.push({ ...mark, isLocal: clientId === localId });
      if (clientId === localId) continue;
      if (state.cursor) cursors.push({ ...mark, ...state.cursor });
      for (const [actorId, position] of Object.entries(state.drag ?? {})) {
        drags.set(actorId, { position, by: mark });
      }
      for (const id of state.selection) {
        const list = selections.get(id);
        if (list) list.push(mark);
        else selections.set(id, [mark]);
      }
    }
    // me first, then others in a stable order
    peers.sort((a, b) => Number(b.isLocal) - Number(a.isLocal) || a.clientId - b.clientId);

    const peersKey = JSON.stringify(peers);
    if (peersKey !== this.peersKey) {
      this.peersKey = peersKey;
      this.peers = peers;
      notify(this.peerListeners);
    }
    const cursorsKey = JSON.stringify(cursors);
    if (cursorsKey !== this.cursorsKey) {
      this.cursorsKey = cursorsKey;
      this.cursors = cursors;
      notify(this.cursorListeners);
    }
    const changedDrags = diffKeys(this.drags, drags, (a, b) => {
      return a.position.x === b.position.x && a.position.y === b.position.y && sameMark(a.by, b.by);
    });
    this.drags = drags;
    if (changedDrags.size > 0) for (const listener of this.dragListeners) listener(changedDrags);
    const changedSelections = diffKeys(this.selections, selections, (a, b) => {
      return a.length === b.length && a.every((m, i) => sameMark(m, b[i]));
    });
    this.selections = selections;
    if (changedSelections.size > 0) {
      for (const listener of this.selectionListeners) listener(changedSelections);
    }
  };
}

function sameMark(a: RemoteMark, b: RemoteMark | undefined): boolean {
  return b !== undefined && a.clientId === b.clientId && a.name === b.name && a.color === b.color;
}

function diffKeys<V>(
  before: Map<string, V>,
  after: Map<string, V>,
  equal: (a: V, b: V) => boolean,
): Set<string> {
  const changed = new Set<string>();
  for (const [key, value] of after) {
    const old = before.get(key);
    if (old === undefined || !equal(old, value)) changed.add(key);
  }
  for (const key of before.keys()) if (!after.has(key)) changed.add(key);
  return changed;
}

function subscribe<L>(set: Set<L>, listener: L): () => void {
  set.add(listener);
  return () => set.delete(listener);
}

function notify(set: Set<() => void>): void {
  for (const listener of set) listener();
}
