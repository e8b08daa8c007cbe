import { LIMITS } from '../../shared/limits.ts';
import { RELATION_STYLES } from '../../shared/relation-styles.ts';
import { RELATION_TYPES } from '../../shared/types.ts';
import { useSession } from './BoardContext.ts';
import { deleteItems, editRelation } from './boardActions.ts';
import { DraftTextField } from './DraftTextField.tsx';
import { RelationSample } from './Legend.tsx';
import { selectActor } from './selection.ts';
import { useActorNode, useRelationEdge } from './useBoardNodes.ts';
import { useDraftField } from './useDraftField.ts';

export function RelationInspector({ id }: { id: string }) {
  const session = useSession();
  const relation = useRelationEdge(session, id)?.data?.relation;
  const source = useActorNode(session, relation?.source ?? '')?.data.actor;
  const target = useActorNode(session, relation?.target ?? '')?.data.actor;
  const label = useDraftField(relation?.label ?? '', (next) =>
    editRelation(session, id, { label: next.trim() ? next.trim() : null }),
  );
  const notes = useDraftField(
    relation?.notes ?? '',
    (next) => editRelation(session, id, { notes: next.trim() ? next : null }),
    true,
  );
  if (!relation) return null;
  const style = RELATION_STYLES[relation.type];

  return (
    <div className="inspector-section" data-testid="inspector-relation">
      <div className="inspector-kicker" style={{ color: style.color }}>
        Relation
      </div>
      <div className="relation-ends">
        <button type="button" className="relation-end" onClick={() => selectActor(session, relation.source)}>
          {source?.label || 'Unnamed'}
        </button>
        <span className="relation-verb" style={{ color: style.color }}>
          {style.name.toLowerCase()} →
        </span>
        <button type="button" className="relation-end" onClick={() => selectActor(session, relation.target)}>
          {target?.label || 'Unnamed'}
        </button>
      </div>
      <fieldset className="field">
        <legend className="field-label">Type</legend>
        <div className="type-options">
          {RELATION_TYPES.map((type, i) => (
            <button
              key={type}
              type="button"
              aria-pressed={relation.type === type}
              className={`type-option${relation.type === type ? ' is-active' : ''}`}
              data-testid={`inspector-relation-type-${type}`}
              style={relation.type === type ? { borderColor: RELATION_STYLES[type].color } : undefined}
              onClick={() => editRelation(session, id, { type })}
            >
              <RelationSample type={type} width={30} />
              <span>{RELATION_STYLES[type].name}</span>
              <kbd>{i + 1}</kbd>
            </button>
          ))}
        </div>
        <p className="field-hint">{style.meaning}.</p>
      </fieldset>
      <DraftTextField
        label="Label"
        testId="inspector-relation-label"
        maxLength={LIMITS.labelMax}
        placeholder={
          relation.type === 'mediates'
            ? 'e.g. ceasefire talks in Islamabad'
            : 'e.g. reopen the Strait of Hormuz'
        }
        draft={label}
        hint="What is demanded, threatened, mediated or deferred. Shown on the line."
      />
      <DraftTextField
        label="Notes"
        testId="inspector-relation-notes"
        rows={4}
        maxLength={LIMITS.notesMax}
        placeholder="Sources, dates, conditions…"
        draft={notes}
      />
      <button
        type="button"
        className="button button-danger"
        data-testid="inspector-delete"
        onClick={() => deleteItems(session, [], [id])}
      >
        Delete relation
      </button>
    </div>
  );
}
