import { describe, expect, it } from 'vitest';
import { csvFields } from './csv-fields.js';

describe('csvFields', () => {
  it('splits on commas outside double quotes', () => {
    expect(csvFields('type=bind,source=/a,target=/b,readonly')).toEqual([
      'type=bind',
      'source=/a',
      'target=/b',
      'readonly',
    ]);
    expect(csvFields('"volume-opt=o=addr=1.2.3.4,rw",type=volume')).toEqual([
      'volume-opt=o=addr=1.2.3.4,rw',
      'type=volume',
    ]);
    expect(csvFields('"device=0,1"')).toEqual(['device=0,1']);
    expect(csvFields('a=""""')).toEqual(['a="']);
    expect(csvFields('')).toEqual(['']);
  });
});
