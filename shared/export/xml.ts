/** XML text helpers shared by the SVG, GraphML and GEXF exports. */

/**
 * Drops characters XML 1.0 forbids anywhere in a document: C0 controls other
 * than tab/newline/CR, U+FFFE/U+FFFF and lone surrogates. Labels are only
 * checked for length, so a pasted control character must not make the export
 * unreadable.
 */
export function stripInvalidXmlChars(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += text.slice(i, i + 2);
        i += 1;
      }
      continue;
    }
    if (c >= 0xdc00 && c <= 0xdfff) continue;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0xfffe || c === 0xffff) continue;
    out += text[i];
  }
  return out;
}

/**
 * Escapes text for element content and for attribute values (either quote
 * style). Tabs and newlines become character references so that attribute
 * value normalisation cannot turn them into spaces.
 */
export function escapeXml(text: string): string {
  return stripInvalidXmlChars(text).replace(/[&<>"'\t\n\r]/g, (ch) => XML_ENTITIES[ch] ?? ch);
}

const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/** Renders ` name="value"` pairs, skipping undefined values. */
export function xmlAttrs(attrs: Record<string, string | number | undefined>): string {
  let out = '';
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined) continue;
    out += ` ${name}="${escapeXml(typeof value === 'number' ? formatNumber(value) : value)}"`;
  }
  return out;
}

/** Numbers without float noise (12.300000000000001 → 12.3) and never NaN/Infinity. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '0';
  const rounded = Math.round(value * 100) / 100;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
