import type { z } from 'zod';
import type {
  Job,
  imageListReplySchema,
  jobAcceptedSchema,
  jobListQuerySchema,
  networkCreateBodySchema,
  networkListReplySchema,
  okReplySchema,
  pruneReplySchema,
  volumeCreateBodySchema,
  volumeListReplySchema,
} from '@harbourmaster/contracts';
import { toQuery, type QueryOf } from './query-string.js';
import type { createRequester } from './request.js';

type Requester = ReturnType<typeof createRequester>;
export type JobListQuery = QueryOf<z.input<typeof jobListQuerySchema>>;

const onHost = (host: string) => `/api/hosts/${encodeURIComponent(host)}`;

/** Images, networks and volumes of one host, and the jobs long operations (pulls) run as. */
export function resourceCalls({ request }: Requester) {
  type Ok = z.infer<typeof okReplySchema>;
  return {
    images: (host: string) => request<z.infer<typeof imageListReplySchema>>('GET', `${onHost(host)}/images`),
    /** Starts a pull as a job; follow it with `job(id)` or the `job:<id>` WebSocket topic. */
    pull: (host: string, image: string) =>
      request<z.infer<typeof jobAcceptedSchema>>('POST', `${onHost(host)}/images/pull`, { image }),
    removeImage: (host: string, ref: string, force = false) =>
      request<Ok>('DELETE', `${onHost(host)}/images/${encodeURIComponent(ref)}${toQuery({ force })}`),
    networks: (host: string) =>
      request<z.infer<typeof networkListReplySchema>>('GET', `${onHost(host)}/networks`),
    createNetwork: (host: string, body: z.input<typeof networkCreateBodySchema>) =>
      request<{ id: string }>('POST', `${onHost(host)}/networks`, body),
    removeNetwork: (host: string, id: string) =>
      request<Ok>('DELETE', `${onHost(host)}/networks/${encodeURIComponent(id)}`),
    volumes: (host: string) =>
      request<z.infer<typeof volumeListReplySchema>>('GET', `${onHost(host)}/volumes`),
    createVolume: (host: string, body: z.input<typeof volumeCreateBodySchema>) =>
      request<{ name: string }>('POST', `${onHost(host)}/volumes`, body),
    removeVolume: (host: string, name: string, force = false) =>
      request<Ok>('DELETE', `${onHost(host)}/volumes/${encodeURIComponent(name)}${toQuery({ force })}`),
    /**
     * Prunes unused networks or volumes; `dryRun` only lists what would go, `all` (volumes) includes
     * unused named volumes, not only anonymous ones.
     */
    prune: (host: string, kind: 'images' | 'networks' | 'volumes', dryRun: boolean, all = false) =>
      request<z.infer<typeof pruneReplySchema>>(
        'POST',
        `${onHost(host)}/${kind}/prune${toQuery({ dryRun, ...(all ? { all } : {}) })}`,
      ),
    jobs: (query: JobListQuery = {}) => request<{ jobs: Job[] }>('GET', `/api/jobs${toQuery(query)}`),
    job: (id: string) => request<Job>('GET', `/api/jobs/${encodeURIComponent(id)}`),
  };
}
