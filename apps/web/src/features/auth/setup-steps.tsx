import { appDataRootSchema, type SetupHostReply, type TlsMode } from '@harbourmaster/contracts';
import { inputClass } from './auth-card.js';
import { Command, describedBy, LabelledField, TextField, type StepProps } from './setup-fields.js';
import { passwordStrength, timeZoneOptions, type SetupForm } from './setup-wizard-state.js';

/** Step 1: the one-time code, and where the person installing finds it. */
export function CodeStep({ step }: { step: StepProps }) {
  return (
    <>
      <p className="text-sm text-muted">
        Only someone who can see the machine may set it up. When Harbourmaster starts without an admin, it
        prints a one-time code, as <span className="font-mono text-fg">Setup code: XXXX-XXXX-XXXX</span>. Find
        it:
      </p>
      <ul className="mt-2 list-disc space-y-1.5 pl-5 text-sm text-muted">
        <li>on the machine&apos;s console or the terminal that runs Harbourmaster;</li>
        <li>
          in a container, from the folder of its compose file (or{' '}
          <span className="font-mono text-fg">docker logs</span> with the container&apos;s name):{' '}
          <Command>docker compose logs harbourmaster</Command>
        </li>
        <li>
          installed as a package: <Command>journalctl -u harbourmaster</Command>
        </li>
      </ul>
      <TextField
        field="setupCode"
        id="setup-code"
        label="Setup code"
        step={step}
        autoComplete="one-time-code"
        mono
        hint="Letters and digits, with or without the dashes. A restart prints a new code; use the newest."
      />
    </>
  );
}

/** Step 2: the hostname (changeable only as the Harbourmaster OS) and the time zone. */
export function MachineStep({ step, host }: { step: StepProps; host: SetupHostReply }) {
  return (
    <>
      <TextField
        field="hostname"
        id="hostname"
        label="Hostname"
        step={step}
        first
        mono
        readOnly={!host.manageHost}
        hint={
          host.manageHost
            ? 'The name this machine has on your network. It changes when you create the admin.'
            : 'Shown only: Harbourmaster does not manage this machine, so its name is changed on the machine itself (for example with hostnamectl).'
        }
      />
      <TimeZoneField
        step={step}
        hint={
          host.manageHost
            ? 'Set on the machine when you create the admin.'
            : 'Harbourmaster uses it for the times it shows and schedules; the machine’s own clock setting stays as it is.'
        }
      />
    </>
  );
}

/** The time zone from the browser's IANA list, with a shortcut to the browser's own zone. */
export function TimeZoneField({
  step,
  hint,
}: {
  step: StepProps<Pick<SetupForm, 'timezone'>>;
  hint: string;
}) {
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const zones = timeZoneOptions(step.form.timezone, Intl.supportedValuesOf('timeZone'));
  const zoneProblem = step.problemOf('timezone');
  return (
    <>
      <LabelledField id="timezone" label="Time zone" hint={hint} problem={zoneProblem}>
        <select
          id="timezone"
          value={step.form.timezone}
          aria-invalid={zoneProblem ? true : undefined}
          aria-describedby={describedBy('timezone', true, zoneProblem)}
          onChange={(e) => step.set({ timezone: e.target.value })}
          onBlur={() => step.touch('timezone')}
          className={inputClass}
        >
          {zones.map((z) => (
            <option key={z} value={z}>
              {z.replaceAll('_', ' ')}
            </option>
          ))}
        </select>
      </LabelledField>
      {browserZone && browserZone !== step.form.timezone && (
        <button
          type="button"
          onClick={() => step.set({ timezone: browserZone })}
          className="mt-2 text-xs text-accent underline underline-offset-2"
        >
          Use this browser&apos;s time zone ({browserZone.replaceAll('_', ' ')})
        </button>
      )}
    </>
  );
}

const STRENGTH_TONE = ['bg-line', 'bg-bad', 'bg-warn', 'bg-ok'] as const;

/** Step 3: the first admin, with the password typed twice and a hint at its strength. */
export function AdminStep({ step }: { step: StepProps }) {
  const strength = passwordStrength(step.form.password);
  return (
    <>
      <TextField field="username" id="username" label="Username" step={step} first autoComplete="username" />
      <TextField
        field="password"
        id="password"
        label="Password"
        type="password"
        step={step}
        autoComplete="new-password"
        hint={
          <>
            <span className="mb-1 flex gap-1" aria-hidden>
              {[1, 2, 3].map((n) => (
                <span
                  key={n}
                  className={`h-1 flex-1 rounded-full ${strength.score >= n ? STRENGTH_TONE[strength.score] : 'bg-line'}`}
                />
              ))}
            </span>
            {step.form.password
              ? strength.label
              : 'At least 8 characters; a phrase of several words is easy to remember and hard to guess.'}{' '}
            There is no default password.
          </>
        }
      />
      <TextField
        field="confirm"
        id="confirm"
        label="Password again"
        type="password"
        step={step}
        autoComplete="new-password"
      />
    </>
  );
}

/** Step 4: where apps keep their data on the host (the Admin page's settings show it too). */
export function AppsStep({ step }: { step: StepProps<Pick<SetupForm, 'appDataRoot'>> }) {
  // The example follows what is typed, once it is a folder that would be accepted.
  const root = appDataRootSchema.safeParse(step.form.appDataRoot).data ?? '<app-data folder>';
  return (
    <>
      <p className="text-sm text-muted">
        Apps keep their data in folders on this machine, one folder per app under one root, so a backup of
        that root holds everything.
      </p>
      <TextField
        field="appDataRoot"
        id="app-data-root"
        label="App-data folder"
        step={step}
        mono
        hint={
          <>
            A container named <span className="font-mono text-fg">nextcloud</span> gets{' '}
            <span className="font-mono text-fg">{root}/nextcloud</span>; the new-container wizard suggests it
            for bind mounts. Create the folder on the machine before the first app uses it.
          </>
        }
      />
    </>
  );
}

const MODES: ReadonlyArray<{ mode: TlsMode; title: string; about: string }> = [
  {
    mode: 'none',
    title: 'None for now: I’ll add it later',
    about:
      'Plain HTTP. Fine on a network you trust or through an SSH tunnel; the panel shows how to add HTTPS.',
  },
  {
    mode: 'internal',
    title: 'Caddy with its own certificate (LAN)',
    about: 'HTTPS on your own network. Caddy makes the certificate; each computer trusts Caddy’s root once.',
  },
  {
    mode: 'acme',
    title: 'Caddy with Let’s Encrypt (public domain)',
    about:
      'For a domain name that points at this machine, with ports 80 and 443 reachable from the internet.',
  },
];

/** Step 5: how HTTPS is to be set up in front of the panel (the Admin page's settings show it too). */
export function HttpsStep({ step }: { step: StepProps<Pick<SetupForm, 'tlsMode' | 'domain' | 'email'>> }) {
  const { tlsMode } = step.form;
  return (
    <>
      <fieldset>
        <legend className="text-sm font-medium">How will people reach the panel?</legend>
        <div className="mt-2 space-y-2">
          {MODES.map((m) => (
            <label
              key={m.mode}
              className={`flex cursor-pointer gap-3 rounded-lg border px-3 py-2.5 ${tlsMode === m.mode ? 'border-accent bg-accent/5' : 'border-line hover:bg-surface-2'}`}
            >
              <input
                type="radio"
                name="tls-mode"
                value={m.mode}
                checked={tlsMode === m.mode}
                onChange={() => step.set({ tlsMode: m.mode })}
                aria-describedby={`tls-${m.mode}-about`}
                className="mt-1 accent-accent"
              />
              <span>
                <span className="block text-sm font-medium">{m.title}</span>
                <span id={`tls-${m.mode}-about`} className="block text-xs text-muted">
                  {m.about}
                </span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      {tlsMode === 'internal' && (
        <TextField
          field="domain"
          id="domain"
          label="Name on your network (optional)"
          step={step}
          mono
          placeholder="harbourmaster.local"
          hint="The name browsers will use; without one, Caddy answers as harbourmaster.local."
        />
      )}
      {tlsMode === 'acme' && (
        <>
          <TextField
            field="domain"
            id="domain"
            label="Domain"
            step={step}
            mono
            placeholder="panel.example.com"
            hint="A DNS name that points at this machine’s public address."
          />
          <TextField
            field="email"
            id="email"
            label="Email for Let’s Encrypt"
            type="email"
            step={step}
            autoComplete="email"
            placeholder="you@example.com"
            hint="Let’s Encrypt writes here if the certificate cannot be renewed."
          />
        </>
      )}
    </>
  );
}
