import type { Config } from './config.ts';
import { migrateToLatest } from './db/migrate.ts';
import { openDb, type Db } from './db/kysely.ts';
import { AccountRepository, SessionRepository } from './modules/accounts/account.repository.ts';
import { AccountsService } from './modules/accounts/accounts.service.ts';
import { AuthService } from './modules/accounts/auth.service.ts';
import { DEFAULT_SCRYPT_LOG_N } from './modules/accounts/password.rules.ts';
import { SecurityPolicyRepository } from './modules/accounts/security-policy.repository.ts';
import { SecurityPolicyService } from './modules/accounts/security-policy.service.ts';
import { AlertRepository } from './modules/alerts/alert.repository.ts';
import { AlertService } from './modules/alerts/alert.service.ts';
import { AuditRepository } from './modules/audit/audit.repository.ts';
import { AuditLog } from './modules/audit/audit.service.ts';
import { CalendarRepository } from './modules/calendar/calendar.repository.ts';
import { CalendarService } from './modules/calendar/calendar.service.ts';
import { TrackedDeadlineRepository } from './modules/calendar/tracked-deadline.repository.ts';
import { CaseRepository } from './modules/cases/case.repository.ts';
import { CaseService, type CaseDeps } from './modules/cases/case.service.ts';
import { DemoService } from './modules/demo/demo.service.ts';
import { CatalogueService } from './modules/catalogue/catalogue.service.ts';
import { PowerItemRepository } from './modules/catalogue/power-item.repository.ts';
import { powerCategories } from './modules/catalogue/categories.data.ts';
import { OrgService } from './modules/org/org.service.ts';
import { PublicListRepository } from './modules/portal/public-list.repository.ts';
import { PublicListService } from './modules/portal/public-list.service.ts';
import { UnitRepository } from './modules/org/unit.repository.ts';
import { PortalSettingRepository } from './modules/process/portal-setting.repository.ts';
import { ProcessService } from './modules/process/process.service.ts';
import { ReferenceRepository } from './modules/reference/reference.repository.ts';
import { ReferenceService } from './modules/reference/reference.service.ts';
import { ReformRepository } from './modules/reform/reform.repository.ts';
import { ReformService } from './modules/reform/reform.service.ts';
import { ReviewRepository } from './modules/review/review.repository.ts';
import { ReviewService } from './modules/review/review.service.ts';
import type { Actor } from './shared/actor.ts';
import { FileBlobStore } from './shared/blob-store.ts';
import { FieldCipher } from './shared/field-crypto.ts';

/**
 * The one composition root: configuration → database → repositories → services. The HTTP server (`http/server.ts`)
 * and the CLI (`cli.ts`) both start from here.
 */
export interface Sunlit {
  config: Readonly<Config>;
  db: Db;
  audit: AuditLog;
  org: OrgService;
  accounts: AccountsService;
  auth: AuthService;
  alerts: AlertService;
  reference: ReferenceService;
  demo: DemoService;
  policies: SecurityPolicyService;
  catalogue: CatalogueService;
  publicList: PublicListService;
  process: ProcessService;
  review: ReviewService;
  reform: ReformService;
  calendar: CalendarService;
  cases: CaseService;
  close(): Promise<void>;
}

export function createSunlit(config: Readonly<Config>, db: Db = openDb(config.databaseUrl)): Sunlit {
  const { clock } = config;
  const q = db.kysely;
  const auditRepo = new AuditRepository(db.engine);
  const units = new UnitRepository();
  const accountRepo = new AccountRepository(db.engine);
  const sessions = new SessionRepository();
  const audit = new AuditLog({ db: q, repo: auditRepo, clock, sqliteFile: db.sqliteFile });
  const scryptLogN = config.scryptLogN ?? DEFAULT_SCRYPT_LOG_N;
  const org = new OrgService({ db: q, units, audit, clock });
  const policies = new SecurityPolicyService({ db: q, policies: new SecurityPolicyRepository(), units, audit, clock });
  const cipher = new FieldCipher(config.dataKey);
  const accounts = new AccountsService({
    db: q,
    accounts: accountRepo,
    sessions,
    units,
    audit,
    clock,
    cipher,
    scryptLogN,
    policies,
  });
  const items = new PowerItemRepository();
  const catalogue = new CatalogueService({ db: q, items, units, audit, clock, categories: powerCategories() });
  const alerts = new AlertService({ db: q, alerts: new AlertRepository(), units, audit, clock });
  const publicList = new PublicListService({
    db: q,
    repo: new PublicListRepository(db.engine, db.sqliteFile),
    units,
    audit,
    clock,
    categories: powerCategories(),
  });
  const review = new ReviewService({
    db: q,
    reviews: new ReviewRepository(db.engine),
    items,
    units,
    audit,
    alerts,
    clock,
    onPublished: (trx, county, ids) => publicList.indexPublished(trx, county, ids),
  });
  const auth = new AuthService({ db: q, accounts: accountRepo, sessions, units, audit, clock, scryptLogN, policies });
  const reform = new ReformService({ db: q, reform: new ReformRepository(), units, audit, clock });
  const calendarRepo = new CalendarRepository();
  const reference = new ReferenceService({ db: q, reference: new ReferenceRepository(), calendar: calendarRepo, audit, clock });
  const calendar = new CalendarService({ db: q, calendar: calendarRepo, deadlines: new TrackedDeadlineRepository(), units, audit, clock });
  const process = new ProcessService({ db: q, catalogue, publicList, units, settings: new PortalSettingRepository(), reference, audit, clock });
  const caseDeps: CaseDeps = {
    db: q,
    cases: new CaseRepository(db.engine, auditRepo),
    accounts: accountRepo,
    items,
    units,
    calendar,
    audit,
    auditEvents: auditRepo,
    alerts,
    blobs: new FileBlobStore(config.blobDir),
    cipher,
    clock,
    yellowRatio: config.caseYellowRatio,
  };
  const cases = new CaseService(caseDeps);
  calendar.whenNoticeStored((trx, actor, countyCode, workCalendar) => cases.recomputeProvisional(trx, actor, countyCode, workCalendar));
  return {
    config,
    db,
    audit,
    org,
    accounts,
    demo: new DemoService({
      org,
      accounts,
      auth,
      catalogue,
      review,
      reform,
      process,
      calendar,
      cases,
      // The demo's open cases run through the same service on a clock it sets back (see demo-cases.ts).
      casesAt: (at, random) => new CaseService({ ...caseDeps, clock: at, random }),
      clock,
    }),
    auth,
    policies,
    catalogue,
    publicList,
    review,
    reform,
    alerts,
    reference,
    process,
    calendar,
    cases,
    close: () => {
      publicList.close();
      return db.close();
    },
  };
}

/**
 * `sunlit migrate`: the schema, the audit chain (its hash fixed now), the installation's county and the shipped
 * reference data. Running it again changes only what is missing.
 */
export async function setUpInstallation(app: Sunlit, actor: Actor) {
  const migrations = await migrateToLatest(app.db);
  const chain = await app.audit.ensureChain(app.config.auditHashAlg);
  const county = await app.org.ensureCounty(actor, app.config.countyCode, app.config.countyName);
  const reference = await app.reference.load(actor);
  const publicSearch = await app.publicList.prepare(actor, app.config.countyCode);
  return { migrations, chainAlg: chain.alg, countyCreated: county.created, ...reference, publicSearch };
}
