import type { ReactNode } from 'react';
import { useValue } from '../app/valueStore.ts';
import { ActorInspector } from './ActorInspector.tsx';
import { useSession } from './BoardContext.ts';
import { deleteSelection } from './boardActions.ts';
import { RelationInspector } from './RelationInspector.tsx';
import { useSelectedActorIds, useSelectedRelationIds } from './useBoardNodes.ts';

/** The side panel: edits whatever is selected, or explains how to start. */
export function Inspector() {
  const session = useSession();
  const actorIds = useSelectedActorIds(session);
  const relationIds = useSelectedRelationIds(session);
  const total = actorIds.length + relationIds.length;
  const { writable } = useValue(session.access);

  let body: ReactNode;
  if (total === 0) body = writable ? <Tips /> : <ReadOnlyTips />;
  else if (actorIds.length === 1 && relationIds.length === 0 && actorIds[0]) {
    // keyed: switching actors flushes the previous actor's unsaved draft to that actor
    body = <ActorInspector key={actorIds[0]} id={actorIds[0]} />;
  } else if (relationIds.length === 1 && actorIds.length === 0 && relationIds[0]) {
    body = <RelationInspector key={relationIds[0]} id={relationIds[0]} />;
  } else {
    body = (
      <div className="inspector-section">
        <h2 className="inspector-heading">{total} items selected</h2>
        <p className="muted">
          {plural(actorIds.length, 'actor')} and {plural(relationIds.length, 'relation')}. Drag any of them to
          move the whole group.
        </p>
        <button
          type="button"
          className="button button-danger"
          data-testid="inspector-delete"
          onClick={() => deleteSelection(session)}
        >
          Delete selection
        </button>
      </div>
    );
  }
  return (
    <aside className="inspector" data-testid="inspector" aria-label="Inspector">
      {/* read-only: every field and button inside is disabled; details stay readable */}
      <fieldset className="inspector-fieldset" disabled={!writable} data-testid="inspector-fieldset">
        {body}
      </fieldset>
    </aside>
  );
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function ReadOnlyTips() {
  return (
    <div className="inspector-section inspector-tips">
      <h2 className="inspector-heading">Nothing selected</h2>
      <p className="muted">Select an actor or a relation to read its details here.</p>
    </div>
  );
}

function Tips() {
  return (
    <div className="inspector-section inspector-tips">
      <h2 className="inspector-heading">Nothing selected</h2>
      <p className="muted">Select an actor or a relation to edit it here.</p>
      <ul className="tips">
        <li>
          <strong>Add an actor</strong>: the <em>Actor</em> button in the toolbar, or double-click empty
          canvas.
        </li>
        <li>
          <strong>Connect</strong>: drag from the dot on an actor's edge onto another actor.
        </li>
        <li>
          <strong>Relation type</strong>: pick it in the toolbar or press <kbd>1</kbd>–<kbd>4</kbd> before you
          connect. With a relation selected, the key changes its type.
        </li>
        <li>
          <strong>Rename</strong>: double-click an actor's name.
        </li>
        <li>
          <strong>Select several</strong>: Shift-click, or Shift-drag a box.
        </li>
        <li>
          <strong>Delete</strong>: <kbd>Delete</kbd> or <kbd>Backspace</kbd>. An actor's relations go with it.
        </li>
        <li>
          <strong>Undo</strong> your own changes: <kbd>Ctrl</kbd>/<kbd>⌘</kbd>+<kbd>Z</kbd>.
        </li>
      </ul>
    </div>
  );
}
