/** How actor kinds are named and tinted in the UI (the kinds themselves are in shared/types.ts). */
import type { ActorKind } from '../../shared/types.ts';

export const KIND_LABELS: Readonly<Record<ActorKind, string>> = {
  state: 'State',
  'armed-group': 'Armed group',
  organisation: 'Organisation',
  person: 'Person',
  mediator: 'Mediator',
  other: 'Other',
};

/** Accent used when an actor has no colour of its own. */
export const KIND_COLORS: Readonly<Record<ActorKind, string>> = {
  state: '#1e3a8a',
  'armed-group': '#9f1239',
  organisation: '#0f766e',
  person: '#7c3aed',
  mediator: '#15803d',
  other: '#475569',
};

/** Colours offered in the inspector; any #rrggbb in the document is still shown. */
export const ACTOR_PALETTE = [
  '#1e3a8a',
  '#2563eb',
  '#0891b2',
  '#0f766e',
  '#15803d',
  '#65a30d',
  '#ca8a04',
  '#ea580c',
  '#dc2626',
  '#9f1239',
  '#c026d3',
  '#7c3aed',
  '#475569',
] as const;
