import type { ActorKind } from '../../shared/types.ts';

/** 16×16 line icons, one per actor kind, drawn with currentColor. */
const PATHS: Readonly<Record<ActorKind, string>> = {
  // flag on a pole
  state: 'M4 14V2.5 M4 3h7.5l-1.5 2.5 1.5 2.5H4',
  // shield
  'armed-group': 'M8 1.8 13 3.6v4c0 3-2.2 5.3-5 6.6-2.8-1.3-5-3.6-5-6.6v-4z',
  // building with columns
  organisation: 'M2 14h12 M3 6.5h10 M8 2l5.5 3.5h-11z M4.5 7v5.5 M8 7v5.5 M11.5 7v5.5',
  // head and shoulders
  person: 'M8 7.5a2.7 2.7 0 1 0 0-5.4 2.7 2.7 0 0 0 0 5.4z M2.8 14c.4-2.8 2.6-4.6 5.2-4.6s4.8 1.8 5.2 4.6',
  // scales
  mediator: 'M8 2v12 M5 14h6 M3 4.5h10 M3 4.5 1.2 9h3.6z M13 4.5 11.2 9h3.6z',
  // dot in a ring
  other: 'M8 13.5a5.5 5.5 0 1 0 0-11 5.5 5.5 0 0 0 0 11z M8 9a1 1 0 1 0 0-2 1 1 0 0 0 0 2z',
};

export function KindIcon({ kind, size = 14 }: { kind: ActorKind; size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.4}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      <path d={PATHS[kind]} />
    </svg>
  );
}
