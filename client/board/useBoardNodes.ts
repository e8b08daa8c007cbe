/** Narrow subscriptions to a session's stores: each hook re-renders on its own slice only. */
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { metaMap, readMeta } from '../../shared/board-doc.ts';
import type { BoardMeta } from '../../shared/types.ts';
import type { ActorFlowNode, RelationFlowEdge } from './flowTypes.ts';
import type { BoardSession } from './session.ts';

export function useBoardNodes(session: BoardSession): ActorFlowNode[] {
  return useSyncExternalStore(session.nodes.subscribe, session.nodes.getNodes);
}

export function useBoardEdges(session: BoardSession): RelationFlowEdge[] {
  return useSyncExternalStore(session.edges.subscribe, session.edges.getEdges);
}

export function useSelectedActorIds(session: BoardSession): string[] {
  return useSyncExternalStore(session.nodes.subscribe, session.nodes.getSelectedIds);
}

export function useSelectedRelationIds(session: BoardSession): string[] {
  return useSyncExternalStore(session.edges.subscribe, session.edges.getSelectedIds);
}

/** One actor's node (its identity changes only when that actor changes). */
export function useActorNode(session: BoardSession, id: string): ActorFlowNode | undefined {
  const get = useCallback(() => session.nodes.getNode(id), [session, id]);
  return useSyncExternalStore(session.nodes.subscribe, get);
}

export function useRelationEdge(session: BoardSession, id: string): RelationFlowEdge | undefined {
  const get = useCallback(() => session.edges.getEdge(id), [session, id]);
  return useSyncExternalStore(session.edges.subscribe, get);
}

export function useBoardMeta(session: BoardSession): BoardMeta {
  const [meta, setMeta] = useState(() => readMeta(session.doc));
  useEffect(() => {
    const map = metaMap(session.doc);
    const update = () =>
      setMeta((old) => {
        const next = readMeta(session.doc);
        return old.title === next.title && old.description === next.description ? old : next;
      });
    update();
    map.observe(update);
    return () => map.unobserve(update);
  }, [session]);
  return meta;
}

/** Whether the board has any actors: drives the empty-state hint. */
export function useHasActors(session: BoardSession): boolean {
  const get = useCallback(() => session.nodes.getNodes().length > 0, [session]);
  return useSyncExternalStore(session.nodes.subscribe, get);
}
