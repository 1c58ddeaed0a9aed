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
