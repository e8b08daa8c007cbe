import { LIMITS } from '../../shared/limits.ts';
import { RELATION_STYLES } from '../../shared/relation-styles.ts';
import { ACTOR_KINDS, type ActorKind, isActorKind } from '../../shared/types.ts';
import { showToast } from '../app/toasts.ts';
import { ACTOR_PALETTE, KIND_COLORS, KIND_LABELS } from './actorKinds.ts';
import { useSession } from './BoardContext.ts';
import { deleteItems, editActor, renameActor } from './boardActions.ts';
import { DraftTextField } from './DraftTextField.tsx';
import { KindIcon } from './KindIcon.tsx';
import { selectRelation } from './selection.ts';
import { useActorNode, useBoardEdges } from './useBoardNodes.ts';
import { useDraftField } from './useDraftField.ts';

export function ActorInspector({ id }: { id: string }) {
  const session = useSession();
  const node = useActorNode(session, id);
  const actor = node?.data.actor;
  const label = useDraftField(actor?.label ?? '', (next) => {
    if (!next.trim()) showToast('An actor needs a name.');
    else renameActor(session, id, next);
  });
  const stance = useDraftField(
    actor?.stance ?? '',
    (next) => editActor(session, id, { stance: next.trim() ? next : null }),
    true,
  );
  const notes = useDraftField(
    actor?.notes ?? '',
    (next) => editActor(session, id, { notes: next.trim() ? next : null }),
    true,
  );
  if (!actor) return null;
  const accent = actor.color ?? KIND_COLORS[actor.kind];

  return (
    <div className="inspector-section" data-testid="inspector-actor">
      <div className="inspector-kicker" style={{ color: accent }}>
        <KindIcon kind={actor.kind} size={14} /> Actor
      </div>
      <DraftTextField
        label="Name"
        testId="inspector-label"
        maxLength={LIMITS.labelMax}
        placeholder="e.g. United States"
        draft={label}
      />
      <label className="field">
        <span className="field-label">Kind</span>
        <select
          className="input"
          data-testid="inspector-kind"
          value={actor.kind}
          onChange={(e) => {
            const kind: ActorKind = isActorKind(e.target.value) ? e.target.value : 'other';
            editActor(session, id, { kind });
          }}
        >
          {ACTOR_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {KIND_LABELS[kind]}
            </option>
          ))}
        </select>
      </label>
      <DraftTextField
        label="Stated position"
        testId="inspector-stance"
        rows={4}
        maxLength={LIMITS.stanceMax}
        placeholder="What does this actor say it wants?"
        draft={stance}
      />
      <DraftTextField
        label="Notes"
        testId="inspector-notes"
        rows={4}
        maxLength={LIMITS.notesMax}
        placeholder="Sources, caveats, red lines…"
        draft={notes}
      />
      <fieldset className="field">
        <legend className="field-label">Colour</legend>
        <div className="swatches">
          <button
            type="button"
            className={`swatch swatch-default${actor.color ? '' : ' is-active'}`}
            data-testid="inspector-color-default"
            title={`Default for ${KIND_LABELS[actor.kind]}`}
            aria-label="Default colour"
            aria-pressed={!actor.color}
            style={{ background: KIND_COLORS[actor.kind] }}
            onClick={() => editActor(session, id, { color: null })}
          />
          {ACTOR_PALETTE.map((color) => (
            <button
              key={color}
              type="button"
              className={`swatch${actor.color?.toLowerCase() === color ? ' is-active' : ''}`}
              data-testid={`inspector-color-${color.slice(1)}`}
              aria-label={`Colour ${color}`}
              aria-pressed={actor.color?.toLowerCase() === color}
              style={{ background: color }}
              onClick={() => editActor(session, id, { color })}
            />
          ))}
        </div>
      </fieldset>
      <ActorRelations id={id} />
      <button
        type="button"
        className="button button-danger"
        data-testid="inspector-delete"
        onClick={() => deleteItems(session, [id], [])}
      >
        Delete actor
      </button>
    </div>
  );
}

/** The relations touching this actor, to jump to one. */
function ActorRelations({ id }: { id: string }) {
  const session = useSession();
  const edges = useBoardEdges(session).filter((e) => e.source === id || e.target === id);
  if (edges.length === 0) return null;
  const name = (actorId: string) => session.nodes.getActor(actorId)?.label || 'Unnamed';
  return (
    <div className="field">
      <span className="field-label">Relations ({edges.length})</span>
      <ul className="relation-list">
        {edges.map((edge) => {
          const relation = edge.data?.relation;
          if (!relation) return null;
          const style = RELATION_STYLES[relation.type];
          const outgoing = relation.source === id;
          return (
            <li key={edge.id}>
              <button
                type="button"
                className="relation-link"
                onClick={() => selectRelation(session, edge.id, false)}
              >
                <span className="relation-dot" style={{ background: style.color }} />
                <span>
                  {outgoing ? (
                    <>
                      {style.name.toLowerCase()} <strong>{name(relation.target)}</strong>
                    </>
                  ) : (
                    <>
                      <strong>{name(relation.source)}</strong> {style.name.toLowerCase()} this
                    </>
                  )}
                  {relation.label && <span className="muted"> · {relation.label}</span>}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
