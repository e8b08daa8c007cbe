import {
  Background,
  BackgroundVariant,
  type Connection,
  ConnectionLineType,
  ConnectionMode,
  ControlButton,
  Controls,
  type EdgeChange,
  type NodeChange,
  type OnDelete,
  type OnNodeDrag,
  ReactFlow,
  useReactFlow,
  useStore,
  useStoreApi,
} from '@xyflow/react';
import { type MouseEvent, useCallback, useEffect, useMemo, useRef } from 'react';
import { RELATION_STYLES } from '../../shared/relation-styles.ts';
import { useValue } from '../app/valueStore.ts';
import { ActorNode } from './ActorNode.tsx';
import { useSession } from './BoardContext.ts';
import { addActorAt, connectActors, deleteItems, dropActors } from './boardActions.ts';
import { DashScaleContext, dashScaleSelector } from './dashScale.ts';
import { type ActorFlowNode, CANVAS_ZOOM, type RelationFlowEdge } from './flowTypes.ts';
import type { FlowPoint } from './presence.ts';
import { RelationEdge } from './RelationEdge.tsx';
import { RemoteCursors } from './RemoteCursors.tsx';
import { ThrottledField } from './throttledField.ts';
import { useBoardEdges, useBoardNodes } from './useBoardNodes.ts';
import { useDrawnEdges } from './useDrawnEdges.ts';
import { fitWholeBoard, useFitOnFirstContent } from './useFitOnFirstContent.ts';

// module scope: React Flow warns about (and re-mounts on) new type maps
const nodeTypes = { actor: ActorNode };
const edgeTypes = { relation: RelationEdge };
const multiSelectionKeys = ['Shift', 'Meta', 'Control'];
const deleteKeys = ['Delete', 'Backspace'];
const proOptions = { hideAttribution: true };
/** React Flow's fit-view icon (its own control is replaced below). */
function FitViewIcon() {
  return (
    <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 30" aria-hidden="true">
      <path d="M3.692 4.63c0-.53.4-.938.939-.938h5.215V0H4.708C2.13 0 0 2.054 0 4.63v5.216h3.692V4.631zM27.354 0h-5.2v3.692h5.17c.53 0 .984.4.984.939v5.215H32V4.631A4.624 4.624 0 0027.354 0zm.954 24.83c0 .532-.4.94-.939.94h-5.215v3.768h5.215c2.577 0 4.631-2.13 4.631-4.707v-5.139h-3.692v5.139zm-23.677.94c-.531 0-.939-.4-.939-.94v-5.138H0v5.139c0 2.577 2.13 4.707 4.708 4.707h5.138V25.77H4.631z" />
    </svg>
  );
}

const isValidConnection = (c: { source: string; target: string }) => c.source !== c.target;

/**
 * Live drag (R13): while a card moves, its position goes out through awareness
 * (~25 updates/s), never into the document; the drop writes the final position
 * once (moveActors). Others see a smooth drag, and the board's history grows by
 * one update per drop instead of one per mouse move. Receivers render the
 * awareness position while it is present (see ActorNodeStore).
 */
const DRAG_INTERVAL_MS = 40;
const NO_NODES: ActorFlowNode[] = [];
const NO_EDGES: RelationFlowEdge[] = [];
const CURSOR_INTERVAL_MS = 33;

export function BoardCanvas() {
  const session = useSession();
  const nodes = useBoardNodes(session);
  const edges = useDrawnEdges(useBoardEdges(session));
  const relationType = useValue(session.relationType);
  // Read-only (view link, lock, storage failing): look and select, never change. The server enforces it too.
  const { writable, role } = useValue(session.access);
  const flow = useReactFlow<ActorFlowNode, RelationFlowEdge>();
  // Cards and relations are handed to React Flow once the first view is placed (see the hook).
  const viewPlaced = useFitOnFirstContent(session);
  const dashScale = useStore(dashScaleSelector);

  const awareness = session.provider.awareness;
  const dragField = useMemo(
    () => new ThrottledField<Record<string, FlowPoint> | null>(awareness, 'drag', DRAG_INTERVAL_MS),
    [awareness],
  );
  const cursorField = useMemo(
    () => new ThrottledField<FlowPoint | null>(awareness, 'cursor', CURSOR_INTERVAL_MS),
    [awareness],
  );
  const dragging = useRef(new Map<string, FlowPoint>());
  useEffect(
    () => () => {
      dragField.cancel();
      cursorField.cancel();
    },
    [dragField, cursorField],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange<ActorFlowNode>[]) => {
      const selects: [string, boolean][] = [];
      const moves: [string, FlowPoint][] = [];
      const sizes: [string, { width: number; height: number }][] = [];
      for (const change of changes) {
        if (change.type === 'select') selects.push([change.id, change.selected]);
        else if (change.type === 'position' && change.dragging && change.position) {
          moves.push([change.id, change.position]);
        } else if (change.type === 'dimensions' && change.dimensions) {
          sizes.push([change.id, change.dimensions]);
        }
        // 'remove' is handled by onDelete: the document, not React Flow, owns the actors
      }
      if (selects.length) session.nodes.setSelected(selects);
      if (sizes.length) session.nodes.setMeasured(sizes);
      if (moves.length) {
        session.nodes.setLocalDrag(moves);
        for (const [id, p] of moves) dragging.current.set(id, p);
        // R13: while dragging, positions travel through awareness only
        dragField.publish(Object.fromEntries(dragging.current));
      }
    },
    [session, dragField],
  );

  const onNodeDragStop: OnNodeDrag<ActorFlowNode> = useCallback(
    (_event, _node, dragged) => {
      // R13: the drop writes each final position to the document, once
      const moves = dragged.map((n) => ({ id: n.id, x: n.position.x, y: n.position.y }));
      dropActors(session, moves);
      session.nodes.endLocalDrag(moves.map((m) => m.id));
      dragging.current.clear();
      dragField.set(null);
    },
    [session, dragField],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<RelationFlowEdge>[]) => {
      const selects: [string, boolean][] = [];
      for (const change of changes) if (change.type === 'select') selects.push([change.id, change.selected]);
      if (selects.length) session.edges.setSelected(selects);
    },
    [session],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      if (c.source && c.target) connectActors(session, c.source, c.target);
    },
    [session],
  );

  const onDelete: OnDelete<ActorFlowNode, RelationFlowEdge> = useCallback(
    ({ nodes: gone, edges: goneEdges }) =>
      deleteItems(
        session,
        gone.map((n) => n.id),
        goneEdges.map((e) => e.id),
      ),
    [session],
  );

  const onDoubleClick = useCallback(
    (event: MouseEvent) => {
      if (!session.access.get().writable) return;
      if (!(event.target instanceof Element) || !event.target.classList.contains('react-flow__pane')) return;
      addActorAt(session, flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }));
    },
    [session, flow],
  );

  // viewers' cursors are not relayed (SPEC "Access"): do not send them
  const onMouseMove = useCallback(
    (event: MouseEvent) => {
      if (role === 'view') return;
      cursorField.publish(flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }));
    },
    [cursorField, flow, role],
  );
  const onMouseLeave = useCallback(() => cursorField.set(null), [cursorField]);
  const flowStore = useStoreApi();
  const onFitView = useCallback(() => {
    fitWholeBoard(flow, flowStore, session.nodes.getNodes(), {
      minZoom: CANVAS_ZOOM.min,
      maxZoom: CANVAS_ZOOM.max,
      padding: 0.1,
    });
  }, [flow, flowStore, session]);

  const style = RELATION_STYLES[relationType];
  const connectionLineStyle = useMemo(
    () => ({ stroke: style.color, strokeWidth: style.width, strokeDasharray: style.dash ?? undefined }),
    [style],
  );

  return (
    <DashScaleContext.Provider value={dashScale}>
      <ReactFlow<ActorFlowNode, RelationFlowEdge>
        nodes={viewPlaced ? nodes : NO_NODES}
        edges={viewPlaced ? edges : NO_EDGES}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeDragStop={onNodeDragStop}
        onConnect={onConnect}
        onDelete={onDelete}
        nodesDraggable={writable}
        nodesConnectable={writable}
        isValidConnection={isValidConnection}
        connectionMode={ConnectionMode.Loose}
        connectionLineType={ConnectionLineType.Straight}
        connectionLineStyle={connectionLineStyle}
        connectionRadius={28}
        onDoubleClick={onDoubleClick}
        onMouseMove={onMouseMove}
        onMouseLeave={onMouseLeave}
        zoomOnDoubleClick={false}
        multiSelectionKeyCode={multiSelectionKeys}
        deleteKeyCode={writable ? deleteKeys : null}
        // big boards: cards and relations off screen are neither rendered nor painted
        onlyRenderVisibleElements
        minZoom={CANVAS_ZOOM.min}
        maxZoom={CANVAS_ZOOM.max}
        proOptions={proOptions}
        data-testid="board-canvas"
      >
        <Background variant={BackgroundVariant.Dots} gap={22} size={1.3} color="#cbd5e1" />
        <Controls position="bottom-right" showInteractive={false} showFitView={false}>
          {/* React Flow's own fit button waits for every card to be measured; off-screen cards never are */}
          <ControlButton
            className="react-flow__controls-fitview"
            onClick={onFitView}
            title="Fit view"
            aria-label="fit view"
          >
            <FitViewIcon />
          </ControlButton>
        </Controls>
        <RemoteCursors />
      </ReactFlow>
    </DashScaleContext.Provider>
  );
}
