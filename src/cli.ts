import { readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { createSunlit, setUpInstallation, type Sunlit } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './modules/demo/demo.data.ts';
import { parseExpectation } from './modules/audit/audit.rules.ts';
import { reportLines, type BpmnReport } from './modules/process/bpmn/bpmn-report.ts';
import { dayLine, explanationLines } from './modules/calendar/calendar-report.ts';
import { caseLines } from './modules/cases/case-report.ts';
import { CASE_STATES, WARNINGS } from './modules/cases/case.contract.ts';
import { UNIT_TYPES } from './modules/org/unit.rules.ts';
import { isRole, type Actor } from './shared/actor.ts';
import { DomainError } from './shared/errors.ts';

/** Exit codes: 0 done, 1 refused (a domain error, or a broken audit chain), 2 wrong usage. */
class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;
const DB_OPTION: Options = { db: { type: 'string' }, help: { type: 'boolean', short: 'h' } };

interface Command {
  usage: string;
  options: Options;
  /** How many positional arguments the command takes (default none). */
  positionals?: number;
  /** The command opens the database itself (serve, migrate, demo) or needs a migrated one. */
  run(ctx: { app: Sunlit; actor: Actor; values: Record<string, string | boolean | undefined>; positionals: string[] }): Promise<void>;
  needsMigrated?: boolean;
}

const out = (line: string) => process.stdout.write(`${line}\n`);

function required(values: Record<string, unknown>, ...names: string[]): void {
  const missing = names.filter((n) => typeof values[n] !== 'string' || values[n] === '');
  if (missing.length > 0) throw new UsageError(`missing ${missing.map((m) => `--${m}`).join(', ')}`);
}

function printAccounts(): void {
  out(`Demo accounts (password for all: ${DEMO_PASSWORD}):`);
  for (const a of DEMO_ACCOUNTS) out(`  ${a.login.padEnd(14)} ${[...new Set(a.grants.map((g) => g.role))].join(',').padEnd(16)} ${a.name} — ${a.note}`);
}

async function migrate(app: Sunlit, actor: Actor): Promise<void> {
  const r = await setUpInstallation(app, actor);
  out(
    `migrated: ${r.migrations.length ? r.migrations.join(', ') : 'schema up to date'}; audit hash ${r.chainAlg}; county ${app.config.countyCode} ${r.countyCreated ? 'created' : 'present'}; ` +
      `labels changed ${r.labelsChanged}; calendar years added ${r.calendarYearsAdded.join(',') || 'none'}`,
  );
}

const COMMANDS: Record<string, Command> = {
  serve: {
    usage: 'sunlit serve [--port N] [--db PATH|URL]    run the web app and API (the database must be migrated)',
    options: { port: { type: 'string' } },
    needsMigrated: true,
    async run({ app, values }) {
      const port = values.port === undefined ? app.config.port : Number(values.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be a port number');
      const { serve } = await import('./main.ts');
      const http = await serve(app, port);
      const bound = http.server.address();
      out(`Sunlit is serving on http://localhost:${bound && typeof bound === 'object' ? bound.port : port}`);
      await new Promise(() => {}); // until a signal stops the server
    },
  },
  start: {
    usage: 'sunlit start [--port N]    migrate, load the demo county into a new database, print the demo accounts, serve (npm start)',
    options: { port: { type: 'string' } },
    async run(ctx) {
      await migrate(ctx.app, ctx.actor);
      out(`demo county: ${await ctx.app.demo.load(ctx.actor)}`);
      printAccounts();
      await COMMANDS.serve!.run(ctx);
    },
  },
  migrate: {
    usage: 'sunlit migrate [--db PATH|URL]    create or update the schema, the county (SUNLIT_COUNTY_CODE/NAME) and reference data',
    options: {},
    async run({ app, actor }) {
      await migrate(app, actor);
    },
  },
  demo: {
    usage: 'sunlit demo [--db PATH|URL]    migrate if needed, then load the demo county 示范县 into an empty database',
    options: {},
    async run({ app, actor }) {
      await migrate(app, actor);
      const r = await app.demo.load(actor);
      out(r === 'loaded' ? 'demo county loaded' : 'demo county already present');
      printAccounts();
    },
  },
  'unit add': {
    usage: `sunlit unit add --code C --name N --type ${UNIT_TYPES.join('|')} [--parent CODE] [--db PATH|URL]`,
    options: { code: { type: 'string' }, name: { type: 'string' }, type: { type: 'string' }, parent: { type: 'string' } },
    needsMigrated: true,
    async run({ app, actor, values }) {
      required(values, 'code', 'name', 'type');
      const type = oneOf(values.type, UNIT_TYPES, '--type')!;
      const unit = await app.org.addUnit(actor, {
        code: values.code as string,
        name: values.name as string,
        type,
        ...(values.parent ? { parentCode: values.parent as string } : {}),
      });
      out(`unit ${unit.code} ${unit.name} (${unit.type}) added, id ${unit.id}`);
    },
  },
  'user add': {
    usage: 'sunlit user add --name N --login L --password P --role R --unit CODE [--db PATH|URL]',
    options: { name: { type: 'string' }, login: { type: 'string' }, password: { type: 'string' }, role: { type: 'string' }, unit: { type: 'string' } },
    needsMigrated: true,
    async run({ app, actor, values }) {
      required(values, 'name', 'login', 'password', 'role', 'unit');
      const role = values.role as string;
      if (!isRole(role)) throw new UsageError(`unknown role ${role}`);
      const unitCode = values.unit as string;
      const a = await app.accounts.createAccount(
        actor,
        { name: values.name as string, login: values.login as string, password: values.password as string, unitCode },
        [{ role, unitCode }],
      );
      out(`account ${a.login} created for ${a.name}, ${role} on ${unitCode}`);
    },
  },
  'role grant': {
    usage: 'sunlit role grant --login L --role R --unit CODE [--db PATH|URL]',
    options: { login: { type: 'string' }, role: { type: 'string' }, unit: { type: 'string' } },
    needsMigrated: true,
    async run({ app, actor, values }) {
      required(values, 'login', 'role', 'unit');
      const role = values.role as string;
      if (!isRole(role)) throw new UsageError(`unknown role ${role}`);
      const a = await app.accounts.grantRole(actor, { login: values.login as string, role, unitCode: values.unit as string });
      out(`${a.login} now holds: ${a.grants.map((g) => `${g.role}@${g.unitCode}`).join(', ')}`);
    },
  },
  'audit verify': {
    usage: 'sunlit audit verify [--expect SEQ:HASH] [--db PATH|URL]    recompute the hash chain; exit 1 naming the first bad seq',
    options: { expect: { type: 'string' } },
    needsMigrated: true,
    async run({ app, values }) {
      let expect: { seq: number; hash: string } | undefined;
      if (values.expect !== undefined) {
        const parsed = parseExpectation(values.expect as string);
        if (!parsed) throw new UsageError('--expect takes SEQ:HASH, the hash as 64 hex characters');
        expect = parsed;
      }
      const v = await app.audit.verify(expect);
      if (v.ok) {
        out(`ok ${v.count} events, head ${v.headSeq}:${v.headHash}`);
      } else {
        out(`BROKEN at seq ${v.firstBadSeq}: ${v.reason} (${v.count} events verified before it)`);
        process.exitCode = 1;
      }
    },
  },
  'powers import': {
    usage: 'sunlit powers import FILE --unit CODE [--json] [--db PATH|URL]    import a power list (.xlsx, .csv or a JSON export), all or nothing',
    options: { unit: { type: 'string' }, json: { type: 'boolean' } },
    needsMigrated: true,
    positionals: 1,
    async run({ app, actor, values, positionals }) {
      required(values, 'unit');
      const file = positionals[0]!;
      const format = importFormatOf(file);
      const body = readInput(file);
      try {
        const r = await app.catalogue.importFile(actor, values.unit as string, body, format);
        out(values.json ? JSON.stringify(r) : `imported ${file}: ${r.created} created, ${r.revised} revised, ${r.unchanged} unchanged`);
      } catch (e) {
        if (!(e instanceof DomainError) || e.code !== 'import.rejected') throw e;
        if (values.json) {
          out(JSON.stringify({ error: { code: e.code, message: e.text.zh, details: e.details } }));
        } else {
          out(`${e.text.zh} / ${e.text.en}`);
          for (const r of e.details.rows as { row: number; column: string; value: string; reason: string }[]) {
            out(`  第 ${r.row} 行  ${r.column || '—'}  ${r.value ? `「${r.value.replace(/\n/g, ' ')}」 ` : ''}${r.reason}`);
          }
        }
        process.exitCode = 1;
      }
    },
  },
  'powers export': {
    usage: 'sunlit powers export --format xlsx|csv|json [--unit CODE] [--category C] --out FILE [--db PATH|URL]',
    options: { format: { type: 'string' }, unit: { type: 'string' }, category: { type: 'string' }, out: { type: 'string' } },
    needsMigrated: true,
    async run({ app, actor, values }) {
      required(values, 'format', 'out');
      const format = values.format as string;
      if (format !== 'xlsx' && format !== 'csv' && format !== 'json') throw new UsageError('--format must be xlsx, csv or json');
      const category = values.category as string | undefined;
      const known = category === undefined ? undefined : app.catalogue.categories.find((c) => c.code === category || c.zh === category);
      if (category !== undefined && !known)
        throw new UsageError(`unknown category ${category}; allowed: ${app.catalogue.categories.map((c) => c.zh).join('、')}`);
      const file = await app.catalogue.exportFile(actor, { unitCode: values.unit as string | undefined, category: known?.code }, format);
      writeFileSync(values.out as string, file.body);
      out(`wrote ${values.out} (${file.body.length} bytes)`);
    },
  },
  'process export': {
    usage:
      "sunlit process export CODE --format svg|png|bpmn [--risk] [--revision N] --out FILE [--db PATH|URL]    an item's flowchart (or risk map), or its process as BPMN 2.0",
    options: { format: { type: 'string' }, risk: { type: 'boolean' }, revision: { type: 'string' }, out: { type: 'string' } },
    needsMigrated: true,
    positionals: 1,
    async run({ app, actor, values, positionals }) {
      required(values, 'format', 'out');
      const format = values.format as string;
      if (format !== 'svg' && format !== 'png' && format !== 'bpmn') throw new UsageError('--format must be svg, png or bpmn');
      if (format === 'bpmn' && values.risk) throw new UsageError('--risk applies to drawings (svg, png); a BPMN file always carries the risk points');
      const revision = values.revision === undefined ? undefined : Number(values.revision);
      if (revision !== undefined && !(Number.isInteger(revision) && revision >= 1)) throw new UsageError('--revision takes a revision number (1, 2, …)');
      const item = await app.catalogue.getItemByCode(actor, positionals[0]!);
      const file =
        format === 'bpmn'
          ? await app.process.exportBpmn(actor, item.id, { revision })
          : await app.process.drawItem(actor, item.id, { revision, risk: values.risk === true, format });
      writeFileSync(values.out as string, file.body);
      out(`wrote ${values.out} (${file.body.length} bytes)`);
    },
  },
  'process import': {
    usage:
      "sunlit process import FILE --item CODE [--process ID] [--dry-run] [--json] [--db PATH|URL]    make a draft revision of an item's process from a BPMN 2.0 file and print the report",
    options: { item: { type: 'string' }, process: { type: 'string' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } },
    needsMigrated: true,
    positionals: 1,
    async run({ app, actor, values, positionals }) {
      required(values, 'item');
      const file = positionals[0]!;
      const body = readInput(file);
      const item = await app.catalogue.getItemByCode(actor, values.item as string);
      try {
        const r = await app.process.importBpmn(actor, item.id, body, { processId: values.process as string | undefined, dryRun: values['dry-run'] === true });
        if (values.json) {
          out(JSON.stringify(r));
          return;
        }
        reportLines(r.report).forEach((line) => out(line));
        out(
          r.revision === null
            ? 'dry run: nothing saved / 仅检查，未保存'
            : r.changed
              ? `saved as draft revision ${r.revision} of ${item.code} / 已保存为第 ${r.revision} 版草稿`
              : `unchanged: revision ${r.revision} already has this process / 流程与第 ${r.revision} 版相同，未新建版本`,
        );
      } catch (e) {
        if (!(e instanceof DomainError) || e.code !== 'bpmn.refused') throw e;
        const report = e.details.report as BpmnReport;
        if (values.json) out(JSON.stringify({ error: { code: e.code, message: e.text.zh, details: e.details } }));
        else reportLines(report).forEach((line) => out(line));
        process.exitCode = 1;
      }
    },
  },
  'calendar add-workdays': {
    usage:
      'sunlit calendar add-workdays DATE N [--region CODE] [--db PATH|URL]    the Nth working day after DATE (not counted); 暂定 provisional when a year has no notice yet',
    options: { region: { type: 'string' } },
    needsMigrated: true,
    positionals: 2,
    async run({ app, actor, values, positionals }) {
      const [date, n] = [dateArgument(positionals[0]!), daysArgument(positionals[1]!)];
      const r = await app.calendar.addWorkdays(actor, { date, n, region: values.region as string | undefined });
      out(r.provisional ? `${r.result} 暂定 provisional` : r.result);
      if (r.reason) out(`${r.reason.en} / ${r.reason.zh}`);
    },
  },
  'calendar is-workday': {
    usage: 'sunlit calendar is-workday DATE [--region CODE] [--db PATH|URL]    yes or no, then why (the holiday, 调休上班, a weekend)',
    options: { region: { type: 'string' } },
    needsMigrated: true,
    positionals: 1,
    async run({ app, actor, values, positionals }) {
      const info = await app.calendar.dayInfo(actor, dateArgument(positionals[0]!), values.region as string | undefined);
      out(info.workday ? 'yes' : 'no');
      out(dayLine(info));
      if (info.reason) out(`暂定 provisional: ${info.reason.en} / ${info.reason.zh}`);
    },
  },
  'calendar explain': {
    usage:
      'sunlit calendar explain DATE N [--region CODE] [--db PATH|URL]    how DATE + N working days is counted: days skipped, adjusted days, notices, the due instant',
    options: { region: { type: 'string' } },
    needsMigrated: true,
    positionals: 2,
    async run({ app, actor, values, positionals }) {
      const [start, days] = [dateArgument(positionals[0]!), daysArgument(positionals[1]!)];
      explanationLines(await app.calendar.explain(actor, { start, days, region: values.region as string | undefined })).forEach((line) => out(line));
    },
  },
  'calendar import': {
    usage:
      "sunlit calendar import FILE.ics --year Y [--region UNIT_CODE] [--notice TEXT] [--replace] [--db PATH|URL]    a year's holidays (and 班 adjusted working days) from an ICS file",
    options: { year: { type: 'string' }, region: { type: 'string' }, notice: { type: 'string' }, replace: { type: 'boolean' } },
    needsMigrated: true,
    positionals: 1,
    async run({ app, actor, values, positionals }) {
      required(values, 'year');
      if (!/^\d{4}$/.test(values.year as string)) throw new UsageError('--year takes a year, e.g. 2027');
      const year = Number(values.year);
      const file = positionals[0]!;
      const ics = readInput(file).toString('utf8');
      const r = await app.calendar.importIcs(actor, {
        ics,
        year,
        region: values.region as string | undefined,
        notice: values.notice as string | undefined,
        replace: values.replace === true,
      });
      const n = r.notice;
      out(
        `${r.replaced ? 'replaced' : 'imported'} ${n.year} (${n.region}) from ${file}: ${n.holidays} holidays, ${n.workdays} adjusted working days; ` +
          `${r.eventsOutsideYear} events outside ${n.year} ignored / 已导入 ${n.holidays} 个假日、${n.workdays} 个调休上班日`,
      );
      for (const s of r.skipped) out(`  skipped line ${s.line}${s.summary ? ` “${s.summary}”` : ''}: ${s.reason}`);
    },
  },
  'cases list': {
    usage:
      'sunlit cases list [--unit CODE] [--state pending|running|suspended|done] [--warning none|green|yellow|red] [--limit N] [--db PATH|URL]    cases, newest first: receipt, state, item, unit, due date, warning',
    options: { unit: { type: 'string' }, state: { type: 'string' }, warning: { type: 'string' }, limit: { type: 'string' } },
    needsMigrated: true,
    async run({ app, actor, values }) {
      const state = oneOf(values.state, CASE_STATES, '--state');
      const warning = oneOf(values.warning, WARNINGS, '--warning');
      const limit = values.limit === undefined ? 50 : Number(values.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw new UsageError('--limit takes a number from 1 to 200');
      const r = await app.cases.listCases(actor, { unit: values.unit as string | undefined, state, warning, pageSize: limit });
      for (const c of r.cases)
        out(
          [
            c.receipt,
            c.state,
            c.itemCode,
            c.unit.code,
            c.deadlines.dueDate ?? '-',
            c.deadlines.warning,
            c.outcome ?? (c.current.join('+') || '-'),
            c.applicantMasked,
          ].join('\t'),
        );
      out(`${r.cases.length} of ${r.total} cases / 共 ${r.total} 件`);
    },
  },
  'cases show': {
    usage: 'sunlit cases show RECEIPT [--db PATH|URL]    one case: item, state, deadlines, its steps and timeline',
    options: {},
    needsMigrated: true,
    positionals: 1,
    async run({ app, actor, positionals }) {
      caseLines(await app.cases.getByReceipt(actor, positionals[0]!)).forEach((line) => out(line));
    },
  },
  'audit checkpoint': {
    usage: 'sunlit audit checkpoint [--db PATH|URL]    record the current head as a checkpoint and print SEQ:HASH',
    options: {},
    needsMigrated: true,
    async run({ app, actor }) {
      const cp = await app.audit.checkpoint(actor);
      out(`${cp.seq}:${cp.hash}`);
    },
  },
};

/** An option limited to a list of codes. */
function oneOf<T extends string>(value: unknown, allowed: readonly T[], name: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly unknown[]).includes(value)) throw new UsageError(`${name} must be one of ${allowed.join(', ')}`);
  return value as T;
}

/** A date argument must look like one; whether it exists is the calendar's to say (a refusal, exit 1). */
function dateArgument(arg: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(arg)) throw new UsageError(`${arg}: expected a date, YYYY-MM-DD`);
  return arg;
}

function daysArgument(arg: string): number {
  if (!/^\d{1,4}$/.test(arg)) throw new UsageError(`${arg}: expected a number of working days (0, 1, 2, …)`);
  return Number(arg);
}

/** A file named on the command line; one that cannot be read is a usage error naming it. */
function readInput(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as Error).message}`);
  }
}

function importFormatOf(file: string): 'xlsx' | 'csv' | 'json' {
  const ext = file.toLowerCase().split('.').pop();
  if (ext === 'xlsx' || ext === 'csv' || ext === 'json') return ext;
  throw new UsageError(`${file}: expected a .xlsx, .csv or .json file`);
}

function usageText(): string {
  return [
    'Usage: sunlit <command> [options]   (--db PATH|URL or SUNLIT_DATABASE_URL; --help on any command)',
    '',
    ...Object.values(COMMANDS).map((c) => `  ${c.usage}`),
  ].join('\n');
}

async function isMigrated(app: Sunlit): Promise<boolean> {
  try {
    await app.audit.head();
    return true;
  } catch {
    return false;
  }
}

/** Runs the CLI and returns its exit code. */
export async function main(argv: string[]): Promise<number> {
  const name = [`${argv[0]} ${argv[1]}`, argv[0]].find((n) => n !== undefined && COMMANDS[n]);
  if (!name) {
    const wantsHelp = argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help';
    (wantsHelp ? process.stdout : process.stderr).write(`${wantsHelp ? '' : `unknown command: ${argv.join(' ')}\n\n`}${usageText()}\n`);
    return wantsHelp ? 0 : 2;
  }
  const command = COMMANDS[name]!;
  let parsed;
  try {
    parsed = parseArgs({ args: argv.slice(name.split(' ').length), options: { ...DB_OPTION, ...command.options }, strict: true, allowPositionals: true });
    if (!parsed.values.help && parsed.positionals.length !== (command.positionals ?? 0))
      throw new Error(`expected ${command.positionals ?? 0} argument(s), got ${parsed.positionals.length}`);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${command.usage}\n`);
    return 2;
  }
  if (parsed.values.help) {
    out(command.usage);
    return 0;
  }
  let app: Sunlit | undefined;
  try {
    const config = loadConfig(process.env, parsed.values.db ? { databaseUrl: parsed.values.db as string } : {});
    app = createSunlit(config);
    if (command.needsMigrated && !(await isMigrated(app))) {
      process.stderr.write(`error not_migrated: the database ${config.databaseUrl} is not set up; run \`sunlit migrate\` first\n`);
      return 1;
    }
    const actor: Actor = { kind: 'cli', osUser: userInfo().username, countyCode: config.countyCode };
    await command.run({ app, actor, values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`${e.message}\n${command.usage}\n`);
      return 2;
    }
    if (e instanceof ConfigError) {
      process.stderr.write(`error config: ${e.message}\n`);
      return 2;
    }
    if (e instanceof DomainError) {
      const fields = e.details.fields ? ` ${JSON.stringify(e.details.fields)}` : '';
      process.stderr.write(`error ${e.code}: ${e.text.zh} / ${e.text.en}${fields}\n`);
      return 1;
    }
    process.stderr.write(`error internal: ${(e as Error).message}\n`);
    return 1;
  } finally {
    if (app && name !== 'serve' && name !== 'start') await app.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await main(process.argv.slice(2));
}
