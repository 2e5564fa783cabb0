/** HTML compared the way assertContains(…, { html: true }) does: whitespace and attribute order do not matter. */
import { Parser } from 'htmlparser2';

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/** A canonical serialisation: attributes sorted, runs of whitespace collapsed, whitespace between tags dropped. */
export function canonicalHtml(html: string): string {
  let out = '';
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const attrs = Object.keys(attributes)
          .sort()
          .map((key) => (attributes[key] === '' ? ` ${key}` : ` ${key}="${attributes[key]!.replace(/\s+/g, ' ').trim()}"`))
          .join('');
        out += `<${name}${attrs}>`;
      },
      ontext(text) {
        const collapsed = text.replace(/\s+/g, ' ');
        if (collapsed.trim() !== '') out += collapsed.trim();
      },
      onclosetag(name) {
        if (!VOID.has(name)) out += `</${name}>`;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return out;
}
