import { describe, expect, it } from 'vitest';
import {
  displayText,
  hasVariable,
  startsWithVariable,
  toComposeText,
  variableMark,
  variablesIn,
} from './interpolation.js';

describe('text for Compose interpolation', () => {
  it('doubles every literal $ so Compose leaves it as typed', () => {
    expect(toComposeText('echo $HOME; price $5 $$')).toBe('echo $$HOME; price $$5 $$$$');
    expect(toComposeText('no dollars')).toBe('no dollars');
  });

  it('turns marked shell variables into ${…} and escapes the literal text around them', () => {
    const text = `$x-${variableMark('DB_PASS')}-${variableMark('TAG:-latest')}$`;
    expect(toComposeText(text)).toBe('$$x-${DB_PASS}-${TAG:-latest}$$');
    expect(hasVariable(text)).toBe(true);
    expect(hasVariable('$HOME')).toBe(false);
    expect(startsWithVariable(text)).toBe(false);
    expect(startsWithVariable(`${variableMark('HOME')}/x`)).toBe(true);
  });

  it('lists the variables a text uses, once each', () => {
    const text = `${variableMark('A')}:${variableMark('B:-x')}/${variableMark('A')}`;
    expect(variablesIn(text)).toEqual(['A', 'B']);
    expect(variablesIn('$A plain')).toEqual([]);
  });

  it('shows variables readably in messages', () => {
    expect(displayText(`pass=${variableMark('P')} $lit`)).toBe('pass=${P} $lit');
  });
});
