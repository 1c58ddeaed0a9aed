// Regenerates the drawings shown in the docs: docs/flowchart.png and docs/risk-map.png, a 酒类商品零售许可 process
// (受理 with 补正 → 审查 → 决定 → 发证) with risk points of all three grades.
//   node bin/run-ts.js scripts/render-docs-drawings.ts
// With --goldens DIR it instead renders every golden SVG of the drawing tests to DIR as PNG, for a person to look at
// before accepting changed goldens.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { drawProcess, renderPng } from '../src/modules/process/drawing/drawing.ts';
import { LIQUOR_RETAIL_LICENCE, sampleInput } from '../src/modules/process/drawing/testdata/fixtures.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);

if (args[0] === '--goldens') {
  const out = args[1] ?? '/tmp/sunlit-goldens';
  mkdirSync(out, { recursive: true });
  const dir = join(root, 'src/modules/process/drawing/testdata');
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.svg'))) {
    writeFileSync(join(out, f.replace(/\.svg$/, '.png')), renderPng(readFileSync(join(dir, f), 'utf8')));
    console.log(join(out, f.replace(/\.svg$/, '.png')));
  }
} else if (args.length > 0) {
  console.error('usage: node bin/run-ts.js scripts/render-docs-drawings.ts [--goldens DIR]');
  process.exit(2);
} else {
  const input = sampleInput(LIQUOR_RETAIL_LICENCE);
  for (const [file, risk] of [
    ['docs/flowchart.png', false],
    ['docs/risk-map.png', true],
  ] as const) {
    writeFileSync(join(root, file), renderPng(await drawProcess(input, { risk })));
    console.log(file);
  }
}
