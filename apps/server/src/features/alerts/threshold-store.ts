import { thresholdBodySchema } from '@harbourmaster/contracts';
import type { Db } from '../../db/database.js';
import { DefinitionStore } from './definition-store.js';

/** Threshold rules over metrics. */
export class ThresholdStore extends DefinitionStore<typeof thresholdBodySchema> {
  constructor(db: Db, now?: () => number) {
    super(db, 'alert_thresholds', thresholdBodySchema, now);
  }
}
