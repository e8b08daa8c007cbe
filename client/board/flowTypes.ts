/** The React Flow node and edge shapes Parley renders. */
import { type Edge, type Node, type NodeHandle, Position } from '@xyflow/react';
import type { Actor, Relation } from '../../shared/types.ts';
import type { RemoteMark } from './presence.ts';

export type ActorNodeData = {
  actor: Actor;
  /** Other people who have this actor selected (drawn as outlines in their colours). */
  selectedBy: readonly RemoteMark[];
  /** Set while someone else drags this actor; the node then shows their live position. */
  draggedBy: RemoteMark | null;
};

export type ActorFlowNode = Node<ActorNodeData, 'actor'>;

export type RelationEdgeData = {
  relation: Relation;
  /**
   * Sideways offset of the curve's midpoint, in px, measured in the frame that
   * points from the lower to the higher actor id. Parallel relations between
   * the same two actors get distinct bends so none hides another.
   */
  bend: number;
  selectedBy: readonly RemoteMark[];
};

export type RelationFlowEdge = Edge<RelationEdgeData, 'relation'>;

export const NO_MARKS: readonly RemoteMark[] = Object.freeze([]);

/** How far any board canvas (live or a round's snapshot) zooms out and in. */
export const CANVAS_ZOOM = { min: 0.15, max: 2.5 } as const;

/**
 * Size assumed for an actor card until React Flow has measured it. Giving one
 * lets a new card show (and its name field take focus) on its first frame.
 */
export const ACTOR_DEFAULT_SIZE = { width: 180, height: 64 } as const;

const { width: W, height: H } = ACTOR_DEFAULT_SIZE;
const SIDE = 11;

/**
 * Where an unmeasured card's handles are assumed to be (ActorNode.tsx: one
 * source per side, the whole card a drop target). React Flow renders every
 * node whose handles it has not measured, even with
 * onlyRenderVisibleElements, just to measure it: on a 2,000-actor board that
 * was every card, mounted and unmounted again while the board opened. With
 * assumed handles only the cards on screen are rendered; measuring replaces
 * them. Relations are drawn between card borders (edgeGeometry.ts), so the
 * assumption never moves a line.
 */
export const ASSUMED_HANDLES: NodeHandle[] = [
  {
    id: 'top',
    type: 'source',
    position: Position.Top,
    x: W / 2 - SIDE / 2,
    y: -SIDE / 2,
    width: SIDE,
    height: SIDE,
  },
  {
    id: 'right',
    type: 'source',
    position: Position.Right,
    x: W - SIDE / 2,
    y: H / 2 - SIDE / 2,
    width: SIDE,
    height: SIDE,
  },
  {
    id: 'bottom',
    type: 'source',
    position: Position.Bottom,
    x: W / 2 - SIDE / 2,
    y: H - SIDE / 2,
    width: SIDE,
    height: SIDE,
  },
  {
    id: 'left',
    type: 'source',
    position: Position.Left,
    x: -SIDE / 2,
    y: H / 2 - SIDE / 2,
    width: SIDE,
    height: SIDE,
  },
  { id: 'drop', type: 'target', position: Position.Top, x: 0, y: 0, width: W, height: H },
];
