import type { z } from 'zod';
import type {
  ContainerMetricsReply,
  HostMetricsReply,
  LatestMetricsReply,
  MetricsRange,
  MetricsSettings,
  metricsSettingsUpdateSchema,
} from '@harbourmaster/contracts';
import { containerPath } from './container-calls.js';
import { toQuery } from './query-string.js';
import type { createRequester } from './request.js';

type Requester = ReturnType<typeof createRequester>;

const hostPath = (host: string) => `/api/hosts/${encodeURIComponent(host)}`;

/** CPU, memory, network and disk history and latest values of containers and hosts, and the sampler's settings. */
export function metricsCalls({ request }: Requester) {
  return {
    /** One container's points over a range (avg and max per point), its latest values and network kind. */
    containerMetrics: (host: string, id: string, range: MetricsRange = '1h') =>
      request<ContainerMetricsReply>('GET', `${containerPath(host, id)}/metrics${toQuery({ range })}`),
    /** A host's own points over a range, its CPUs, memory total and how it is sampled. */
    hostMetrics: (host: string, range: MetricsRange = '1h') =>
      request<HostMetricsReply>('GET', `${hostPath(host)}/metrics${toQuery({ range })}`),
    /** Every running container's values from the host's last pass, keyed by full container id. */
    latestMetrics: (host: string) => request<LatestMetricsReply>('GET', `${hostPath(host)}/metrics/latest`),
    /** The sampling interval (1–60 s) and the retention (1–365 days). */
    metricsSettings: () => request<MetricsSettings>('GET', '/api/metrics/settings'),
    /** Changes the sampling interval or the retention (admin). */
    updateMetricsSettings: (body: z.input<typeof metricsSettingsUpdateSchema>) =>
      request<MetricsSettings>('PUT', '/api/metrics/settings', body),
  };
}
