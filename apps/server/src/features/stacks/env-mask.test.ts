import { describe, expect, it } from 'vitest';
import { ENV_MASK, maskEnvText } from './env-mask.js';

describe('maskEnvText', () => {
  it('masks secret-looking values and keeps every other byte', () => {
    const text =
      '# db\nDB_PASSWORD=hunter2\r\nexport API_TOKEN = "abc def"\nPORT=8080\nEMPTY_SECRET=\n\nNAME=web';
    expect(maskEnvText(text)).toBe(
      `# db\nDB_PASSWORD=${ENV_MASK}\r\nexport API_TOKEN = ${ENV_MASK}\nPORT=8080\nEMPTY_SECRET=\n\nNAME=web`,
    );
  });

  it('leaves a text without secrets unchanged', () => {
    expect(maskEnvText('A=1\nB=two\n')).toBe('A=1\nB=two\n');
  });
});
