/**
 * A small, strict, non-validating XML 1.0 parser for the export tests (no XML
 * parser is installed). It rejects what a real parser rejects in our output —
 * unbalanced or mismatched tags, a second root, raw `<` or a bad `&` in text
 * or attributes, duplicate attributes, undeclared namespace prefixes,
 * characters XML forbids, `]]>` in text — and returns a tree with entity
 * references decoded and attribute values normalised as the spec says, so
 * tests can assert on what a consumer would actually read.
 */

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

export class XmlError extends Error {}

const NAME = /^[A-Za-z_:][A-Za-z0-9_.:-]*/;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function parseXml(input: string): XmlElement {
  // Line-end normalisation (XML 1.0 §2.11) comes before everything else.
  const src = input.replace(/\r\n?/g, '\n');
  checkChars(src);
  let pos = 0;
  const fail = (message: string): never => {
    const before = src.slice(0, pos);
    const line = before.split('\n').length;
    const col = pos - before.lastIndexOf('\n');
    throw new XmlError(`${message} at ${line}:${col}`);
  };

  if (src.startsWith('<?xml')) {
    const end = src.indexOf('?>');
    if (end === -1) fail('unterminated XML declaration');
    const decl = src.slice(0, end + 2);
    if (
      !/^<\?xml version="1\.[0-9]"( encoding="[A-Za-z][A-Za-z0-9._-]*")?( standalone="(yes|no)")?\s*\?>$/.test(
        decl,
      )
    ) {
      fail(`malformed XML declaration ${decl}`);
    }
    pos = end + 2;
  }

  const skipMisc = () => {
    for (;;) {
      const ws = /^\s*/.exec(src.slice(pos))?.[0] ?? '';
      pos += ws.length;
      if (src.startsWith('<!--', pos)) readComment();
      else if (src.startsWith('<?', pos)) readPi();
      else return;
    }
  };
  const readComment = () => {
    const end = src.indexOf('-->', pos + 4);
    if (end === -1) fail('unterminated comment');
    if (src.slice(pos + 4, end).includes('--')) fail('"--" inside a comment');
    pos = end + 3;
  };
  const readPi = () => {
    const end = src.indexOf('?>', pos + 2);
    if (end === -1) fail('unterminated processing instruction');
    const target = NAME.exec(src.slice(pos + 2))?.[0];
    if (!target || target.toLowerCase() === 'xml') fail('bad processing instruction');
    pos = end + 2;
  };
  const readName = (): string => {
    const name = NAME.exec(src.slice(pos))?.[0];
    if (!name) return fail('expected a name');
    pos += name.length;
    return name;
  };
  const decode = (raw: string, where: string): string =>
    raw.replace(/&([^;&\s]*);?/g, (whole, ref: string) => {
      if (!whole.endsWith(';')) fail(`bare "&" in ${where}`);
      if (ref in PREDEFINED) return PREDEFINED[ref] as string;
      const m = /^#(?:x([0-9A-Fa-f]+)|([0-9]+))$/.exec(ref);
      if (!m) return fail(`unknown entity &${ref}; in ${where}`);
      const code = m[1] !== undefined ? Number.parseInt(m[1], 16) : Number(m[2]);
      const ch = code <= 0x10ffff ? String.fromCodePoint(code) : '';
      if (!isXmlChar(code)) fail(`character reference &${ref}; is not an XML character`);
      return ch;
    });

  const scopes: Map<string, string>[] = [new Map([['xml', 'http://www.w3.org/XML/1998/namespace']])];
  const checkPrefix = (name: string, scope: Map<string, string>[]) => {
    const colon = name.indexOf(':');
    if (colon === -1 || name.startsWith('xmlns:')) return;
    const prefix = name.slice(0, colon);
    if (!scope.some((s) => s.has(prefix))) fail(`undeclared namespace prefix "${prefix}" in ${name}`);
  };

  const readElement = (): XmlElement => {
    pos += 1; // <
    const name = readName();
    const attrs: Record<string, string> = {};
    for (;;) {
      const ws = /^\s*/.exec(src.slice(pos))?.[0] ?? '';
      pos += ws.length;
      if (src.startsWith('/>', pos) || src[pos] === '>') break;
      if (ws === '') fail(`expected whitespace before an attribute of <${name}>`);
      const attr = readName();
      if (attr in attrs) fail(`duplicate attribute ${attr} on <${name}>`);
      const eq = /^\s*=\s*/.exec(src.slice(pos))?.[0];
      if (!eq) fail(`attribute ${attr} on <${name}> has no value`);
      pos += (eq as string).length;
      const quote = src[pos];
      if (quote !== '"' && quote !== "'") fail(`attribute ${attr} value is not quoted`);
      const end = src.indexOf(quote as string, pos + 1);
      if (end === -1) fail(`unterminated value of ${attr}`);
      const raw = src.slice(pos + 1, end);
      if (raw.includes('<')) fail(`"<" in the value of ${attr}`);
      // Attribute-value normalisation: literal whitespace characters become spaces.
      attrs[attr] = decode(raw.replace(/[\t\n]/g, ' '), `attribute ${attr}`);
      pos = end + 1;
    }
    const scope = new Map<string, string>();
    for (const [attr, value] of Object.entries(attrs)) {
      if (attr.startsWith('xmlns:')) scope.set(attr.slice(6), value);
    }
    scopes.push(scope);
    checkPrefix(name, scopes);
    for (const attr of Object.keys(attrs)) checkPrefix(attr, scopes);
    const element: XmlElement = { name, attrs, children: [] };
    if (src.startsWith('/>', pos)) {
      pos += 2;
      scopes.pop();
      return element;
    }
    pos += 1; // >
    for (;;) {
      if (pos >= src.length) fail(`<${name}> is never closed`);
      if (src.startsWith('</', pos)) {
        pos += 2;
        const closing = readName();
        if (closing !== name) fail(`</${closing}> closes <${name}>`);
        const rest = /^\s*>/.exec(src.slice(pos))?.[0];
        if (!rest) fail(`malformed end tag </${closing}>`);
        pos += (rest as string).length;
        scopes.pop();
        return element;
      }
      if (src.startsWith('<!--', pos)) readComment();
      else if (src.startsWith('<![CDATA[', pos)) {
        const end = src.indexOf(']]>', pos);
        if (end === -1) fail('unterminated CDATA section');
        element.children.push(src.slice(pos + 9, end));
        pos = end + 3;
      } else if (src.startsWith('<?', pos)) readPi();
      else if (src[pos] === '<') element.children.push(readElement());
      else {
        const next = src.indexOf('<', pos);
        const raw = src.slice(pos, next === -1 ? src.length : next);
        if (raw.includes(']]>')) fail('"]]>" in text');
        element.children.push(decode(raw, `text of <${name}>`));
        pos += raw.length;
      }
    }
  };

  skipMisc();
  if (src.startsWith('<!DOCTYPE', pos)) fail('DOCTYPE is not expected in Parley exports');
  if (src[pos] !== '<') fail('expected the root element');
  const root = readElement();
  skipMisc();
  if (pos < src.length) fail('content after the root element');
  return root;
}

function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

function checkChars(src: string): void {
  for (const ch of src) {
    const code = ch.codePointAt(0) ?? 0;
    // A lone surrogate iterates as itself (0xD800–0xDFFF) and fails here too.
    if (!isXmlChar(code))
      throw new XmlError(`character U+${code.toString(16).toUpperCase()} is not allowed in XML`);
  }
}

/** Every descendant element (depth first) with this name, including the root. */
export function findAll(root: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const visit = (el: XmlElement) => {
    if (el.name === name) out.push(el);
    for (const child of el.children) if (typeof child !== 'string') visit(child);
  };
  visit(root);
  return out;
}

/** The concatenated text content of an element. */
export function textOf(el: XmlElement): string {
  return el.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
}

export function child(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c): c is XmlElement => typeof c !== 'string' && c.name === name);
}
