/** The React Flow node and edge shapes Parley renders. */
import type { Edge, Node } from '@xyflow/react';
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

/**
 * Size assumed for an actor card until React Flow has measured it. Giving one
 * lets a new card show (and its name field take focus) on its first frame.
 */
export const ACTOR_DEFAULT_SIZE = { width: 180, height: 64 } as const;
