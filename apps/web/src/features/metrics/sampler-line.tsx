import type { SamplerInfo } from '@harbourmaster/contracts';
import { samplerText } from './sampler-text.js';

/** The sampler sentence as a muted line, for the host and container pages. */
export function SamplerLine({ sampler }: { sampler: SamplerInfo }) {
  return (
    <p className="text-xs text-muted" data-testid="sampler">
      {samplerText(sampler)}
    </p>
  );
}
