/** What every actor card shows, on the live board and on a round's read-only canvas alike. */
import { Handle, Position } from '@xyflow/react';
import type { ReactNode } from 'react';
import type { Actor } from '../../shared/types.ts';
import { KIND_LABELS } from './actorKinds.ts';
import { KindIcon } from './KindIcon.tsx';

/** Accent bar, kind, the name (given as children: editable or not) and the stated position. */
export function ActorCardBody({ actor, children }: { actor: Actor; children: ReactNode }) {
  return (
    <>
      <div className="actor-accent" />
      <div className="actor-body">
        <div className="actor-kind">
          <KindIcon kind={actor.kind} size={12} />
          <span>{KIND_LABELS[actor.kind]}</span>
        </div>
        {children}
        {actor.stance && <div className="actor-stance">{actor.stance}</div>}
      </div>
    </>
  );
}

/**
 * For a card nobody may connect from: React Flow only draws an edge between two
 * handles, so keep one invisible, non-connectable pair; nothing invites a connection.
 */
export function HiddenHandles() {
  return (
    <>
      <Handle type="source" position={Position.Top} className="actor-handle-hidden" isConnectable={false} />
      <Handle type="target" position={Position.Top} className="actor-handle-hidden" isConnectable={false} />
    </>
  );
}
