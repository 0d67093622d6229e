import { isSecretEnvName } from '@harbourmaster/contracts';

/** What a viewer sees instead of a secret-looking value. */
export const ENV_MASK = '••••••••';

const ASSIGNMENT = /^(\s*(?:export\s+)?)([A-Za-z_][A-Za-z0-9_.-]*)(\s*=\s*)(.*)$/;

/**
 * A `.env` text with the values of secret-looking names (PASSWORD, TOKEN, SECRET, …) masked, every
 * other line as it is: what a viewer is shown. Line endings and comments are kept.
 * @example maskEnvText('DB_PASSWORD=hunter2\nPORT=80\n') // 'DB_PASSWORD=••••••••\nPORT=80\n'
 */
export function maskEnvText(text: string): string {
  return text
    .split(/(\r?\n)/)
    .map((part) => {
      const m = ASSIGNMENT.exec(part);
      if (!m || !isSecretEnvName(m[2] ?? '') || (m[4] ?? '').trim() === '') return part;
      return `${m[1]}${m[2]}${m[3]}${ENV_MASK}`;
    })
    .join('');
}
