/**
 * How each relation type is drawn (SPEC.md, relation table). Pure data so the
 * web client and the server's SVG export draw relations identically.
 */
import type { RelationType } from './types.ts';

export type MarkerShape = 'filled' | 'open';

export interface RelationStyle {
  /** Human name for legends and pickers. */
  name: string;
  /** One line explaining what an edge of this type means (source → target). */
  meaning: string;
  /** Stroke colour, `#rrggbb`. */
  color: string;
  /** Stroke width in px at zoom 1. */
  width: number;
  /** SVG `stroke-dasharray`, or null for a solid line. */
  dash: string | null;
  /** SVG `stroke-linecap`; round caps turn short dashes into dots. */
  linecap: 'butt' | 'round';
  /** Arrowhead at the target end. */
  marker: MarkerShape;
}

export const RELATION_STYLES: Readonly<Record<RelationType, RelationStyle>> = {
  demands: {
    name: 'Demands',
    meaning: 'Source demands something of target',
    color: '#2563eb',
    width: 2,
    dash: null,
    linecap: 'butt',
    marker: 'filled',
  },
  threatens: {
    name: 'Threatens',
    meaning: 'Source threatens target',
    color: '#dc2626',
    width: 3.5,
    dash: null,
    linecap: 'butt',
    marker: 'filled',
  },
  mediates: {
    name: 'Mediates',
    meaning: 'Source mediates with or between target',
    color: '#16a34a',
    width: 2.5,
    dash: '0.1 6',
    linecap: 'round',
    marker: 'open',
  },
  deferred: {
    name: 'Deferred',
    meaning: 'An issue between them is put off to a later round',
    color: '#6b7280',
    width: 2,
    dash: '8 6',
    linecap: 'butt',
    marker: 'open',
  },
};

/**
 * Arrowhead geometry in a 12×12 box whose tip is at (11, 6), drawn in user
 * space units (not scaled by stroke width) so a thick line keeps a sane head.
 */
export const MARKER_BOX = { width: 12, height: 12, refX: 10, refY: 6 } as const;

export function markerPath(shape: MarkerShape): string {
  return shape === 'filled' ? 'M1,1.5 L11,6 L1,10.5 Z' : 'M1.5,1.5 L10.5,6 L1.5,10.5';
}

/** Stable id for an SVG `<marker>` of a relation type (one per type per document). */
export function markerId(type: RelationType): string {
  return `parley-arrow-${type}`;
}
