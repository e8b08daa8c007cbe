import { useReactFlow, useStoreApi } from '@xyflow/react';
import { RELATION_STYLES } from '../../shared/relation-styles.ts';
import { RELATION_TYPES } from '../../shared/types.ts';
import { useValue } from '../app/valueStore.ts';
import { useSession } from './BoardContext.ts';
import { addActorAt, chooseRelationType, NEW_ACTOR_SIZE, redo, undo } from './boardActions.ts';
import { RelationSample } from './Legend.tsx';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = isMac ? '⌘' : 'Ctrl+';

export function Toolbar() {
  const session = useSession();
  const flow = useReactFlow();
  const flowStore = useStoreApi();
  const current = useValue(session.relationType);
  const { canUndo, canRedo } = useValue(session.undoState);

  const addActor = () => {
    // the centre of what is visible, in flow coordinates
    const { width, height } = flowStore.getState();
    const { x, y, zoom } = flow.getViewport();
    const point = { x: (width / 2 - x) / zoom, y: (height / 2 - y) / zoom };
    // successive clicks cascade instead of stacking cards exactly on top of each other
    const taken = (p: { x: number; y: number }) =>
      session.nodes
        .getNodes()
        .some(
          (n) =>
            Math.abs(n.position.x + NEW_ACTOR_SIZE.width / 2 - p.x) < 8 &&
            Math.abs(n.position.y + NEW_ACTOR_SIZE.height / 2 - p.y) < 8,
        );
    while (taken(point)) {
      point.x += 28;
      point.y += 28;
    }
    addActorAt(session, point);
  };

  return (
    <div className="toolbar" role="toolbar" aria-label="Board tools">
      <button
        type="button"
        className="button button-primary"
        data-testid="add-actor"
        onClick={addActor}
        title="Add an actor (or double-click the canvas)"
      >
        <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
          <path d="M7 2v10M2 7h10" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </svg>
        Actor
      </button>
      <div className="toolbar-divider" />
      <fieldset className="relation-picker" data-testid="type-picker">
        <legend className="sr-only">Relation type for new connections</legend>
        {RELATION_TYPES.map((type, i) => {
          const style = RELATION_STYLES[type];
          return (
            <button
              key={type}
              type="button"
              aria-pressed={current === type}
              className={`relation-option${current === type ? ' is-active' : ''}`}
              data-testid={`type-${type}`}
              title={`${style.name}: ${style.meaning} (key ${i + 1})`}
              onClick={() => chooseRelationType(session, type)}
              style={current === type ? { borderColor: style.color, color: style.color } : undefined}
            >
              <RelationSample type={type} width={28} />
              <span>{style.name}</span>
              <kbd>{i + 1}</kbd>
            </button>
          );
        })}
      </fieldset>
      <div className="toolbar-divider" />
      <HistoryButton
        testId="undo"
        label="Undo"
        title={`Undo your last change (${MOD}Z)`}
        disabled={!canUndo}
        onClick={() => undo(session)}
        icon="M5.5 3 2.5 6l3 3 M2.8 6h7a3.7 3.7 0 0 1 0 7.4H7"
      />
      <HistoryButton
        testId="redo"
        label="Redo"
        title={`Redo (${isMac ? '⇧⌘Z' : 'Ctrl+Y'})`}
        disabled={!canRedo}
        onClick={() => redo(session)}
        icon="M10.5 3l3 3-3 3 M13.2 6h-7a3.7 3.7 0 0 0 0 7.4H9"
      />
    </div>
  );
}

/** Undo and redo: the same icon button; `icon` is its curved arrow's path. */
function HistoryButton(props: {
  testId: string;
  label: string;
  title: string;
  disabled: boolean;
  onClick: () => void;
  icon: string;
}) {
  return (
    <button
      type="button"
      className="icon-button"
      data-testid={props.testId}
      disabled={props.disabled}
      onClick={props.onClick}
      title={props.title}
      aria-label={props.label}
    >
      <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
        <path
          d={props.icon}
          fill="none"
          stroke="currentColor"
          strokeWidth="1.6"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
    </button>
  );
}
