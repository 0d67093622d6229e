import type { StackConvertReply } from '@harbourmaster/contracts';
import { composeDocument } from './compose-document.js';
import { variablesIn } from './interpolation.js';
import type { ServiceProject } from './service-model.js';

/** The converter's reply for a built service: its compose file, its name, and every warning. */
export function projectReply(project: ServiceProject): StackConvertReply {
  const variables = variablesIn(JSON.stringify([project.service, project.volumes]));
  const warnings = [...project.warnings];
  if (variables.length > 0) {
    warnings.push(
      `the command uses shell variables (${variables.map((v) => `$${v}`).join(', ')}): Compose fills them in from the stack's .env file when it runs, so define them there`,
    );
  }
  return { compose: composeDocument(project), service: project.serviceName, warnings };
}
