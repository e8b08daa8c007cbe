/** Selection changes made outside React Flow's own click handling (labels, inspector links). */
import type { BoardSession } from './session.ts';

export function selectRelation(session: BoardSession, id: string, additive: boolean): void {
  if (additive) {
    const on = !session.edges.getSelectedIds().includes(id);
    session.edges.setSelected([[id, on]]);
    return;
  }
  session.nodes.selectOnly([]);
  session.edges.clearSelection();
  session.edges.setSelected([[id, true]]);
}

export function selectActor(session: BoardSession, id: string): void {
  session.edges.clearSelection();
  session.nodes.selectOnly([id]);
}

export function clearSelection(session: BoardSession): void {
  session.edges.clearSelection();
  session.nodes.selectOnly([]);
}
