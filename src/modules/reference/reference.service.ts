import { readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { Actor } from '../../shared/actor.ts';
import type { Clock } from '../../shared/clock.ts';
import type { AuditLog } from '../audit/audit.service.ts';
import type { CalendarRepository, CalendarYear } from '../calendar/calendar.repository.ts';
import { CODE_LABELS } from './code-labels.data.ts';
import { Labels, type ReferenceRepository } from './reference.repository.ts';

const NATIONAL_CALENDAR = new URL('../calendar/data/cn-holidays-2020-2026.json', import.meta.url);
import { NATIONAL_REGION } from '../calendar/calendar.rules.ts';

export interface ReferenceDeps {
  db: Kysely<Database>;
  reference: ReferenceRepository;
  calendar: CalendarRepository;
  audit: AuditLog;
  clock: Clock;
}

/** Reference data shipped with Sunlit: code labels and the national holiday calendar, loaded by `sunlit migrate`. */
export class ReferenceService {
  private labels: Labels | null = null;

  constructor(private readonly deps: ReferenceDeps) {}

  /** Loads what is missing or changed, audited; returns what changed. Safe to run on every migrate. */
  async load(actor: Actor): Promise<{ labelsChanged: number; calendarYearsAdded: number[] }> {
    const file = JSON.parse(readFileSync(NATIONAL_CALENDAR, 'utf8')) as { years: CalendarYear[] };
    const result = await this.deps.db.transaction().execute(async (trx) => {
      const labelsChanged = await this.deps.reference.upsertLabels(trx, CODE_LABELS);
      const have = new Set(await this.deps.calendar.listNoticeYears(trx, NATIONAL_REGION));
      const added: number[] = [];
      for (const y of file.years) {
        if (have.has(y.year)) continue;
        await this.deps.calendar.insertYear(trx, NATIONAL_REGION, y, 'cn-holidays-2020-2026.json', this.deps.clock.now().toISOString());
        added.push(y.year);
      }
      if (labelsChanged > 0 || added.length > 0) {
        await this.deps.audit.append(trx, actor, {
          action: 'reference.load',
          entity: 'reference:shipped',
          county: null,
          payload: { labelsChanged, calendarYearsAdded: added, calendarRegion: NATIONAL_REGION },
        });
      }
      return { labelsChanged, calendarYearsAdded: added };
    });
    this.labels = null;
    return result;
  }

  /** Labels for codes, cached for the life of the process (they change only through migrate). */
  async getLabels(): Promise<Labels> {
    this.labels ??= new Labels(await this.deps.reference.listLabels(this.deps.db));
    return this.labels;
  }
}
