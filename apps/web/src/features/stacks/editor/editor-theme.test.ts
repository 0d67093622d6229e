import { describe, expect, it } from 'vitest';
import { ACTIVE_LINE_TINT, ERROR_LINE_TINT, TOKEN_PALETTES } from './editor-theme.js';

type Rgb = readonly [number, number, number];

const rgb = (hex: string): Rgb => {
  const value = /^#([0-9a-f]{6})$/i.exec(hex)?.[1];
  if (!value) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [0, 2, 4].map((i) => parseInt(value.slice(i, i + 2), 16) / 255) as unknown as Rgb;
};

/** WCAG 2 relative luminance. */
const luminance = ([r, g, b]: Rgb) => {
  const linear = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
};

const contrast = (a: Rgb, b: Rgb) => {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
};

/** `color-mix(in srgb, tint share, base)`, as the tinted line backgrounds are drawn. */
const mix = (base: Rgb, tint: Rgb, share: number): Rgb =>
  base.map((c, i) => c * (1 - share) + (tint[i] ?? 0) * share) as unknown as Rgb;

/*
 * The backgrounds and tints of apps/web/src/styles.css (vitest does not load CSS, so they are
 * repeated here; a theme change there must be repeated here too).
 */
const APP_THEMES = {
  dark: { '--surface': '#121317', '--text': '#e7e8ec', '--bad': '#f26d6d' },
  light: { '--surface': '#ffffff', '--text': '#16181d', '--bad': '#b92b2b' },
} as const;

describe('editor token colours', () => {
  for (const theme of ['dark', 'light'] as const) {
    const vars = APP_THEMES[theme];
    const surface = rgb(vars['--surface']);
    const backgrounds = {
      surface,
      'error line': mix(surface, rgb(vars['--bad']), ERROR_LINE_TINT),
      'active line': mix(surface, rgb(vars['--text']), ACTIVE_LINE_TINT),
      'active error line': mix(
        mix(surface, rgb(vars['--bad']), ERROR_LINE_TINT),
        rgb(vars['--text']),
        ACTIVE_LINE_TINT,
      ),
    };

    it(`reach 4.5:1 on every ${theme} background`, () => {
      const failing = Object.entries(TOKEN_PALETTES[theme]).flatMap(([token, colour]) =>
        Object.entries(backgrounds)
          .map(([name, background]) => ({ token, name, ratio: contrast(rgb(colour), background) }))
          .filter(({ ratio }) => ratio < 4.5)
          .map(({ token: tk, name, ratio }) => `${tk} ${colour} on ${name}: ${ratio.toFixed(2)}`),
      );
      expect(failing).toEqual([]);
    });
  }

  it('computes contrast the WCAG way', () => {
    expect(contrast(rgb('#000000'), rgb('#ffffff'))).toBeCloseTo(21, 5);
    expect(contrast(rgb('#777777'), rgb('#ffffff'))).toBeCloseTo(4.48, 2);
  });
});
