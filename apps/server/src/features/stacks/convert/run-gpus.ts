import { csvFields } from './csv-fields.js';
import type { RunFlagUse } from './docker-run-parse.js';
import type { ServiceDraft } from './run-draft.js';
import type { DeviceReservation } from './service-model.js';

/**
 * `--gpus all`, `--gpus 2`, `--gpus '"device=0,1"'`, `--gpus count=1,driver=nvidia,capabilities=…`:
 * Compose reserves GPUs under `deploy.resources.reservations.devices`.
 */
export function gpusFlag(draft: ServiceDraft, use: RunFlagUse): void {
  const reservation: DeviceReservation = { capabilities: ['gpu'] };
  if (use.value === 'all') reservation.count = 'all';
  else if (/^\d+$/.test(use.value)) reservation.count = Number(use.value);
  else {
    for (const field of csvFields(use.value)) {
      const eq = field.indexOf('=');
      const key = field.slice(0, eq);
      const value = field.slice(eq + 1);
      if (eq <= 0 || value === '')
        throw draft.fail(use, 'expected all, a count, or count=…,device=…,driver=…,capabilities=…');
      if (key === 'count') reservation.count = value === 'all' ? 'all' : draft.integer({ ...use, value }, 1);
      else if (key === 'device') reservation.device_ids = value.split(',');
      else if (key === 'driver') reservation.driver = value;
      else if (key === 'capabilities') reservation.capabilities = value.split(',');
      else if (key === 'options') {
        const [name = '', optionValue = ''] = value.split(/=(.*)/s);
        (reservation.options ??= {})[name] = optionValue;
      } else
        throw draft.fail(use, `${key} is not a --gpus option (count, device, driver, capabilities, options)`);
    }
  }
  if (reservation.count !== undefined && reservation.device_ids) {
    throw draft.fail(use, 'give a count or devices, not both');
  }
  draft.service.deploy ??= { resources: { reservations: { devices: [] } } };
  draft.service.deploy.resources.reservations.devices.push(reservation);
  draft.warn(
    "--gpus became a device reservation under deploy.resources.reservations.devices; the host's Compose must support it (Compose v2, or docker-compose 1.28 and later)",
  );
}
