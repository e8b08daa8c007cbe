/**
 * Tolerant mapping from the Type column of a Kumu (or hand-made) CSV to
 * Parley's actor kinds and relation types. Matching ignores case, spacing,
 * hyphens and underscores ("Armed group" = "armed_group" = "armed-group").
 * Anything not listed here is rejected with the accepted values, rather than
 * silently becoming "other": a mistyped type should be seen and fixed.
 */
import { ACTOR_KINDS, type ActorKind, RELATION_TYPES, type RelationType } from '../types.ts';

const ACTOR_KIND_SYNONYMS: Record<ActorKind, readonly string[]> = {
  state: [
    'state',
    'states',
    'country',
    'countries',
    'nation',
    'nations',
    'nation state',
    'government',
    'state actor',
  ],
  'armed-group': [
    'armed group',
    'armed groups',
    'militia',
    'militias',
    'militant group',
    'rebel group',
    'rebels',
    'insurgent group',
    'insurgents',
    'paramilitary',
    'non state armed group',
    'nsag',
    'proxy',
    'proxy group',
  ],
  organisation: [
    'organisation',
    'organisations',
    'organization',
    'organizations',
    'org',
    'international organisation',
    'international organization',
    'igo',
    'ngo',
    'institution',
    'agency',
    'alliance',
    'coalition',
    'company',
    'political party',
    'party',
  ],
  person: ['person', 'people', 'individual', 'leader', 'official', 'politician'],
  mediator: ['mediator', 'mediators', 'facilitator', 'broker', 'go between', 'intermediary', 'third party'],
  other: ['other', 'unknown', 'misc'],
};

const RELATION_TYPE_SYNONYMS: Record<RelationType, readonly string[]> = {
  demands: [
    'demands',
    'demand',
    'demanded',
    'demands of',
    'asks',
    'requests',
    'requires',
    'calls for',
    'insists',
  ],
  threatens: ['threatens', 'threat', 'threats', 'threatened', 'threatening', 'warns', 'coerces'],
  mediates: [
    'mediates',
    'mediate',
    'mediated',
    'mediation',
    'mediator',
    'facilitates',
    'brokers',
    'hosts talks',
  ],
  deferred: ['deferred', 'defer', 'defers', 'deferral', 'postponed', 'postpones', 'postpone', 'shelved'],
};

function normalise(raw: string): string {
  return raw
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');
}

function invert<T extends string>(table: Record<T, readonly string[]>): Map<string, T> {
  const out = new Map<string, T>();
  for (const [value, names] of Object.entries(table) as [T, readonly string[]][]) {
    out.set(normalise(value), value);
    for (const name of names) out.set(normalise(name), value);
  }
  return out;
}

const KIND_BY_NAME = invert(ACTOR_KIND_SYNONYMS);
const TYPE_BY_NAME = invert(RELATION_TYPE_SYNONYMS);

/** An empty Type is "other" (Kumu elements often have none); an unknown one is null. */
export function mapActorKind(raw: string): ActorKind | null {
  const key = normalise(raw);
  if (key === '') return 'other';
  return KIND_BY_NAME.get(key) ?? null;
}

/** A relation needs a type: empty or unknown is null. */
export function mapRelationType(raw: string): RelationType | null {
  return TYPE_BY_NAME.get(normalise(raw)) ?? null;
}

export const ACTOR_KIND_HINT = `${ACTOR_KINDS.join(', ')} (or a synonym such as country, militia, organization, individual, facilitator; empty means other)`;
export const RELATION_TYPE_HINT = `${RELATION_TYPES.join(', ')} (or a synonym such as demand, threat, mediation, postponed)`;
