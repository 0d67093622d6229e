// Small text helpers of the stack pages (pure, unit-tested).

/** The line a validation error names ("… line 4: …"), for the editor to mark. */
export function errorLineOf(message: string): number | null {
  const m = /\bline (\d+)\b/.exec(message);
  return m ? Number(m[1]) : null;
}

/** A stack-name guess from a service or container name: lowercase, only the characters a stack allows. */
export function stackNameFrom(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^[-_]+/, '')
    .slice(0, 63);
}
