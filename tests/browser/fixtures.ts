/** Small boards for browser tests, in the export.json format POST /api/boards imports (ids kept, R14). */

export interface FixtureActor {
  id: string;
  label: string;
  kind: string;
  x: number;
  y: number;
}

export interface FixtureRelation {
  id: string;
  source: string;
  target: string;
  type: string;
  label?: string;
}

export function exportedBoard(title: string, actors: FixtureActor[], relations: FixtureRelation[] = []) {
  return { format: 'parley-board', version: 1, title, description: '', actors, relations };
}

/** Three actors far enough apart that a drag or a connection never lands on the wrong card. */
export const TRIANGLE: FixtureActor[] = [
  { id: 'alpha', label: 'United States', kind: 'state', x: 0, y: 0 },
  { id: 'beta', label: 'Iran', kind: 'state', x: 520, y: 0 },
  { id: 'gamma', label: 'Pakistan', kind: 'mediator', x: 260, y: 360 },
];
