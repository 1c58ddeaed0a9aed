import type { Sunlit } from '../app.ts';
import { PowerItemRepository } from '../modules/catalogue/power-item.repository.ts';
import type { PowerContent } from '../modules/catalogue/power-item.rules.ts';

/** A realistic 行政许可 item, with overrides. */
export function buildContent(over: Partial<PowerContent> = {}): PowerContent {
  return {
    name: '建设项目环境影响评价文件审批',
    category: 'licensing',
    implementingBody: null,
    basis: ['《中华人民共和国环境影响评价法》第二十二条', '《建设项目环境保护管理条例》第九条'],
    conditions: '依法应当编制环境影响报告书、报告表的建设项目',
    materials: [{ name: '环境影响报告书（表）', form: 'original', copies: 2, required: true }],
    statutoryLimit: 60,
    promisedLimit: 30,
    fees: null,
    serviceObject: '建设单位',
    supervisionPhone: '0354-1234567',
    responsibilities: [
      { stage: '受理', text: '一次性告知需补正的全部材料' },
      { stage: '审查', text: '组织技术评估' },
    ],
    accountability: [{ situation: '对不符合条件的建设项目予以批准的', basis: null }],
    ...over,
  };
}

/**
 * Test set-up shortcut: publishes the latest revision of the items with these codes without the review workflow
 * (review.service is what publishes in the product; its own tests go through every step).
 */
export async function publishLatest(app: Sunlit, codes: string[], at = '2026-03-02T01:00:00.000Z'): Promise<void> {
  const items = new PowerItemRepository();
  await app.db.kysely.transaction().execute(async (trx) => {
    const found = await items.findByCodes(trx, app.config.countyCode, codes);
    for (const code of codes) {
      const item = found.get(code);
      if (!item) throw new Error(`no item ${code}`);
      await items.publish(trx, item.id, item.latestRevision, at);
    }
    await app.publicList.indexPublished(
      trx,
      app.config.countyCode,
      [...found.values()].map((i) => i.id),
    );
  });
}
