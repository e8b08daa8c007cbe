/**
 * One live session per open board: the Y.Doc, its WebSocket provider, its
 * IndexedDB copy, awareness, the personal undo manager and the stores the UI
 * reads. Sessions live in a module-level cache, outside React render, so
 * re-renders never create or tear down connections.
 */
import * as decoding from 'lib0/decoding';
import { IndexeddbPersistence } from 'y-indexeddb';
import { removeAwarenessStates } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { actorsMap, metaMap, relationsMap } from '../../shared/board-doc.ts';
import { createLocalOrigin, type LocalOrigin } from '../../shared/origins.ts';
import type { RelationType } from '../../shared/types.ts';
import { ValueStore } from '../app/valueStore.ts';
import { type Role, rememberRole } from '../home/knownBoards.ts';
import { ActorNodeStore } from './actorNodeStore.ts';
import { type ConnectionStatus, trackConnection } from './connectionStatus.ts';
import { loadLocalUser, type PresenceState } from './presence.ts';
import { PresenceStore } from './presenceStore.ts';
import { RelationEdgeStore } from './relationEdgeStore.ts';

export interface UndoState {
  canUndo: boolean;
  canRedo: boolean;
}

/** What the server lets this session do (SPEC "Access"): from its status messages (type 100). */
export interface SessionAccess {
  /** Null until the server has said (or this browser knew the token's role). */
  role: Role | null;
  /** The server applies this session's changes now: false for viewers, locked editors, failing storage. */
  writable: boolean;
  locked: boolean;
  storage: 'ok' | 'failing';
}

/** Parley's session status message type (server/access/session-messages.ts). */
const MESSAGE_SESSION_STATUS = 100;

function readStatus(json: string): SessionAccess | null {
  try {
    const v: unknown = JSON.parse(json);
    if (typeof v !== 'object' || v === null) return null;
    const s = v as Record<string, unknown>;
    const role = s.role === 'owner' || s.role === 'edit' || s.role === 'view' ? s.role : null;
    return {
      role,
      writable: s.writable === true,
      locked: s.locked === true,
      storage: s.storage === 'failing' ? 'failing' : 'ok',
    };
  } catch {
    return null;
  }
}

declare global {
  interface Window {
    /** The open board, for browser tests and debugging. */
    __parley?: { boardId: string; doc: Y.Doc; provider: WebsocketProvider; session: BoardSession };
  }
}

export class BoardSession {
  readonly doc = new Y.Doc();
  /** Every mutation this person makes carries this origin; the undo manager tracks only it (R9). */
  readonly origin: LocalOrigin = createLocalOrigin();
  readonly provider: WebsocketProvider;
  readonly persistence: IndexeddbPersistence;
  readonly undoManager: Y.UndoManager;
  readonly presence: PresenceStore;
  readonly nodes: ActorNodeStore;
  readonly edges: RelationEdgeStore;
  readonly status: ValueStore<ConnectionStatus>;
  /** This browser's IndexedDB copy of the board: still loading, absent, or loaded into the doc. */
  readonly localCopy = new ValueStore<'loading' | 'none' | 'present'>('loading');
  /** True once this session has synced with the server at least once. */
  readonly serverSynced = new ValueStore(false);
  readonly undoState = new ValueStore<UndoState>({ canUndo: false, canRedo: false });
  /** Relation type used for new connections (toolbar picker, keys 1–4). */
  readonly relationType = new ValueStore<RelationType>('demands');
  /** Actor whose label is being edited in place, if any. */
  readonly renaming = new ValueStore<string | null>(null);
  readonly access: ValueStore<SessionAccess>;
  private readonly stopTracking: () => void;
  private destroyed = false;

  constructor(
    readonly boardId: string,
    /** The link token this session connects with. */
    readonly token: string,
    knownRole: Role | undefined,
  ) {
    const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
    this.access = new ValueStore<SessionAccess>({
      role: knownRole ?? null,
      writable: knownRole !== 'view',
      locked: false,
      storage: 'ok',
    });
    this.persistence = new IndexeddbPersistence(`parley-board-${boardId}`, this.doc);
    const loaded = () => this.localCopy.set(this.doc.store.clients.size > 0 ? 'present' : 'none');
    // without IndexedDB (some private modes) the board still works online
    this.persistence.whenSynced.then(loaded, loaded);
    // The token rides in the query (browsers cannot set headers on a WebSocket); status=1 asks for
    // the session status messages that tell this page its role, the lock and the storage state.
    this.provider = new WebsocketProvider(wsUrl, boardId, this.doc, { params: { token, status: '1' } });
    this.provider.messageHandlers[MESSAGE_SESSION_STATUS] = (_encoder, decoder) => {
      const status = readStatus(decoding.readVarString(decoder));
      if (!status) return;
      this.access.set(status);
      if (status.role) rememberRole(boardId, token, status.role);
    };
    const initial: PresenceState = { user: loadLocalUser(), cursor: null, selection: [], drag: null };
    this.provider.awareness.setLocalState(initial);
    const tracking = trackConnection(this.provider);
    this.status = tracking.status;
    this.stopTracking = tracking.stop;
    this.provider.on('sync', (synced: boolean) => {
      if (synced) this.serverSynced.set(true);
    });

    this.undoManager = new Y.UndoManager([actorsMap(this.doc), relationsMap(this.doc), metaMap(this.doc)], {
      trackedOrigins: new Set([this.origin]),
      captureTimeout: 400,
    });
    const syncUndo = () =>
      this.undoState.set({
        canUndo: this.undoManager.canUndo(),
        canRedo: this.undoManager.canRedo(),
      });
    // a new object each time only when a flag flips, so subscribers stay quiet otherwise
    const onStack = () => {
      const { canUndo, canRedo } = this.undoState.get();
      if (canUndo !== this.undoManager.canUndo() || canRedo !== this.undoManager.canRedo()) syncUndo();
    };
    this.undoManager.on('stack-item-added', onStack);
    this.undoManager.on('stack-item-popped', onStack);
    this.undoManager.on('stack-cleared', onStack);

    this.presence = new PresenceStore(this.provider.awareness);
    this.nodes = new ActorNodeStore(this.doc, this.presence);
    this.edges = new RelationEdgeStore(this.doc, this.presence);
    const publishSelection = () => {
      const selection = [...this.nodes.getSelectedIds(), ...this.edges.getSelectedIds()];
      const current = this.provider.awareness.getLocalState()?.selection;
      if (Array.isArray(current) && current.join('\n') === selection.join('\n')) return;
      this.provider.awareness.setLocalStateField('selection', selection);
    };
    this.nodes.subscribe(publishSelection);
    this.edges.subscribe(publishSelection);
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    // tell the others we left now, rather than when the server times us out
    removeAwarenessStates(this.provider.awareness, [this.doc.clientID], 'local');
    this.stopTracking();
    this.nodes.destroy();
    this.edges.destroy();
    this.presence.destroy();
    this.undoManager.destroy();
    this.provider.destroy();
    void this.persistence.destroy();
    this.doc.destroy();
  }
}

interface CacheEntry {
  session: BoardSession;
  refs: number;
  timer: ReturnType<typeof setTimeout> | null;
}

const cache = new Map<string, CacheEntry>();

const cacheKey = (boardId: string, token: string) => `${boardId} ${token}`;

/** Gets (or creates) the session of a board opened with a token; pair every call with releaseSession. */
export function acquireSession(boardId: string, token: string, knownRole?: Role): BoardSession {
  const key = cacheKey(boardId, token);
  let entry = cache.get(key);
  if (!entry) {
    entry = { session: new BoardSession(boardId, token, knownRole), refs: 0, timer: null };
    cache.set(key, entry);
  }
  if (entry.timer) clearTimeout(entry.timer);
  entry.timer = null;
  entry.refs += 1;
  const { session } = entry;
  window.__parley = { boardId, doc: session.doc, provider: session.provider, session };
  return session;
}

/**
 * Destroys the session once nothing uses it. Deferred a moment so that React's
 * StrictMode unmount/remount does not drop and reopen the connection.
 */
export function releaseSession(boardId: string, token: string): void {
  const key = cacheKey(boardId, token);
  const entry = cache.get(key);
  if (!entry) return;
  entry.refs -= 1;
  if (entry.refs > 0) return;
  entry.timer = setTimeout(() => {
    if (entry.refs > 0) return;
    cache.delete(key);
    if (window.__parley?.session === entry.session) delete window.__parley;
    entry.session.destroy();
  }, 100);
}
