import { describe, expect, it } from 'vitest';
import { errorLineOf, stackNameFrom } from './stack-text.js';

describe('errorLineOf', () => {
  it('finds the line a validation message names', () => {
    expect(errorLineOf('the compose file does not validate: line 4: mapping values are not allowed')).toBe(4);
    expect(errorLineOf('services.web.ports must be a list')).toBeNull();
  });
});

describe('stackNameFrom', () => {
  it('makes a stack name out of a container or service name', () => {
    expect(stackNameFrom('My_Web.App')).toBe('my_web-app');
    expect(stackNameFrom('--x')).toBe('x');
  });
});
