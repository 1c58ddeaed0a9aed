import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { actorLabel, type Actor } from '../../shared/actor.ts';
import type { Clock } from '../../shared/clock.ts';
import { DomainError, forbidden, notFound } from '../../shared/errors.ts';
import { uuidv7 } from '../../shared/ids.ts';
import { grantsWithRole, holdsRole } from '../accounts/access.rules.ts';
import type { AuditLog } from '../audit/audit.service.ts';
import type { UnitRepository } from '../org/unit.repository.ts';
import type { Alert, AlertRepository, AlertSeverity } from './alert.repository.ts';

export interface AlertDeps {
  db: Kysely<Database>;
  alerts: AlertRepository;
  units: UnitRepository;
  audit: AuditLog;
  clock: Clock;
}

export interface NewAlert {
  kind: string;
  severity: AlertSeverity;
  subject: string;
  subjectRef?: string;
  unitId?: string;
  details?: Record<string, unknown>;
}

/**
 * Supervision alerts. Modules open them inside their own transaction (`open`); the inspector reads all of its
 * county's and closes them with an outcome; a leader or head sees those of the units it is over.
 */
export class AlertService {
  constructor(private readonly deps: AlertDeps) {}

  async open(trx: Kysely<Database>, actor: Actor, countyCode: string, input: NewAlert): Promise<Alert> {
    const now = this.deps.clock.now();
    const alert: Alert = {
      id: uuidv7(now.getTime()),
      countyCode,
      kind: input.kind,
      severity: input.severity,
      subject: input.subject,
      subjectRef: input.subjectRef ?? null,
      unitId: input.unitId ?? null,
      details: input.details ?? {},
      openedAt: now.toISOString(),
      closedAt: null,
      closedBy: null,
      outcome: null,
    };
    await this.deps.alerts.insert(trx, alert);
    await this.deps.audit.append(trx, actor, {
      action: 'alert.open',
      entity: `alert:${alert.id}`,
      county: countyCode,
      payload: { kind: alert.kind, severity: alert.severity, subject: alert.subject, subjectRef: alert.subjectRef },
    });
    return alert;
  }

  async list(actor: Actor, status: 'open' | 'closed' | 'all'): Promise<Alert[]> {
    if (!holdsRole(actor, ['inspector', 'leader', 'head'])) throw forbidden();
    const all = await this.deps.alerts.list(this.deps.db, actor.countyCode, status);
    if (holdsRole(actor, ['inspector'])) return all;
    const over = grantsWithRole(actor, ['leader', 'head']);
    const units = new Map((await this.deps.units.list(this.deps.db, actor.countyCode)).map((u) => [u.id, u.path]));
    return all.filter((a) => {
      const path = a.unitId ? units.get(a.unitId) : undefined;
      return path !== undefined && over.some((g) => path.startsWith(g.unitPath));
    });
  }

  /** Closing is the inspector's own work: it records the outcome of looking into the alert. */
  async close(actor: Actor, id: string, outcome: string): Promise<Alert> {
    if (!holdsRole(actor, ['inspector'])) throw forbidden();
    return this.deps.db.transaction().execute(async (trx) => {
      const alert = await this.deps.alerts.findById(trx, actor.countyCode, id);
      if (!alert) throw notFound('该预警', 'Alert');
      const alreadyClosed = () => new DomainError('conflict', { zh: '该预警已处理完毕', en: 'The alert is already closed' });
      if (alert.closedAt) throw alreadyClosed();
      const closedAt = this.deps.clock.now().toISOString();
      // Two inspectors closing at once: only the first update finds the alert open.
      if (!(await this.deps.alerts.close(trx, id, { closedAt, closedBy: actorLabel(actor), outcome }))) throw alreadyClosed();
      await this.deps.audit.append(trx, actor, { action: 'alert.close', entity: `alert:${id}`, county: actor.countyCode, payload: { outcome } });
      return { ...alert, closedAt, closedBy: actorLabel(actor), outcome };
    });
  }
}
