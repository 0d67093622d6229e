import { ConvertError } from './convert-error.js';
import type { RunFlagUse } from './docker-run-parse.js';
import { displayText, hasVariable } from './interpolation.js';
import type {
  ComposeService,
  Healthcheck,
  ListKey,
  MapKey,
  ServiceNetwork,
  TopLevelVolume,
} from './service-model.js';

/** How a `--network` reads: a mode (host, none, container:x, bridge) or a user network. */
export interface NetworkRequest {
  use: RunFlagUse;
  name: string;
  /** Options of the long form `--network name=x,alias=y,ip=z`. */
  attachment: ServiceNetwork;
}

/**
 * The service being built from a command's flags, applied in order. What depends on more than one
 * flag (a network's aliases, a volume driver) is collected and settled once every flag is read.
 */
export class ServiceDraft {
  readonly service: ComposeService;
  readonly volumes: Record<string, TopLevelVolume> = {};
  readonly networks: Record<string, { external: true }> = {};
  readonly warnings: string[] = [];
  readonly pending = {
    networks: [] as NetworkRequest[],
    /** `--network-alias`, `--ip`, `--ip6`, `--link-local-ip`: for the first user network. */
    attachment: { uses: [] as RunFlagUse[], value: {} as ServiceNetwork },
    volumeDriver: undefined as string | undefined,
  };

  constructor(image: string) {
    this.service = { image };
  }

  warn(message: string): void {
    if (!this.warnings.includes(message)) this.warnings.push(message);
  }

  /** A `ConvertError` naming the flag, its value and where it is. */
  fail(use: RunFlagUse, problem: string): ConvertError {
    return new ConvertError(`${use.typed} ${displayText(use.value)}: ${problem}`, use.position);
  }

  /** Adds to a list, once: Compose refuses a list with the same item twice. */
  push(key: ListKey, value: string): void {
    const list = (this.service[key] ??= []);
    if (!list.includes(value)) list.push(value);
  }

  pushVolume(value: NonNullable<ComposeService['volumes']>[number]): void {
    (this.service.volumes ??= []).push(value);
  }

  /** Sets a map entry; the last use of a name wins, as with docker. */
  entry(key: MapKey, use: RunFlagUse, name: string, value: string): void {
    this.refuseVariableName(use, name);
    (this.service[key] ??= {})[name] = value;
  }

  setEnvironment(use: RunFlagUse, name: string, value: string | null): void {
    this.refuseVariableName(use, name);
    (this.service.environment ??= {})[name] = value;
  }

  healthcheck(): Healthcheck {
    return (this.service.healthcheck ??= {});
  }

  /** `name=value` (or a bare `name` when `bareValue` is given) from a flag's value. */
  keyValue(use: RunFlagUse, what: string, bareValue?: string): [string, string] {
    const eq = use.value.indexOf('=');
    if (eq > 0) return [use.value.slice(0, eq), use.value.slice(eq + 1)];
    if (eq === -1 && bareValue !== undefined && use.value !== '') return [use.value, bareValue];
    throw this.fail(use, `expected ${what}`);
  }

  integer(use: RunFlagUse, min = -Infinity): number {
    if (!/^-?\d+$/.test(use.value) || Number(use.value) < min) {
      throw this.fail(use, `expected a whole number${min > -Infinity ? ` of at least ${min}` : ''}`);
    }
    return Number(use.value);
  }

  /** Compose keys a map by plain names; a shell variable there is never filled in. */
  refuseVariableName(use: RunFlagUse, name: string): void {
    if (hasVariable(name)) {
      throw this.fail(use, 'a name cannot be a shell variable in a compose file; write the name itself');
    }
  }
}
