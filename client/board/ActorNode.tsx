import { Handle, type NodeProps, Position, useConnection } from '@xyflow/react';
import { type CSSProperties, memo, useCallback, useLayoutEffect, useRef, useState } from 'react';
import { LIMITS } from '../../shared/limits.ts';
import { useValueSelector } from '../app/valueStore.ts';
import { ActorCardBody, HiddenHandles } from './ActorCardParts.tsx';
import { KIND_COLORS } from './actorKinds.ts';
import { useSession } from './BoardContext.ts';
import { renameActor } from './boardActions.ts';
import type { ActorFlowNode } from './flowTypes.ts';
import type { SessionAccess } from './session.ts';

const SIDES = [
  [Position.Top, 'top'],
  [Position.Right, 'right'],
  [Position.Bottom, 'bottom'],
  [Position.Left, 'left'],
] as const;

const connectingSelector = (c: { inProgress: boolean }) => c.inProgress;
const writableSelector = (a: SessionAccess) => a.writable;

function ActorNodeView({ id, data, selected }: NodeProps<ActorFlowNode>) {
  const session = useSession();
  const isRenaming = useValueSelector(
    session.renaming,
    useCallback((renamingId: string | null) => renamingId === id, [id]),
  );
  const connecting = useConnection(connectingSelector);
  const writable = useValueSelector(session.access, writableSelector);
  const { actor, selectedBy, draggedBy } = data;
  const accent = actor.color ?? KIND_COLORS[actor.kind];
  const marks =
    draggedBy && !selectedBy.some((m) => m.clientId === draggedBy.clientId)
      ? [draggedBy, ...selectedBy]
      : selectedBy;
  const style = {
    '--actor-accent': accent,
    // one ring per person who has this actor selected, in their colour
    boxShadow: marks.length ? marks.map((m, i) => `0 0 0 ${2 + i * 2}px ${m.color}`).join(', ') : undefined,
  } as CSSProperties;

  return (
    <div
      className={`actor-node${selected ? ' is-selected' : ''}${draggedBy ? ' is-remote-dragging' : ''}`}
      style={style}
      data-testid={`actor-${id}`}
      data-kind={actor.kind}
    >
      <ActorCardBody actor={actor}>
        {isRenaming && writable ? (
          <RenameInput id={id} initial={actor.label} />
        ) : (
          // biome-ignore lint/a11y/noStaticElementInteractions: mouse shortcut; keyboard users press Enter or F2
          <div
            className="actor-label"
            data-testid="node-label"
            title={writable ? 'Double-click to rename' : undefined}
            onDoubleClick={(e) => {
              e.stopPropagation();
              if (writable) session.renaming.set(id);
            }}
          >
            {actor.label || <span className="muted">Unnamed</span>}
          </div>
        )}
      </ActorCardBody>
      {marks.length > 0 && (
        <div className="actor-marks">
          {marks.map((m) => (
            <span key={m.clientId} className="actor-mark" style={{ background: m.color }}>
              {m.name}
            </span>
          ))}
        </div>
      )}
      {/* read-only: nothing invites a connection the server would refuse */}
      {!writable && <HiddenHandles />}
      {writable &&
        SIDES.map(([position, name]) => (
          <Handle
            key={name}
            id={name}
            type="source"
            position={position}
            className="actor-handle"
            data-testid={`handle-${name}`}
          />
        ))}
      {/* while a connection is being drawn, the whole card accepts the drop */}
      {writable && (
        <Handle
          id="drop"
          type="target"
          position={Position.Top}
          className={`actor-drop${connecting ? ' is-active' : ''}`}
          isConnectableStart={false}
        />
      )}
    </div>
  );
}

function RenameInput({ id, initial }: { id: string; initial: string }) {
  const session = useSession();
  const [value, setValue] = useState(initial);
  const ref = useRef<HTMLInputElement>(null);
  const done = useRef(false);

  useLayoutEffect(() => {
    // focus before the first paint so no keystroke is lost; should the card
    // still be hidden (unmeasured), retry for a few frames
    let frame = 0;
    let tries = 0;
    const focus = () => {
      const input = ref.current;
      if (!input) return;
      input.focus();
      if (document.activeElement === input) input.select();
      else if (tries++ < 20) frame = requestAnimationFrame(focus);
    };
    focus();
    return () => cancelAnimationFrame(frame);
  }, []);

  const finish = (commit: boolean) => {
    if (done.current) return;
    done.current = true;
    if (commit) renameActor(session, id, value);
    if (session.renaming.get() === id) session.renaming.set(null);
  };

  return (
    <input
      ref={ref}
      className="actor-rename nodrag"
      data-testid="rename-input"
      aria-label="Actor name"
      value={value}
      maxLength={LIMITS.labelMax}
      onChange={(e) => setValue(e.target.value)}
      onBlur={() => finish(true)}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Enter') finish(true);
        else if (e.key === 'Escape') finish(false);
      }}
    />
  );
}

/** Memoised: React Flow hands it a new props object only when this actor's node object changed. */
export const ActorNode = memo(ActorNodeView);
