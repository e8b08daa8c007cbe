/**
 * Keeps one React Flow node object per actor, and replaces only the node whose
 * inputs changed: its Y.Map (observeDeep reports which keys), a remote drag or
 * selection of it, a local drag, selection or measurement. Untouched nodes keep
 * their identity, so React Flow and the memoised ActorNode skip them.
 */
import * as Y from 'yjs';
import { actorsMap, type ItemMap, readActor } from '../../shared/board-doc.ts';
import type { Actor } from '../../shared/types.ts';
import type { ActorFlowNode } from './flowTypes.ts';
import { ACTOR_DEFAULT_SIZE, ASSUMED_HANDLES, NO_MARKS } from './flowTypes.ts';
import type { FlowPoint } from './presence.ts';
import type { PresenceStore } from './presenceStore.ts';

/** How long an ended remote drag keeps its last position while the dropped position travels. */
const SETTLE_MS = 1500;

interface Settling {
  position: FlowPoint;
  timer: ReturnType<typeof setTimeout>;
}

export class ActorNodeStore {
  private readonly map: Y.Map<ItemMap>;
  private readonly actors = new Map<string, Actor>();
  private readonly nodes = new Map<string, ActorFlowNode>();
  private list: ActorFlowNode[] = [];
  private readonly selected = new Set<string>();
  private selectedList: string[] = [];
  private readonly localDrag = new Map<string, FlowPoint>();
  private readonly settling = new Map<string, Settling>();
  private readonly measured = new Map<string, { width: number; height: number }>();
  private readonly listeners = new Set<() => void>();
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    doc: Y.Doc,
    private readonly presence: PresenceStore,
  ) {
    this.map = actorsMap(doc);
    this.map.observeDeep(this.onActorsChanged);
    this.unsubscribe.push(
      presence.subscribeDrags(this.onRemoteDrags),
      presence.subscribeSelections((ids) => this.refresh(ids)),
    );
    this.refresh(this.map.keys());
  }

  destroy(): void {
    this.map.unobserveDeep(this.onActorsChanged);
    for (const off of this.unsubscribe) off();
    for (const { timer } of this.settling.values()) clearTimeout(timer);
    this.listeners.clear();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getNodes = (): ActorFlowNode[] => this.list;
  getNode = (id: string): ActorFlowNode | undefined => this.nodes.get(id);
  getSelectedIds = (): string[] => this.selectedList;
  getActor(id: string): Actor | undefined {
    return this.actors.get(id);
  }

  setSelected(changes: Iterable<[string, boolean]>): void {
    const ids = new Set<string>();
    for (const [id, on] of changes) {
      if (on === this.selected.has(id) || (on && !this.actors.has(id))) continue;
      if (on) this.selected.add(id);
      else this.selected.delete(id);
      ids.add(id);
    }
    this.refresh(ids);
  }

  selectOnly(ids: readonly string[]): void {
    const want = new Set(ids);
    const changes: [string, boolean][] = [...this.selected]
      .filter((id) => !want.has(id))
      .map((id) => [id, false]);
    for (const id of want) changes.push([id, true]);
    this.setSelected(changes);
  }

  /** Card sizes React Flow measured, in one refresh: a big board measures its visible cards all at once. */
  setMeasured(sizes: Iterable<[string, { width: number; height: number }]>): void {
    const ids: string[] = [];
    for (const [id, size] of sizes) {
      const old = this.measured.get(id);
      if (old && old.width === size.width && old.height === size.height) continue;
      this.measured.set(id, size);
      ids.push(id);
    }
    if (ids.length) this.refresh(ids);
  }

  /** Positions of actors this user is dragging right now (not yet in the document). */
  setLocalDrag(moves: Iterable<[string, FlowPoint]>): void {
    const ids: string[] = [];
    for (const [id, position] of moves) {
      this.localDrag.set(id, position);
      ids.push(id);
    }
    this.refresh(ids);
  }

  endLocalDrag(ids: readonly string[]): void {
    for (const id of ids) this.localDrag.delete(id);
    this.refresh(ids);
  }

  private onActorsChanged = (events: Y.YEvent<Y.AbstractType<unknown>>[]): void => {
    const changed = new Set<string>();
    for (const event of events) {
      if (event.target === this.map) {
        for (const key of event.changes.keys.keys()) changed.add(key);
      } else {
        const id = event.path[0];
        if (typeof id === 'string') changed.add(id);
      }
    }
    for (const id of changed) {
      // the dropped position has arrived: the ended remote drag has settled
      const settling = this.settling.get(id);
      if (settling) {
        clearTimeout(settling.timer);
        this.settling.delete(id);
      }
    }
    this.refresh(changed);
  };

  private onRemoteDrags = (ids: ReadonlySet<string>): void => {
    for (const id of ids) {
      if (this.presence.getDrag(id)) continue;
      // A remote drag just ended. Its final position comes as a document
      // update, which may arrive after the awareness update that ended the drag;
      // hold the last live position until it does, so the node does not jump back.
      const node = this.nodes.get(id);
      const actor = this.actors.get(id);
      if (!node || !actor || (node.position.x === actor.x && node.position.y === actor.y)) continue;
      const old = this.settling.get(id);
      if (old) clearTimeout(old.timer);
      const timer = setTimeout(() => {
        this.settling.delete(id);
        this.refresh([id]);
      }, SETTLE_MS);
      this.settling.set(id, { position: node.position, timer });
    }
    this.refresh(ids);
  };

  private refresh(ids: Iterable<string>): void {
    let changed = false;
    let structural = false;
    for (const id of ids) {
      const map = this.map.get(id);
      if (!(map instanceof Y.Map)) {
        if (this.actors.delete(id)) {
          this.nodes.delete(id);
          this.selected.delete(id);
          this.localDrag.delete(id);
          this.measured.delete(id);
          changed = structural = true;
        }
        continue;
      }
      if (!this.nodes.has(id)) structural = true;
      const actor = readActor(id, map);
      this.actors.set(id, actor);
      this.nodes.set(id, this.build(id, actor));
      changed = true;
    }
    if (!changed) return;
    const order = structural ? [...this.nodes.keys()].sort() : this.list.map((n) => n.id);
    this.list = order.map((id) => this.nodes.get(id) as ActorFlowNode);
    const selectedList = [...this.selected].sort();
    if (selectedList.join('\n') !== this.selectedList.join('\n')) this.selectedList = selectedList;
    for (const listener of this.listeners) listener();
  }

  private build(id: string, actor: Actor): ActorFlowNode {
    const remote = this.presence.getDrag(id);
    const local = this.localDrag.get(id);
    const position = local ??
      remote?.position ??
      this.settling.get(id)?.position ?? { x: actor.x, y: actor.y };
    const node: ActorFlowNode = {
      id,
      type: 'actor',
      position,
      selected: this.selected.has(id),
      data: {
        actor,
        selectedBy: this.presence.getSelectedBy(id) ?? NO_MARKS,
        draggedBy: local ? null : (remote?.by ?? null),
      },
    };
    const size = this.measured.get(id);
    if (size) node.measured = size;
    else {
      node.initialWidth = ACTOR_DEFAULT_SIZE.width;
      node.initialHeight = ACTOR_DEFAULT_SIZE.height;
      node.handles = ASSUMED_HANDLES;
    }
    if (local) node.dragging = true;
    return node;
  }
}
