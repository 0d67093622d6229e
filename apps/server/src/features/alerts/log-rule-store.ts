import { logRuleBodySchema } from '@harbourmaster/contracts';
import type { Db } from '../../db/database.js';
import { DefinitionStore } from './definition-store.js';

/** Log-pattern rules. */
export class LogRuleStore extends DefinitionStore<typeof logRuleBodySchema> {
  constructor(db: Db, now?: () => number) {
    super(db, 'alert_log_rules', logRuleBodySchema, now);
  }
}
