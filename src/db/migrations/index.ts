import type { Migration } from 'kysely';
import * as foundation from './2026-11-27T08.00_foundation.ts';
import * as securityPolicy from './2026-11-27T09.00_security-policy.ts';
import * as powerList from './2026-11-27T10.00_power-list.ts';
import * as review from './2026-11-27T11.00_review.ts';
import * as publicSearch from './2026-11-27T12.00_public-search.ts';
import * as process from './2026-11-27T13.00_process.ts';
import * as legalClock from './2026-11-27T14.00_legal-clock.ts';
import * as cases from './2026-11-27T15.00_cases.ts';
import * as taskQueues from './2026-11-27T16.00_task-queues.ts';

/** Every migration, by ISO-timestamped name; the migrator runs them in name order. */
export const migrations: Record<string, Migration> = {
  '2026-11-27T08.00_foundation': foundation,
  '2026-11-27T09.00_security-policy': securityPolicy,
  '2026-11-27T10.00_power-list': powerList,
  '2026-11-27T11.00_review': review,
  '2026-11-27T12.00_public-search': publicSearch,
  '2026-11-27T13.00_process': process,
  '2026-11-27T14.00_legal-clock': legalClock,
  '2026-11-27T15.00_cases': cases,
  '2026-11-27T16.00_task-queues': taskQueues,
};
