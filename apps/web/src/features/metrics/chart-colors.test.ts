import { describe, expect, it } from 'vitest';
import { withAlpha } from './chart-colors.js';

describe('withAlpha', () => {
  it('turns short and long hex colours into rgba, and leaves other colours alone', () => {
    expect(withAlpha('#6e8bff', 0.25)).toBe('rgba(110, 139, 255, 0.25)');
    expect(withAlpha('#0F0', 0.5)).toBe('rgba(0, 255, 0, 0.5)');
    expect(withAlpha('rgb(1 2 3)', 0.5)).toBe('rgb(1 2 3)');
  });
});
