/**
 * A strict SVG sanitiser for uploaded icons. The document is parsed here (a small, conservative XML
 * reader: no DTD, no entities beyond XML's five, no processing instructions) and written out again
 * from what was understood, keeping only allow-listed elements and attributes. Anything that can run
 * script or reach outside the image is refused with the reason, not silently dropped, so the person
 * uploading learns why; harmless unknowns (editor metadata, `inkscape:` attributes) are dropped.
 */

/** An SVG that is refused; the message says what to remove. */
export class SvgRejectedError extends Error {
  override readonly name = 'SvgRejectedError';
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const MAX_DEPTH = 64;
const MAX_ELEMENTS = 20_000;

/** Elements refused outright, in any namespace and any letter case: they run script or embed documents. */
const FORBIDDEN_ELEMENTS = new Set([
  'script',
  'foreignobject',
  'handler',
  'listener',
  'iframe',
  'frame',
  'embed',
  'object',
  'applet',
  'base',
  'link',
  'meta',
]);

// prettier-ignore
const ELEMENTS = new Set([
  'svg', 'g', 'defs', 'title', 'desc', 'symbol', 'use', 'path', 'rect', 'circle', 'ellipse', 'line',
  'polyline', 'polygon', 'text', 'tspan', 'textPath', 'linearGradient', 'radialGradient', 'stop',
  'clipPath', 'mask', 'pattern', 'marker', 'filter', 'style', 'feBlend', 'feColorMatrix',
  'feComponentTransfer', 'feFuncR', 'feFuncG', 'feFuncB', 'feFuncA', 'feComposite', 'feDropShadow',
  'feFlood', 'feGaussianBlur', 'feMerge', 'feMergeNode', 'feMorphology', 'feOffset', 'feTurbulence',
]);

// prettier-ignore
const ATTRIBUTES = new Set([
  'id', 'class', 'style', 'transform', 'viewBox', 'preserveAspectRatio', 'width', 'height', 'x', 'y',
  'x1', 'y1', 'x2', 'y2', 'cx', 'cy', 'r', 'rx', 'ry', 'fx', 'fy', 'fr', 'dx', 'dy', 'd', 'points',
  'pathLength', 'rotate', 'lengthAdjust', 'textLength', 'version', 'href', 'xml:space',
  'fill', 'fill-opacity', 'fill-rule', 'stroke', 'stroke-width', 'stroke-linecap', 'stroke-linejoin',
  'stroke-miterlimit', 'stroke-dasharray', 'stroke-dashoffset', 'stroke-opacity', 'opacity', 'color',
  'display', 'visibility', 'clip-path', 'clip-rule', 'mask', 'filter', 'stop-color', 'stop-opacity',
  'font-family', 'font-size', 'font-weight', 'font-style', 'font-variant', 'font-stretch',
  'text-anchor', 'dominant-baseline', 'alignment-baseline', 'baseline-shift', 'letter-spacing',
  'word-spacing', 'text-decoration', 'writing-mode', 'direction', 'marker-start', 'marker-mid',
  'marker-end', 'paint-order', 'vector-effect', 'shape-rendering', 'text-rendering',
  'image-rendering', 'color-interpolation', 'color-interpolation-filters', 'flood-color',
  'flood-opacity', 'lighting-color', 'overflow', 'mix-blend-mode', 'isolation', 'transform-origin',
  'gradientUnits', 'gradientTransform', 'spreadMethod', 'offset', 'patternUnits',
  'patternContentUnits', 'patternTransform', 'clipPathUnits', 'maskUnits', 'maskContentUnits',
  'markerWidth', 'markerHeight', 'markerUnits', 'refX', 'refY', 'orient', 'filterUnits',
  'primitiveUnits', 'in', 'in2', 'result', 'stdDeviation', 'mode', 'type', 'values', 'operator',
  'k1', 'k2', 'k3', 'k4', 'radius', 'edgeMode', 'tableValues', 'slope', 'intercept', 'amplitude',
  'exponent', 'baseFrequency', 'numOctaves', 'seed', 'stitchTiles', 'startOffset', 'method',
  'spacing', 'side', 'role', 'aria-label', 'aria-hidden',
]);

const NAME = /[A-Za-z_][\w.:-]*/y;
const SPACE = /[ \t\r\n]*/y;
const QUOTED = /"([^"<]*)"|'([^'<]*)'/y;
const CLOSE = /<\/([A-Za-z_][\w.:-]*)[ \t\r\n]*>/y;
const XML_DECL = /^[ \t\r\n]*<\?xml[ \t\r\n][^?]*\?>/;

function reject(reason: string): never {
  throw new SvgRejectedError(reason);
}

function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1);
}

function short(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML's five entities and character references; any other `&` is refused (there is no DTD to define one). */
export function decodeEntities(raw: string): string {
  if (!raw.includes('&')) return raw;
  const decoded = raw.replace(/&([^;&\s]*);?/g, (whole, ref: string) => {
    if (!whole.endsWith(';')) reject('a bare & must be written &amp;');
    const fixed = PREDEFINED[ref];
    if (fixed !== undefined) return fixed;
    const num = /^#x([0-9a-fA-F]{1,6})$/.exec(ref) ?? /^#([0-9]{1,7})$/.exec(ref);
    if (!num?.[1]) reject(`the entity &${ref}; is not allowed (only XML's own and character references)`);
    const code = parseInt(num[1], ref.startsWith('#x') ? 16 : 10);
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff))
      reject(`&${ref}; is not a character`);
    return String.fromCodePoint(code);
  });
  return decoded;
}

/** Refuses CSS that could load something or hide what it does behind escapes. */
export function checkCss(css: string, where: string): void {
  if (css.includes('\\')) reject(`CSS escapes (\\) are not allowed in ${where}`);
  const lower = css.toLowerCase();
  for (const banned of [
    '@import',
    'expression(',
    'image-set(',
    'src(',
    'javascript:',
    '-moz-binding',
    'behavior',
  ])
    if (lower.includes(banned)) reject(`${banned} is not allowed in ${where}`);
  checkUrlReferences(css, where);
}

/** `url(…)` may only point inside the image (`url(#gradient)`), in CSS and in presentation attributes. */
function checkUrlReferences(value: string, where: string): void {
  for (const m of value.matchAll(/url\s*\(\s*(['"]?)\s*([^)'"]*)/gi)) {
    const target = (m[2] ?? '').trim();
    if (!target.startsWith('#'))
      reject(`url(${short(target)}) in ${where} points outside the image; only url(#id) is allowed`);
  }
}

/** Applies the refusal rules to one attribute of any element, kept or not. */
function checkAttribute(element: string, name: string, value: string): void {
  const local = localName(name).toLowerCase();
  const where = `${name} on <${element}>`;
  if (local.startsWith('on')) reject(`event handler attributes such as ${where} are not allowed`);
  if (local === 'href' && !value.trim().startsWith('#'))
    reject(
      `${name}="${short(value)}" on <${element}> points outside the image; only #id references are allowed`,
    );
  if (name === 'xmlns' && value !== SVG_NS)
    reject(`<${element}> switches to the namespace ${short(value)}; only SVG is allowed`);
  // Browsers skip spaces and control characters inside a scheme, so they are skipped here too.
  const squeezed = [...value].filter((c) => c.charCodeAt(0) > 0x20).join('');
  if (/javascript:/i.test(squeezed)) reject(`javascript: in ${where}`);
  if (local === 'style') checkCss(value, `the style of <${element}>`);
  else checkUrlReferences(value, where);
}

function escapeText(s: string): string {
  return s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function escapeAttr(s: string): string {
  return escapeText(s).replaceAll('"', '&quot;');
}

interface Frame {
  name: string;
  /** Written to the output: allow-listed, and so is every ancestor. */
  keep: boolean;
}

/**
 * Parses an SVG document and returns a clean copy, or throws `SvgRejectedError` with the reason.
 * @example sanitiseSvg('<svg viewBox="0 0 1 1"><rect width="1" height="1"/></svg>')
 */
export function sanitiseSvg(source: string): string {
  const s = source.replace(/^\uFEFF/, '');
  const out: string[] = [];
  const stack: Frame[] = [];
  let rootDone = false;
  let elements = 0;
  let i = XML_DECL.exec(s)?.[0].length ?? 0;

  const sticky = (re: RegExp): RegExpExecArray | null => {
    re.lastIndex = i;
    const m = re.exec(s);
    if (m) i = re.lastIndex;
    return m;
  };

  const text = (raw: string, cdata: boolean): void => {
    const top = stack.at(-1);
    if (!top) {
      if (raw.trim()) reject('there is text outside the <svg> element');
      return;
    }
    const value = cdata ? raw : decodeEntities(raw);
    if (localName(top.name).toLowerCase() === 'style') checkCss(value, 'a <style> element');
    if (top.keep) out.push(escapeText(value));
  };

  const openTag = (): void => {
    i += 1;
    const name = sticky(NAME)?.[0] ?? reject('malformed SVG: a tag without a name');
    if (FORBIDDEN_ELEMENTS.has(localName(name).toLowerCase()))
      reject(`<${name}> is not allowed: it can run script or embed another document`);
    if (rootDone) reject('malformed SVG: there is content after the <svg> element');
    if (stack.length === 0 && name !== 'svg')
      reject(`not an SVG image: its root element is <${name}>, not <svg>`);
    if (stack.length >= MAX_DEPTH) reject(`the SVG nests deeper than ${MAX_DEPTH} elements`);
    if (++elements > MAX_ELEMENTS) reject(`the SVG has more than ${MAX_ELEMENTS} elements`);

    const attrs = new Map<string, string>();
    let selfClosing = false;
    for (;;) {
      const gap = sticky(SPACE)?.[0] ?? '';
      if (s.startsWith('/>', i)) {
        selfClosing = true;
        i += 2;
        break;
      }
      if (s.startsWith('>', i)) {
        i += 1;
        break;
      }
      if (!gap) reject(`malformed SVG: attributes of <${name}> must be separated by spaces`);
      const attr = sticky(NAME)?.[0] ?? reject(`malformed SVG: a bad attribute on <${name}>`);
      sticky(SPACE);
      if (s[i] !== '=') reject(`malformed SVG: ${attr} on <${name}> has no value`);
      i += 1;
      sticky(SPACE);
      const q = sticky(QUOTED) ?? reject(`malformed SVG: the value of ${attr} on <${name}> is not quoted`);
      if (attrs.has(attr)) reject(`malformed SVG: <${name}> has ${attr} twice`);
      const value = decodeEntities(q[1] ?? q[2] ?? '');
      checkAttribute(name, attr, value);
      attrs.set(attr, value);
    }

    const keep = (stack.at(-1)?.keep ?? true) && ELEMENTS.has(name);
    if (keep) out.push(serialiseOpen(name, attrs, stack.length === 0, selfClosing));
    if (selfClosing) {
      if (stack.length === 0) rootDone = true;
    } else stack.push({ name, keep });
  };

  const closeTag = (): void => {
    const m = sticky(CLOSE) ?? reject('malformed SVG: a bad closing tag');
    const top = stack.pop();
    if (!top || top.name !== m[1])
      reject(`malformed SVG: </${m[1]}> does not close <${top?.name ?? 'nothing'}>`);
    if (top.keep) out.push(`</${top.name}>`);
    if (stack.length === 0) rootDone = true;
  };

  while (i < s.length) {
    const lt = s.indexOf('<', i);
    const end = lt === -1 ? s.length : lt;
    if (end > i) {
      text(s.slice(i, end), false);
      i = end;
    } else if (s.startsWith('<!--', i)) {
      const close = s.indexOf('-->', i + 4);
      if (close < 0) reject('malformed SVG: a comment is not closed');
      i = close + 3;
    } else if (s.startsWith('<![CDATA[', i)) {
      const close = s.indexOf(']]>', i + 9);
      if (close < 0) reject('malformed SVG: a CDATA section is not closed');
      text(s.slice(i + 9, close), true);
      i = close + 3;
    } else if (s.startsWith('<!', i)) {
      reject('DOCTYPE and ENTITY declarations are not allowed');
    } else if (s.startsWith('<?', i)) {
      reject('processing instructions (such as xml-stylesheet) are not allowed');
    } else if (s.startsWith('</', i)) {
      closeTag();
    } else {
      openTag();
    }
  }
  if (!rootDone || stack.length > 0) reject('malformed SVG: the <svg> element is not closed');
  return out.join('');
}

function serialiseOpen(
  name: string,
  attrs: Map<string, string>,
  root: boolean,
  selfClosing: boolean,
): string {
  const parts = [name];
  if (root) parts.push(`xmlns="${SVG_NS}"`);
  const written = new Set<string>();
  for (const [attr, value] of attrs) {
    // SVG 2's plain href replaces xlink:href, so no XLink namespace has to be declared.
    const out = attr === 'xlink:href' ? 'href' : attr;
    if (!ATTRIBUTES.has(out) || written.has(out)) continue;
    written.add(out);
    parts.push(`${out}="${escapeAttr(value)}"`);
  }
  return `<${parts.join(' ')}${selfClosing ? '/>' : '>'}`;
}
