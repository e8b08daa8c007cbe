import { z } from 'zod';
import { ITEM_ID_PATTERN } from './ids.ts';
import { LIMITS } from './limits.ts';
import { ACTOR_KINDS, RELATION_TYPES } from './types.ts';

/** Thrown by mutations and imports when input breaks a board rule. */
export class BoardRuleError extends Error {
  constructor(
    readonly rule: string,
    message: string,
  ) {
    super(`${rule}: ${message}`);
    this.name = 'BoardRuleError';
  }
}

const coord = z.number().finite().min(-LIMITS.coordMax).max(LIMITS.coordMax);
const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1f77b4');
export const itemIdSchema = z.string().regex(ITEM_ID_PATTERN, 'must be 1–64 of A–Z a–z 0–9 _ . : -');

export const actorKindSchema = z.enum(ACTOR_KINDS);
export const relationTypeSchema = z.enum(RELATION_TYPES);

export const actorFieldsSchema = z.object({
  label: z.string().trim().min(1, 'must not be empty').max(LIMITS.labelMax),
  kind: actorKindSchema,
  x: coord,
  y: coord,
  stance: z.string().max(LIMITS.stanceMax).optional(),
  notes: z.string().max(LIMITS.notesMax).optional(),
  color: color.optional(),
});
export type ActorFields = z.infer<typeof actorFieldsSchema>;

export const actorSchema = actorFieldsSchema.extend({ id: itemIdSchema });

/** What an actor edit may change; `null` removes an optional field. */
export const actorPatchSchema = z
  .object({
    label: actorFieldsSchema.shape.label,
    kind: actorKindSchema,
    x: coord,
    y: coord,
    stance: z.string().max(LIMITS.stanceMax).nullable(),
    notes: z.string().max(LIMITS.notesMax).nullable(),
    color: color.nullable(),
  })
  .partial()
  .strict();
export type ActorPatch = z.infer<typeof actorPatchSchema>;

export const relationFieldsSchema = z.object({
  source: itemIdSchema,
  target: itemIdSchema,
  type: relationTypeSchema,
  label: z.string().max(LIMITS.labelMax).optional(),
  notes: z.string().max(LIMITS.notesMax).optional(),
});
export type RelationFields = z.infer<typeof relationFieldsSchema>;

export const relationSchema = relationFieldsSchema.extend({ id: itemIdSchema });

export const relationPatchSchema = z
  .object({
    type: relationTypeSchema,
    label: z.string().max(LIMITS.labelMax).nullable(),
    notes: z.string().max(LIMITS.notesMax).nullable(),
  })
  .partial()
  .strict();
export type RelationPatch = z.infer<typeof relationPatchSchema>;

export const metaPatchSchema = z
  .object({
    title: z.string().trim().min(1).max(LIMITS.titleMax),
    description: z.string().max(LIMITS.descriptionMax),
  })
  .partial()
  .strict();
export type MetaPatch = z.infer<typeof metaPatchSchema>;

/** One readable line per problem, with the path into the input: "actors.3.label: must not be empty". */
export function formatZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 10)
    .map((issue) => {
      const path = issue.path.map(String).join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

/** Parses or throws a BoardRuleError naming the rule that was broken. */
export function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, rule: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new BoardRuleError(rule, formatZodError(result.error));
  return result.data;
}
