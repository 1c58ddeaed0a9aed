import type { Actor } from '../../shared/actor.ts';
import type { Clock } from '../../shared/clock.ts';
import { DomainError } from '../../shared/errors.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { AuthService } from '../accounts/auth.service.ts';
import type { CalendarService } from '../calendar/calendar.service.ts';
import type { CaseService } from '../cases/case.service.ts';
import type { CatalogueService, ImportRow } from '../catalogue/catalogue.service.ts';
import type { OrgService } from '../org/org.service.ts';
import type { ProcessService } from '../process/process.service.ts';
import type { ReformService } from '../reform/reform.service.ts';
import type { ReviewService } from '../review/review.service.ts';
import { loadDemoCases } from './demo-cases.ts';
import { DEMO_POWERS } from './demo-powers.data.ts';
import { demoProcessFor } from './demo-processes.data.ts';
import { DEMO_FIRST_BATCH_TITLE, DEMO_REFORM_STARTED_ON, DEMO_REVIEW_PEOPLE, DEMO_REVIEWER, DEMO_SECOND_BATCH } from './demo-review.data.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_UNITS } from './demo.data.ts';

export interface DemoDeps {
  org: OrgService;
  accounts: AccountsService;
  auth: AuthService;
  catalogue: CatalogueService;
  review: ReviewService;
  reform: ReformService;
  process: ProcessService;
  calendar: CalendarService;
  cases: CaseService;
  /** The case service on another clock (the demo's open cases happen on the days they are dated). */
  casesAt: (clock: Clock, random: (n: number) => Uint8Array) => CaseService;
  clock: Clock;
}

/** The department or township a demo unit belongs to (`HBJ-SP` → `HBJ`): each reviews and publishes its list as one. */
const topUnitOf = (unitCode: string) => unitCode.split('-')[0]!;

/** Loads 示范县 through the ordinary services, so every demo record is audited like any other. */
export class DemoService {
  constructor(private readonly deps: DemoDeps) {}

  /**
   * `loaded` when the demo was (completed and) loaded now, `present` when it was all there. Each unit and account is
   * its own audited change, and each unit's power list one audited import, so a first start interrupted half-way is
   * completed by the next one: whatever is missing is added, and nothing is added twice. With `powers: false` only
   * the units and accounts are loaded (tests that compile a power list of their own start from an empty one).
   * With powers come the review (every list published, one batch in its second round), the reform figures and the
   * cases (two years of history, open cases in every state: demo-cases.ts).
   */
  async load(actor: Actor, options: { powers?: boolean } = {}): Promise<'loaded' | 'present'> {
    const haveUnits = new Set((await this.deps.org.listUnits(actor)).map((u) => u.code));
    const haveLogins = new Set((await this.deps.accounts.listAccounts(actor)).map((a) => a.login));
    const demoStarted = haveUnits.has(DEMO_UNITS[0]!.code);
    if (!demoStarted && haveUnits.size > 1) {
      throw new DomainError('conflict', {
        zh: '数据库中已有单位数据，示范县只能装入空数据库',
        en: 'The database already holds units: the demo county loads only into an empty database',
      });
    }
    const withPowers = options.powers !== false;
    const haveCodes = withPowers ? await this.itemCodes(actor) : null;
    const missingUnits = DEMO_UNITS.filter((u) => !haveUnits.has(u.code));
    const missingAccounts = DEMO_ACCOUNTS.filter((a) => !haveLogins.has(a.login));
    const missingPowers = haveCodes ? DEMO_POWERS.filter((p) => !haveCodes.has(p.code)) : [];
    const county = actor.countyCode;
    for (const u of missingUnits)
      await this.deps.org.addUnit(actor, { code: u.code, name: u.name, type: u.type, ...(u.parent ? { parentCode: u.parent } : {}) });
    for (const a of missingAccounts) {
      const grants = a.grants.map((g) => ({ role: g.role, unitCode: g.unit ?? county }));
      await this.deps.accounts.createAccount(actor, { name: a.name, login: a.login, password: DEMO_PASSWORD, unitCode: a.unit ?? county }, grants);
    }
    const byUnit = new Map<string, ImportRow[]>();
    for (const p of missingPowers) {
      const rows = byUnit.get(p.unit) ?? [];
      rows.push({ row: rows.length + 1, code: p.code, unitText: null, content: p.content });
      byUnit.set(p.unit, rows);
    }
    for (const [unitCode, rows] of byUnit) await this.deps.catalogue.importItems(actor, unitCode, rows, []);
    let loaded = missingUnits.length + missingAccounts.length + missingPowers.length > 0;
    if (withPowers) {
      if (await this.publishLists(actor)) loaded = true;
      // The second round is one story told in order; it is told once, into a county that has not seen it.
      const told = (await this.deps.review.listBatches(actor, { unitCode: DEMO_SECOND_BATCH.unit })).some((b) => b.title === DEMO_SECOND_BATCH.title);
      if (!told) {
        await this.secondRound(actor);
        loaded = true;
      }
      if ((await this.deps.reform.loadDemo(actor, DEMO_REFORM_STARTED_ON)) === 'loaded') loaded = true;
      if ((await loadDemoCases(this.deps, actor, DEMO_REFORM_STARTED_ON)) === 'loaded') loaded = true;
      // The demo county publishes its risk maps beside the service guides (set once, as the load that made the lists).
      if (loaded && !(await this.deps.process.settings(county)).publishRiskMaps) await this.deps.process.saveSettings(actor, { publishRiskMaps: true });
    }
    return loaded ? 'loaded' : 'present';
  }

  /**
   * Every department's and township's list goes through review and is published. Each unit's batch is moved on from
   * whatever state it is in, so a load interrupted half-way is finished by the next. True when anything moved.
   */
  private async publishLists(operator: Actor): Promise<boolean> {
    const { review } = this.deps;
    const reviewer = await this.deps.auth.actorForLogin(DEMO_REVIEWER);
    let moved = false;
    for (const top of [...new Set(DEMO_POWERS.map((p) => topUnitOf(p.unit)))]) {
      const people = DEMO_REVIEW_PEOPLE[top];
      const head = people ? await this.deps.auth.actorForLogin(people.head) : operator;
      const leader = people ? await this.deps.auth.actorForLogin(people.leader) : operator;
      const existing = (await review.listBatches(operator, { unitCode: top })).find((b) => b.title === DEMO_FIRST_BATCH_TITLE && b.unitCode === top);
      let view = existing
        ? await review.getBatch(operator, existing.id)
        : await review.createBatch(head, {
            unitCode: top,
            title: DEMO_FIRST_BATCH_TITLE,
            itemCodes: DEMO_POWERS.filter((p) => topUnitOf(p.unit) === top).map((p) => p.code),
          });
      while (view.batch.state !== 'published') {
        moved = true;
        const id = view.batch.id;
        switch (view.batch.state) {
          case 'draft':
            view = await review.transition(head, id, 'submit');
            break;
          case 'submitted':
            view = await review.transition(reviewer, id, 'take');
            break;
          case 'in_review':
            await review.passItems(
              reviewer,
              id,
              view.items.map((i) => i.itemId),
            );
            view = await review.transition(reviewer, id, 'pass');
            break;
          case 'passed':
            view = await review.transition(leader, id, 'evaluate');
            break;
          case 'evaluation':
            view = await review.transition(leader, id, 'publish');
            break;
          default:
            throw new Error(`demo batch of ${top} is ${view.batch.state}`);
        }
      }
      if (!existing) moved = true;
    }
    return moved;
  }

  /** The environment bureau's later changes, caught in their second round with findings still open. */
  private async secondRound(operator: Actor): Promise<void> {
    const { review, catalogue, auth } = this.deps;
    const plan = DEMO_SECOND_BATCH;
    const [clerk, head, reviewer] = await Promise.all([auth.actorForLogin(plan.clerk), auth.actorForLogin(plan.head), auth.actorForLogin(DEMO_REVIEWER)]);
    const item = async (code: string) => {
      const found = (await catalogue.listItems(operator, { q: code }, { offset: 0, limit: 5 })).items.find((i) => i.code === code);
      if (!found) throw new Error(`demo item ${code} missing`);
      return found;
    };
    const revise = async (code: string, change: object) => {
      const current = await item(code);
      return catalogue.reviseItem(clerk, { itemId: current.id, basedOn: current.latestRevision, content: { ...current.latest.content, ...change } });
    };
    for (const c of plan.changes) await revise(c.code, c.edit);
    const { batch } = await review.createBatch(clerk, { unitCode: plan.unit, title: plan.title, itemCodes: plan.changes.map((c) => c.code) });
    await review.transition(head, batch.id, 'submit');
    await review.transition(reviewer, batch.id, 'take');
    for (const c of plan.changes) {
      const { id } = await item(c.code);
      if (!c.finding) {
        await review.passItems(reviewer, batch.id, [id]);
        continue;
      }
      for (const aspect of ['legality', 'reasonableness', 'necessity'] as const) {
        const problem = aspect === c.finding.aspect;
        await review.recordFinding(reviewer, batch.id, id, aspect, {
          verdict: problem ? 'problem' : 'pass',
          problem: problem ? c.finding.problem : null,
          comment: problem ? c.finding.comment : null,
        });
      }
    }
    await review.raiseOmission(reviewer, batch.id, { name: plan.omission.name, comment: plan.omission.comment });
    const returned = await review.transition(reviewer, batch.id, 'return', '请按审查意见逐条整改，整改情况随批次报送');

    const entryFor = (itemId: string | null) => returned.rectifications.find((e) => e.itemId === itemId && e.state === 'open')!;
    for (const c of plan.changes) {
      if (!c.finding) continue;
      if (c.fix) await revise(c.code, c.fix);
      await review.respond(clerk, entryFor((await item(c.code)).id).id, { response: c.response! });
    }
    const template = (await item(plan.changes[0].code)).latest.content;
    const omitted = { name: plan.omission.name, category: 'other', promisedLimit: null, statutoryLimit: null };
    await catalogue.createItem(clerk, {
      unitCode: plan.unit,
      code: plan.omission.code,
      content: {
        ...template,
        ...omitted,
        basis: ['《生态环境损害赔偿管理规定》第十五条'],
        materials: [],
        fees: null,
        process: demoProcessFor(plan.omission.code, plan.unit, omitted),
      },
    });
    await review.respond(clerk, entryFor(null).id, { response: plan.omission.response, itemCode: plan.omission.code });
    await review.transition(head, batch.id, 'resubmit');

    // Round 2: the basis fix is accepted; the time-limit question and the omitted item are still open.
    const round2 = await review.transition(reviewer, batch.id, 'take');
    for (const c of plan.changes.filter((x) => x.accepted)) {
      const { id } = await item(c.code);
      await review.accept(reviewer, round2.rectifications.find((e) => e.itemId === id && e.state === 'open')!.id);
      await review.passItems(reviewer, batch.id, [id]);
    }
  }

  /** Codes of every power item in the county, whatever its state. */
  private async itemCodes(actor: Actor): Promise<Set<string>> {
    const codes = new Set<string>();
    const limit = 10000;
    for (let offset = 0; ; offset += limit) {
      const page = await this.deps.catalogue.listItems(actor, {}, { offset, limit });
      for (const i of page.items) codes.add(i.code);
      if (page.items.length < limit || offset + limit >= page.total) return codes;
    }
  }
}
