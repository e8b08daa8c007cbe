/** The diff on the canvas, in words: one line per change, layout moves summed up last. */
import type { BoardDiff } from '../../../shared/diff/board-diff.ts';

function counts(diff: BoardDiff): string {
  const parts = [
    [diff.actors.added.length + diff.relations.added.length, 'added'],
    [diff.actors.removed.length + diff.relations.removed.length, 'removed'],
    [diff.actors.changed.length + diff.relations.changed.length + diff.meta.length, 'changed'],
    [diff.actors.moved.length, 'moved'],
  ] as const;
  return parts.map(([n, what]) => `${n} ${what}`).join(' · ');
}

export function DiffChangelog({ diff, changelog }: { diff: BoardDiff; changelog: string[] }) {
  return (
    <section className="diff-changelog" data-testid="diff-changelog">
      <h3 className="inspector-kicker">Changes</h3>
      <p className="muted diff-counts">{counts(diff)}</p>
      {changelog.length === 0 ? (
        <p className="muted">No changes between these two.</p>
      ) : (
        <ul>
          {changelog.map((line, i) => (
            // the list is static for one diff: the index is a stable key
            // biome-ignore lint/suspicious/noArrayIndexKey: lines can repeat
            <li key={i}>{line}</li>
          ))}
        </ul>
      )}
      <div className="diff-legend">
        <span className="diff-swatch diff-added">added</span>
        <span className="diff-swatch diff-removed">removed (ghosted)</span>
        <span className="diff-swatch diff-changed">changed</span>
        <span className="diff-swatch diff-moved">moved</span>
      </div>
    </section>
  );
}
