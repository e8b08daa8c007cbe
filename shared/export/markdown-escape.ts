/**
 * Escaping user text for Markdown (CommonMark + GFM) so that a label or stance
 * cannot break the brief's structure: no stray emphasis, links, raw HTML
 * (`<script>`), table pipes, headings or list items. Backslash escapes keep the
 * text readable in the raw file too.
 */
import { stripInvalidXmlChars } from './xml.ts';

const INLINE_SPECIAL = /[\\`*_[\]<>|~#]/g;
/** `&` only matters when it starts an entity reference, e.g. `&lt;` or `&#60;`. */
const ENTITY_START = /&(?=#?[A-Za-z0-9]+;)/g;
/** Line starts that CommonMark reads as a block: list markers, a setext underline, ordered items. */
const BULLET_START = /^([-+=])(?=\s|$|[-=])/;
const ORDERED_START = /^(\d{1,9})([.)])(?=\s|$)/;

/**
 * Escapes text for use inside a line; line breaks become spaces. A leading
 * list or ordered-list marker is escaped too, since the text may open a list
 * item's content ("- - Iran" would nest a list).
 */
export function mdInline(text: string): string {
  return escapeLineStart(escapeSpecials(text.replace(/\s+/g, ' ').trim()));
}

/**
 * Escapes multi-line text into lines that each stand on their own (for a
 * blockquote or paragraph); blank lines are kept as paragraph breaks.
 */
export function mdLines(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    // Leading spaces would make an indented code block, so lines are trimmed.
    const line = escapeLineStart(escapeSpecials(raw.replace(/[ \t]+/g, ' ').trim()));
    // Keep single blank lines between paragraphs; drop leading and repeated ones.
    if (line === '' && (out.length === 0 || out[out.length - 1] === '')) continue;
    out.push(line);
  }
  if (out[out.length - 1] === '') out.pop();
  return out;
}

function escapeSpecials(text: string): string {
  // Control characters are invisible in a report and confuse some renderers.
  return stripInvalidXmlChars(text).replace(INLINE_SPECIAL, '\\$&').replace(ENTITY_START, '\\&');
}

function escapeLineStart(text: string): string {
  return text.replace(BULLET_START, '\\$1').replace(ORDERED_START, '$1\\$2');
}
