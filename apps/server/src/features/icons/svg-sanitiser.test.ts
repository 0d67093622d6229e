import { describe, expect, it } from 'vitest';
import { checkCss, decodeEntities, sanitiseSvg, SvgRejectedError } from './svg-sanitiser.js';

const svg = (inner: string, attrs = '') =>
  `<svg xmlns="http://www.w3.org/2000/svg"${attrs ? ' ' + attrs : ''}>${inner}</svg>`;

function refusal(source: string): string {
  try {
    sanitiseSvg(source);
  } catch (err) {
    if (err instanceof SvgRejectedError) return err.message;
    throw err;
  }
  throw new Error(`accepted: ${source}`);
}

describe('sanitiseSvg keeps ordinary icons', () => {
  it('writes back shapes, gradients, internal references, text and styles it understands', () => {
    const source = `<?xml version="1.0" encoding="UTF-8"?>
<!-- made by hand -->
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 24 24">
  <defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs>
  <style><![CDATA[.a { fill: url(#g); }]]></style>
  <path class="a" d="M0 0h24v24H0z" style="fill:url('#g')"/>
  <use xlink:href="#g" x="1"/>
  <text x="2" y="20">R&amp;D &#x2713;</text>
</svg>`;
    const clean = sanitiseSvg(source);
    expect(clean).toContain('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">');
    expect(clean).toContain('<stop offset="0" stop-color="#fff"/>');
    expect(clean).toContain('<style>.a { fill: url(#g); }</style>');
    expect(clean).toContain(`<path class="a" d="M0 0h24v24H0z" style="fill:url('#g')"/>`);
    expect(clean).toContain('<use href="#g" x="1"/>');
    expect(clean).toContain('<text x="2" y="20">R&amp;D \u2713</text>');
    expect(clean).not.toContain('<!--');
    expect(clean).not.toContain('<?xml');
  });

  it('drops editor metadata and unknown attributes instead of refusing them', () => {
    const clean = sanitiseSvg(
      svg(
        '<metadata><rdf:RDF><cc:Work/></rdf:RDF></metadata><sodipodi:namedview pagecolor="#fff"/><rect width="1" height="1" inkscape:label="bg" data-x="1"/>',
        'xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"',
      ),
    );
    expect(clean).toBe('<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>');
  });

  it('adds the SVG namespace when the upload left it out, so the image still renders', () => {
    expect(sanitiseSvg('<svg viewBox="0 0 1 1"/>')).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>',
    );
  });
});

describe('sanitiseSvg refuses what can run script or reach outside the image', () => {
  it.each([
    ['a script element', svg('<script>alert(1)</script>'), /<script> is not allowed/],
    ['a script in another namespace', svg('<x:SCRIPT xmlns:x="http://www.w3.org/2000/svg"/>'), /SCRIPT/],
    ['foreignObject', svg('<foreignObject><div/></foreignObject>'), /foreignObject/],
    ['an event handler', svg('<rect onclick="alert(1)"/>'), /event handler.*onclick/],
    ['an event handler on the root', '<svg onload="alert(1)"/>', /onload/],
    ['an external href', svg('<use href="https://evil.example/x.svg#a"/>'), /points outside the image/],
    ['an external xlink:href', svg('<image xlink:href="data:image/png;base64,AA"/>'), /xlink:href/],
    ['a javascript: link', svg('<a href="javascript:alert(1)"><rect/></a>'), /outside the image/],
    ['an entity-hidden scheme', svg('<a href="java&#x09;script:x"/>'), /outside the image/],
    ['url() to a file in a style', svg('<rect style="fill:url(http://x/y)"/>'), /url\(http/],
    ['url() in a presentation attribute', svg('<rect fill="url(/a.svg#b)"/>'), /url\(\/a\.svg/],
    ['url() in a style element', svg('<style>rect{background:url(x.png)}</style>'), /url\(x\.png/],
    ['@import', svg('<style>@import "x.css";</style>'), /@import/],
    ['CSS escapes', svg('<style>rect{fill:u\\72l(x)}</style>'), /CSS escapes/],
    ['a DOCTYPE', '<!DOCTYPE svg [<!ENTITY x "y">]><svg/>', /DOCTYPE and ENTITY/],
    ['an undeclared entity', svg('<text>&xxe;</text>'), /&xxe;/],
    ['a stylesheet instruction', '<?xml-stylesheet href="x.css"?><svg/>', /processing instructions/],
    ['an XHTML namespace switch', '<svg xmlns="http://www.w3.org/1999/xhtml"/>', /namespace/],
    ['an HTML page', '<html><body><script>alert(1)</script></body></html>', /root element is <html>/],
    ['an iframe', svg('<iframe src="x"/>'), /iframe/],
  ])('%s', (_what, source, reason) => {
    expect(refusal(source)).toMatch(reason);
  });

  it('refuses malformed documents instead of guessing', () => {
    expect(refusal('<svg><g></svg>')).toMatch(/does not close/);
    expect(refusal('<svg><rect width=1/></svg>')).toMatch(/not quoted/);
    expect(refusal('<svg>')).toMatch(/not closed/);
    expect(refusal('<svg/><svg/>')).toMatch(/content after/);
    expect(refusal('<svg/>trailing')).toMatch(/text outside/);
    expect(refusal('<svg><rect a="1" a="2"/></svg>')).toMatch(/twice/);
    expect(refusal(`${'<g>'.repeat(70)}`.replace(/^<g>/, '<svg>'))).toMatch(/deeper/);
  });
});

describe('the pieces', () => {
  it('decodes only XML entities and character references', () => {
    expect(decodeEntities('a &lt;b&gt; &amp; &quot;&apos; &#65;&#x42;')).toBe(`a <b> & "' AB`);
    expect(() => decodeEntities('a & b')).toThrow(/bare &/);
    expect(() => decodeEntities('&nbsp;')).toThrow(/&nbsp;/);
    expect(() => decodeEntities('&#0;')).toThrow(/not a character/);
  });

  it('allows CSS that only refers inside the image', () => {
    expect(() => checkCss('fill: url( "#a" ); stroke: red', 'x')).not.toThrow();
    expect(() => checkCss('background: image-set("x.png" 1x)', 'x')).toThrow(/image-set/);
    expect(() => checkCss('fill: URL(//evil)', 'x')).toThrow(/outside the image/);
  });
});
