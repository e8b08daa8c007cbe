/** Size limits for board content (R12). Shared so client forms and server checks agree. */
export const LIMITS = {
  labelMax: 200,
  stanceMax: 2000,
  notesMax: 5000,
  titleMax: 200,
  descriptionMax: 5000,
  maxActors: 5000,
  maxRelations: 20000,
  /** Positions are clamped to this square so a bad value cannot blow up layouts. */
  coordMax: 1_000_000,
} as const;
