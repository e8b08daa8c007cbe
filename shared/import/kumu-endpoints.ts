import type { Actor } from '../types.ts';
import type { Problems } from './csv-table.ts';

/**
 * Finds the actor a connection's From/To names: an ID column wins; otherwise
 * the label, exactly, then ignoring case and spacing, then as an element ID.
 */
export class EndpointResolver {
  private readonly ids: ReadonlySet<string>;
  private readonly byLabel = new Map<string, Actor[]>();
  private readonly byLooseLabel = new Map<string, Actor[]>();

  constructor(
    actors: readonly Actor[],
    private readonly lines: ReadonlyMap<string, number>,
    /** Labels (loose) and ids of element rows that had errors, by line. */
    private readonly rejected: ReadonlyMap<string, number>,
  ) {
    this.ids = new Set(actors.map((a) => a.id));
    for (const actor of actors) {
      push(this.byLabel, actor.label.trim(), actor);
      push(this.byLooseLabel, loose(actor.label), actor);
    }
  }

  resolve(name: string, id: string, column: 'From' | 'To', at: string, problems: Problems): string | null {
    const wantedId = id.trim();
    if (wantedId !== '') {
      if (this.ids.has(wantedId)) return wantedId;
      const line = this.rejected.get(wantedId);
      if (line !== undefined) {
        problems.add(
          `${at}: ${column} ID '${wantedId}' is the element on elements.csv line ${line}, which has errors`,
        );
        return null;
      }
      problems.add(`${at}: ${column} ID '${wantedId}' is not the ID of an imported element`);
      return null;
    }
    const label = name.trim();
    if (label === '') {
      problems.add(`${at}: ${column} is empty`);
      return null;
    }
    const candidates = this.byLabel.get(label) ?? this.byLooseLabel.get(loose(label)) ?? [];
    if (candidates.length === 1 && candidates[0]) return candidates[0].id;
    if (candidates.length > 1) {
      const lines = candidates.map((a) => this.lines.get(a.id)).join(', ');
      problems.add(
        `${at}: ${column} '${label}' is ambiguous: elements on lines ${lines} share that label; add a ${column} ID column`,
      );
      return null;
    }
    if (this.ids.has(label)) return label;
    const line = this.rejected.get(loose(label)) ?? this.rejected.get(label);
    if (line !== undefined) {
      problems.add(
        `${at}: ${column} '${label}' is the element on elements.csv line ${line}, which has errors`,
      );
      return null;
    }
    problems.add(`${at}: unknown actor '${label}'`);
    return null;
  }
}

export function loose(label: string): string {
  return label.trim().toLowerCase().replace(/\s+/g, ' ');
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
