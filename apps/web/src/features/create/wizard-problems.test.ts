import { describe, expect, it } from 'vitest';
import { containerCreateSchema } from '@harbourmaster/contracts';
import { EMPTY_FORM, toRequest, type WizardForm } from './wizard-state.js';
import { plainProblems, serverProblems, stepOf, visibleProblems } from './wizard-problems.js';

const problemsOf = (form: WizardForm) => {
  const parsed = containerCreateSchema.safeParse(toRequest(form));
  return parsed.success ? [] : plainProblems(parsed.error.issues, form);
};

describe('wizard problems', () => {
  it('say what to type, in plain words, one per field', () => {
    expect(problemsOf(EMPTY_FORM)).toEqual([{ field: 'image', message: 'Enter an image, e.g. nginx:1.27' }]);
    const form: WizardForm = {
      ...EMPTY_FORM,
      image: 'Nginx',
      name: '-web',
      ports: [{ containerPort: '', hostPort: '70000', protocol: 'tcp' }],
      mounts: [
        { type: 'bind', source: 'data', target: '/data', readOnly: false },
        { type: 'volume', source: '-x', target: 'data', readOnly: false },
      ],
      env: [{ key: 'MY VAR', value: '1' }],
      memoryMb: '1',
      cpus: 'two',
    };
    const messages = Object.fromEntries(problemsOf(form).map((p) => [p.field, p.message]));
    expect(messages).toEqual({
      image: 'Enter an image as a lowercase name and tag, e.g. nginx:1.27 or ghcr.io/team/app:2',
      name: 'A name uses letters, digits, _ . and -, starting with a letter or digit, at most 128 characters',
      'ports.0.containerPort': "Enter the container's port, a whole number from 1 to 65535",
      'ports.0.hostPort': 'Enter a host port from 1 to 65535, or leave it empty for any free port',
      'mounts.0.source': 'Enter the host folder as an absolute path, e.g. /srv/appdata/web',
      'mounts.1.source':
        'A volume name uses letters, digits, _ . and -, starting with a letter or digit; leave it empty for an anonymous volume',
      'mounts.1.target': 'Enter the path inside the container, starting with /, e.g. /data',
      'env.MY VAR': 'Variable name "MY VAR" may not contain = or spaces',
      'resources.memoryBytes': 'Give the container at least 6 MB of memory',
      'resources.cpus': 'Enter the number of CPUs, e.g. 0.5 or 2',
    });
    for (const m of Object.values(messages)) expect(m).not.toMatch(/expected|Too small|Invalid/);
  });

  it('show nothing for a field nobody has left yet, and everything once someone tries to go on', () => {
    const problems = [
      { field: 'image', message: 'Enter an image, e.g. nginx:1.27' },
      { field: 'ports.1.hostPort', message: 'Host port 80/tcp is also asked for by ports.0' },
    ];
    expect(visibleProblems(problems, new Set(), false)).toEqual([]);
    expect(visibleProblems(problems, new Set(['name']), false)).toEqual([]);
    expect(visibleProblems(problems, new Set(['image']), false)).toEqual([problems[0]]);
    expect(visibleProblems(problems, new Set(['ports.1']), false)).toEqual([problems[1]]);
    expect(visibleProblems(problems, new Set(['ports.10']), false)).toEqual([]);
    expect(visibleProblems(problems, new Set(), true)).toEqual(problems);
  });

  it("start the server's sentences with a capital and find the step of each field", () => {
    expect(serverProblems([{ field: 'image', message: 'image x is not on host local' }])).toEqual([
      { field: 'image', message: 'Image x is not on host local' },
    ]);
    expect([
      stepOf('image'),
      stepOf('ports.2.hostPort'),
      stepOf('env.A'),
      stepOf('confirmDangerous'),
    ]).toEqual([0, 1, 3, 5]);
  });
});
