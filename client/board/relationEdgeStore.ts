/**
 * One React Flow edge object per visible relation, replaced only when that
 * relation, its visibility (R6: both actors present and distinct), its lane
 * among parallel relations, or its selection changes.
 */
import * as Y from 'yjs';
import {
  actorsMap,
  type ItemMap,
  isRelationVisible,
  readRelation,
  relationsMap,
} from '../../shared/board-doc.ts';
import type { Relation } from '../../shared/types.ts';
import { NO_MARKS, type RelationFlowEdge } from './flowTypes.ts';
import type { PresenceStore } from './presenceStore.ts';
import { laneBend, pairKey } from './relationLanes.ts';

export class RelationEdgeStore {
  private readonly relationMap: Y.Map<ItemMap>;
  private readonly actorMap: Y.Map<ItemMap>;
  /** Well-formed relations (R5), visible or not. */
  private readonly relations = new Map<string, Relation>();
  private readonly edges = new Map<string, RelationFlowEdge>();
  /** Visible relation ids per unordered actor pair. */
  private readonly pairs = new Map<string, Set<string>>();
  private list: RelationFlowEdge[] = [];
  private readonly selected = new Set<string>();
  private selectedList: string[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly offSelections: () => void;

  constructor(
    private readonly doc: Y.Doc,
    private readonly presence: PresenceStore,
  ) {
    this.relationMap = relationsMap(doc);
    this.actorMap = actorsMap(doc);
    this.relationMap.observeDeep(this.onRelationsChanged);
    this.actorMap.observe(this.onActorsChanged);
    this.offSelections = presence.subscribeSelections((ids) => this.refresh(ids));
    this.refresh(this.relationMap.keys());
  }

  destroy(): void {
    this.relationMap.unobserveDeep(this.onRelationsChanged);
    this.actorMap.unobserve(this.onActorsChanged);
    this.offSelections();
    this.listeners.clear();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getEdges = (): RelationFlowEdge[] => this.list;
  getEdge = (id: string): RelationFlowEdge | undefined => this.edges.get(id);
  getSelectedIds = (): string[] => this.selectedList;

  setSelected(changes: Iterable<[string, boolean]>): void {
    const ids = new Set<string>();
    for (const [id, on] of changes) {
      if (on === this.selected.has(id) || (on && !this.edges.has(id))) continue;
      if (on) this.selected.add(id);
      else this.selected.delete(id);
      ids.add(id);
    }
    this.refresh(ids);
  }

  clearSelection(): void {
    this.setSelected([...this.selected].map((id) => [id, false]));
  }

  private onRelationsChanged = (events: Y.YEvent<Y.AbstractType<unknown>>[]): void => {
    const changed = new Set<string>();
    for (const event of events) {
      if (event.target === this.relationMap) {
        for (const key of event.changes.keys.keys()) changed.add(key);
      } else if (typeof event.path[0] === 'string') {
        changed.add(event.path[0]);
      }
    }
    this.refresh(changed);
  };

  /** Actors coming or going change which relations are visible (R6). */
  private onActorsChanged = (event: Y.YMapEvent<ItemMap>): void => {
    const actorIds = new Set(event.changes.keys.keys());
    const touched: string[] = [];
    for (const r of this.relations.values()) {
      if (actorIds.has(r.source) || actorIds.has(r.target)) touched.push(r.id);
    }
    this.refresh(touched);
  };

  private refresh(ids: Iterable<string>): void {
    const dirty = new Set<string>();
    const dirtyPairs = new Set<string>();
    for (const id of ids) {
      const old = this.relations.get(id);
      const map = this.relationMap.get(id);
      const next = map instanceof Y.Map ? readRelation(id, map) : null;
      if (!old && !next) continue;
      if (old) this.removeFromPair(old, dirtyPairs);
      if (next) {
        this.relations.set(id, next);
        if (isRelationVisible(this.doc, next)) {
          const key = pairKey(next);
          const members = this.pairs.get(key) ?? new Set<string>();
          members.add(id);
          this.pairs.set(key, members);
          dirtyPairs.add(key);
        }
      } else {
        this.relations.delete(id);
      }
      dirty.add(id);
    }
    for (const key of dirtyPairs) for (const id of this.pairs.get(key) ?? []) dirty.add(id);
    if (dirty.size === 0) return;

    let structural = false;
    for (const id of dirty) {
      const relation = this.relations.get(id);
      const visible = relation !== undefined && this.pairs.get(pairKey(relation))?.has(id) === true;
      if (!visible) {
        if (this.edges.delete(id)) structural = true;
        this.selected.delete(id);
        continue;
      }
      if (!this.edges.has(id)) structural = true;
      this.edges.set(id, this.build(relation));
    }
    const order = structural ? [...this.edges.keys()].sort() : this.list.map((e) => e.id);
    this.list = order.map((id) => this.edges.get(id) as RelationFlowEdge);
    const selectedList = [...this.selected].sort();
    if (selectedList.join('\n') !== this.selectedList.join('\n')) this.selectedList = selectedList;
    for (const listener of this.listeners) listener();
  }

  private removeFromPair(relation: Relation, dirtyPairs: Set<string>): void {
    const key = pairKey(relation);
    const members = this.pairs.get(key);
    if (!members?.delete(relation.id)) return;
    if (members.size === 0) this.pairs.delete(key);
    dirtyPairs.add(key);
  }

  private build(relation: Relation): RelationFlowEdge {
    return {
      id: relation.id,
      type: 'relation',
      source: relation.source,
      target: relation.target,
      selected: this.selected.has(relation.id),
      data: {
        relation,
        bend: laneBend(this.pairs.get(pairKey(relation)), relation.id),
        selectedBy: this.presence.getSelectedBy(relation.id) ?? NO_MARKS,
      },
    };
  }
}
