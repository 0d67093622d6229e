import type { WizardForm } from './wizard-state.js';

/** A problem with the draft, tied to the field (`image`, `ports.1.hostPort`) a person has to change. */
export interface Problem {
  field: string;
  message: string;
}

/** What the wizard needs of a zod issue: where it is and what kind. */
export interface DraftIssue {
  path: ReadonlyArray<PropertyKey>;
  code: string;
  message: string;
}

const NAME_RULE = 'letters, digits, _ . and -, starting with a letter or digit';

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * The schema speaks to programs ("Too small: expected string to have >=1 characters"); this says
 * the same to a person, with what to type instead. Unknown issues keep the schema's words.
 */
function plainMessage(field: string, issue: DraftIssue, form: WizardForm): string {
  const [head, index, leaf] = field.split('.');
  switch (head ?? '') {
    case 'image':
      return issue.code === 'too_small'
        ? 'Enter an image, e.g. nginx:1.27'
        : 'Enter an image as a lowercase name and tag, e.g. nginx:1.27 or ghcr.io/team/app:2';
    case 'name':
      return `A name uses ${NAME_RULE}, at most 128 characters`;
    case 'network':
      return 'A network name has at most 128 characters';
    case 'env':
      return `Variable name "${index ?? ''}" may not contain = or spaces`;
    case 'ports':
      return leaf === 'hostPort'
        ? 'Enter a host port from 1 to 65535, or leave it empty for any free port'
        : "Enter the container's port, a whole number from 1 to 65535";
    case 'mounts': {
      if (leaf === 'target') return 'Enter the path inside the container, starting with /, e.g. /data';
      const bind = form.mounts[Number(index)]?.type !== 'volume';
      return bind
        ? 'Enter the host folder as an absolute path, e.g. /srv/appdata/web'
        : `A volume name uses ${NAME_RULE}; leave it empty for an anonymous volume`;
    }
    case 'resources':
      if (index === 'memoryBytes')
        return issue.code === 'too_small'
          ? 'Give the container at least 6 MB of memory'
          : 'Enter memory in MB as a whole number, e.g. 512';
      return 'Enter the number of CPUs, e.g. 0.5 or 2';
    default:
      return capitalise(issue.message);
  }
}

/** The schema's issues as problems in plain words, one per field (the first is the one to fix). */
export function plainProblems(issues: readonly DraftIssue[], form: WizardForm): Problem[] {
  const seen = new Set<string>();
  const out: Problem[] = [];
  for (const issue of issues) {
    const field = issue.path.map(String).join('.');
    if (seen.has(field)) continue;
    seen.add(field);
    out.push({ field, message: plainMessage(field, issue, form) });
  }
  return out;
}

/** The server's problems read as sentences too. */
export function serverProblems(problems: readonly Problem[]): Problem[] {
  return problems.map((p) => ({ field: p.field, message: capitalise(p.message) }));
}

/** Whether `field` is `prefix` or lies under it (`ports.1.hostPort` under `ports.1` and `ports`). */
export function isUnder(field: string, prefix: string): boolean {
  return field === prefix || field.startsWith(`${prefix}.`);
}

/**
 * The problems a person should see now: only for fields they have left (blurred, or filled by a
 * button), or all of them once they tried to go on. Nobody is scolded for a field not yet typed in.
 */
export function visibleProblems(
  problems: readonly Problem[],
  touched: ReadonlySet<string>,
  attempted: boolean,
): Problem[] {
  if (attempted) return [...problems];
  return problems.filter((p) => [...touched].some((t) => isUnder(p.field, t)));
}

/** The fields each wizard step edits, so a step's problems can be found and shown. */
export const STEP_FIELDS: readonly (readonly string[])[] = [
  ['image', 'name', 'command', 'network'],
  ['ports'],
  ['mounts'],
  ['env', 'labels'],
  ['healthcheck', 'restartPolicy', 'resources', 'privileged'],
  [],
];

/** The step where a field is edited (for "fix this" links); the review step for anything else. */
export function stepOf(field: string): number {
  const i = STEP_FIELDS.findIndex((fields) => fields.some((f) => isUnder(field, f)));
  return i < 0 ? STEP_FIELDS.length - 1 : i;
}
