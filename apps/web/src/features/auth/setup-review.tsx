import {
  appDataRootSchema,
  type HostChanges,
  type SetupHostReply,
  type TlsMode,
} from '@harbourmaster/contracts';
import { Command } from './setup-fields.js';
import type { SetupForm } from './setup-wizard-state.js';

const MODE_TEXT: Record<TlsMode, string> = {
  none: 'None for now',
  internal: 'Caddy with its own certificate (LAN)',
  acme: 'Caddy with Let’s Encrypt',
};

/** Step 6: everything chosen, each with a way back to change it, and what comes after. */
export function ReviewStep({
  form,
  host,
  goTo,
}: {
  form: SetupForm;
  host: SetupHostReply;
  goTo: (step: number) => void;
}) {
  const hostnameChanges =
    host.manageHost && form.hostname.trim().toLowerCase() !== host.hostname.toLowerCase();
  const rows: Array<{ step: number; what: string; value: string }> = [
    { step: 0, what: 'Setup code', value: form.setupCode.trim().toUpperCase() },
    {
      step: 1,
      what: 'Hostname',
      value: hostnameChanges ? `${host.hostname} → ${form.hostname.trim()}` : `${host.hostname} (unchanged)`,
    },
    { step: 1, what: 'Time zone', value: form.timezone.replaceAll('_', ' ') },
    {
      step: 2,
      what: 'Admin',
      value: `${form.username}, with a password of ${form.password.length} characters`,
    },
    // As it will be stored: `//`, `/./` and a trailing `/` go.
    {
      step: 3,
      what: 'App-data folder',
      value: appDataRootSchema.safeParse(form.appDataRoot).data ?? form.appDataRoot,
    },
    {
      step: 4,
      what: 'HTTPS',
      value: [
        MODE_TEXT[form.tlsMode],
        form.tlsMode !== 'none' && form.domain.trim(),
        form.tlsMode === 'acme' && form.email.trim(),
      ]
        .filter(Boolean)
        .join(' · '),
    },
  ];
  return (
    <>
      <dl className="divide-y divide-line rounded-lg border border-line text-sm">
        {rows.map((r) => (
          <div key={r.what} className="flex items-start gap-3 px-3 py-2">
            <dt className="w-32 shrink-0 text-muted">{r.what}</dt>
            <dd className="min-w-0 flex-1 break-words">{r.value}</dd>
            <dd>
              <button
                type="button"
                onClick={() => goTo(r.step)}
                className="text-xs text-accent underline underline-offset-2"
              >
                Change<span className="sr-only"> {r.what.toLowerCase()}</span>
              </button>
            </dd>
          </div>
        ))}
      </dl>
      <p className="mt-3 text-xs text-muted">
        Creating the admin signs you in and stores these settings; admins can change them later.
      </p>
      <h3 className="mt-5 text-sm font-semibold">What to do next</h3>
      <HttpsNextSteps form={form} />
    </>
  );
}

/** Where the Debian package puts the Caddyfiles (packaging/deb/build.sh). */
const CADDY_DIR = '/usr/share/harbourmaster/caddy/';

/** Where the Caddyfiles are: the package's folder, or the checkout's (npm start, the container image). */
const whereCaddyfiles = (
  <>
    (installed as a package, the Caddyfiles are in <span className="font-mono text-fg">{CADDY_DIR}</span>;
    from a checkout, in <span className="font-mono text-fg">packaging/caddy/</span>)
  </>
);

/** The steps for the HTTPS choice, with the names filled in as chosen. */
export function HttpsNextSteps({ form }: { form: Pick<SetupForm, 'tlsMode' | 'domain' | 'email'> }) {
  const domain = form.domain.trim() || 'harbourmaster.local';
  const proxy = (
    <li>
      Let Harbourmaster trust Caddy&apos;s headers and answer only on this machine, then restart it: installed
      as a package, set <span className="font-mono text-fg">HM_TRUST_PROXY=loopback</span> in{' '}
      <span className="font-mono text-fg">/etc/harbourmaster/harbourmaster.env</span> (keeping{' '}
      <span className="font-mono text-fg">HM_HOST=127.0.0.1</span>); in a container, set{' '}
      <span className="font-mono text-fg">HM_TRUST_PROXY: uniquelocal</span> in the compose file&apos;s
      environment (Caddy reaches it through Docker&apos;s network) and publish the port as{' '}
      <span className="font-mono text-fg">127.0.0.1:9090:9090</span>. Sign-in cookies are then sent over HTTPS
      only.
    </li>
  );
  switch (form.tlsMode) {
    case 'none':
      return (
        <p className="mt-1 text-sm text-muted">
          Keep using this address. To add HTTPS later, put Caddy in front as “HTTPS with Caddy” in the README
          describes, with our Caddyfile {whereCaddyfiles}, and set{' '}
          <span className="font-mono text-fg">HM_TRUST_PROXY</span> to Caddy&apos;s address:{' '}
          <span className="font-mono text-fg">loopback</span> when it runs on this machine.
        </p>
      );
    case 'internal':
      return (
        <ol className="mt-1 list-decimal space-y-2 pl-5 text-sm text-muted">
          <li>
            Install Caddy and the Caddyfile {whereCaddyfiles}:
            <Command>{`apt install caddy\ncp ${CADDY_DIR}Caddyfile /etc/caddy/Caddyfile`}</Command>
          </li>
          <li>
            Tell Caddy the name (<span className="font-mono text-fg">systemctl edit caddy</span>), then
            restart it:
            <Command>{`[Service]\nEnvironment="HM_DOMAIN=${domain}"`}</Command>
          </li>
          {proxy}
          <li>
            Trust Caddy&apos;s root certificate once on each computer that opens the panel (the README says
            where it is and how), then open <span className="font-mono text-fg">https://{domain}</span>.
          </li>
        </ol>
      );
    case 'acme':
      return (
        <ol className="mt-1 list-decimal space-y-2 pl-5 text-sm text-muted">
          <li>
            Point <span className="font-mono text-fg">{domain}</span> at this machine and open ports 80 and
            443 to it.
          </li>
          <li>
            Install Caddy with the Let&apos;s Encrypt Caddyfile {whereCaddyfiles}:
            <Command>{`apt install caddy\ncp ${CADDY_DIR}Caddyfile.acme /etc/caddy/Caddyfile`}</Command>
          </li>
          <li>
            Give Caddy the domain and email (<span className="font-mono text-fg">systemctl edit caddy</span>),
            then restart it:
            <Command>{`[Service]\nEnvironment="HM_DOMAIN=${domain}"\nEnvironment="HM_ACME_EMAIL=${form.email.trim()}"`}</Command>
          </li>
          {proxy}
        </ol>
      );
  }
}

/** What setup changed on the machine, when the daemon manages it; what it could not change, in words. */
export function HostOutcome({ host }: { host: HostChanges }) {
  if (host.applied.length === 0 && host.failed.length === 0) return null;
  const names = { hostname: 'hostname', timezone: 'time zone' } as const;
  return (
    <div className="mb-4 space-y-1 text-sm" role="status">
      {host.applied.map((f) => (
        <p key={f}>The machine&apos;s {names[f]} is set.</p>
      ))}
      {host.failed.map((f) => (
        <p key={f.field} className="rounded-md border border-bad/50 bg-bad/10 px-3 py-2">
          The machine&apos;s {names[f.field]} could not be changed: {f.message}. Harbourmaster kept your
          choice; change it on the machine.
        </p>
      ))}
    </div>
  );
}
