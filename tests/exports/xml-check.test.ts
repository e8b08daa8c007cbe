import { describe, expect, it } from 'vitest';
import { findAll, parseXml, textOf } from './xml-check.ts';

// The export tests lean on this checker, so it must itself reject broken XML.
describe('xml-check', () => {
  it('parses a document and decodes references', () => {
    const root = parseXml(
      '<?xml version="1.0" encoding="UTF-8"?>\n<!-- c --><a xmlns:v="urn:v" k="1 &amp; 2 &#10;&#x41;"><v:b>x &lt;y&gt; &quot;z&quot;</v:b><![CDATA[<raw>]]></a>\n',
    );
    expect(root.attrs.k).toBe('1 & 2 \nA');
    expect(textOf(findAll(root, 'v:b')[0] ?? root)).toBe('x <y> "z"');
    expect(textOf(root)).toBe('x <y> "z"<raw>');
  });

  it('normalises literal whitespace in attribute values, as parsers do', () => {
    expect(parseXml('<a k="x\ny\tz"/>').attrs.k).toBe('x y z');
  });

  it.each([
    ['<a><b></a></b>', /closes/],
    ['<a>', /never closed/],
    ['<a/><b/>', /after the root/],
    ['<a>x < y</a>', /expected a name/],
    ['<a>AT&T</a>', /bare "&"|unknown entity/],
    ['<a>&nbsp;</a>', /unknown entity/],
    ['<a k="<"/>', /"<" in the value/],
    ['<a k="1" k="2"/>', /duplicate attribute/],
    ['<a k=1/>', /not quoted/],
    ['<a k="1"j="2"/>', /whitespace before an attribute/],
    ['<v:a/>', /undeclared namespace prefix/],
    ['<a>]]></a>', /"]]>" in text/],
    ['<a>\u0001</a>', /not allowed in XML/],
    ['<a>&#1;</a>', /not an XML character/],
    ['<a><!-- a -- b --></a>', /inside a comment/],
    ['text', /expected the root element/],
    ['<?xml version="1.0" encoding="UTF-8"?><?xml version="1.0"?><a/>', /bad processing instruction/],
  ])('rejects %j', (xml, message) => {
    expect(() => parseXml(xml)).toThrow(message);
  });
});
