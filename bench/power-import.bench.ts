// powers.import.sqlite: seconds to import a 5,000-item workbook (500 in --quick) into an empty unit through the
// catalogue service — read, parse, check every row, write items, revisions and audit events in one transaction.
// Baseline exceljs.read: seconds exceljs alone takes to load the same workbook. Latency figures: no ratio; the target
// is under 5 s. Each round imports into a fresh database; the figure is the median round.
import ExcelJS from 'exceljs';
import { exportRows, toXlsx } from '../src/modules/catalogue/sheet.writer.ts';
import { CLI_ACTOR, createTestSunlit } from '../src/test/test-app.ts';
import { buildContent } from '../src/test/factories.ts';
import { describeSamples, latencyResult, median, nowMs, type BenchModule } from './lib.ts';

const CATEGORIES = ['licensing', 'penalty', 'inspection', 'benefit', 'confirmation', 'coercion'];

/** A workbook of `n` varied items in the layout counties publish (several responsibility rows per item). */
async function workbook(n: number): Promise<Buffer> {
  const items = Array.from({ length: n }, (_, i) => ({
    code: `BM-${String(i + 1).padStart(5, '0')}`,
    unitCode: 'HBJ',
    content: buildContent({
      name: `测试职权事项第${i + 1}项`,
      category: CATEGORIES[i % CATEGORIES.length]!,
      statutoryLimit: 20 + (i % 10),
      promisedLimit: 10 + (i % 10),
      responsibilities: [
        { stage: '受理', text: `一次性告知需补正材料（${i}）` },
        { stage: '审查', text: '审查申请材料是否齐全、符合法定形式' },
        { stage: '决定', text: '作出准予或不予许可的决定' },
      ],
    }),
  }));
  return toXlsx(
    exportRows(
      items,
      (code) =>
        ({ licensing: '行政许可', penalty: '行政处罚', inspection: '行政检查', benefit: '行政给付', confirmation: '行政确认', coercion: '行政强制' })[code] ??
        code,
    ),
  );
}

export const powerImport: BenchModule = {
  title: 'powers.import — a county power-list workbook through the catalogue vs exceljs reading it',
  async run(ctx) {
    const n = ctx.quick ? 500 : 5000;
    const rounds = ctx.quick ? 3 : 3;
    const file = await workbook(n);
    ctx.log(`  workbook: ${n.toLocaleString('en-US')} items, ${(file.length / 1024).toFixed(0)} KiB`);
    const imports: number[] = [];
    const reads: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const readStart = nowMs();
      await new ExcelJS.Workbook().xlsx.load(file as unknown as ArrayBuffer);
      reads.push((nowMs() - readStart) / 1000);
      const t = await createTestSunlit('sqlite', { demo: true });
      try {
        const start = nowMs();
        const result = await t.app.catalogue.importFile(CLI_ACTOR, 'HBJ', file, 'xlsx');
        imports.push((nowMs() - start) / 1000);
        if (result.created !== n) throw new Error(`imported ${result.created} of ${n}`);
      } finally {
        await t.dispose();
      }
    }
    ctx.log(`  import ${describeSamples(imports, ' s')}, exceljs read ${describeSamples(reads, ' s')}`);
    return [latencyResult(`powers.import.sqlite.${n}`, median(imports), 's', `exceljs.read.${n}`, median(reads))];
  },
};
