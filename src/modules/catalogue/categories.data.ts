/**
 * Power categories (职权类别) as data, each with the document it comes from. The ten administrative categories are
 * those of the 2015 national guideline; counties also list public services and village micro-powers. A province
 * that uses another category (some list 非行政许可审批) extends the list with `powerCategories([...])`.
 */
export interface PowerCategory {
  /** Stable code stored in the database. */
  code: string;
  /** The Chinese name as counties write it in their sheets (the import matches on it). */
  zh: string;
  en: string;
  /** Where the category comes from. */
  source: string;
}

export const GUIDELINE_2015 = '中共中央办公厅、国务院办公厅《关于推行地方各级政府工作部门权力清单制度的指导意见》（中办发〔2015〕21号）';
const COUNTY_PRACTICE_SERVICES = '地方权力清单实践：公共服务事项与行政权力事项一并列入清单并公开';
const VILLAGE_GUIDELINE = '中共中央办公厅、国务院办公厅《关于加强和改进乡村治理的指导意见》（2019年）：推行村级小微权力清单制度';

const guideline = (code: string, zh: string, en: string): PowerCategory => ({ code, zh, en, source: GUIDELINE_2015 });

/** The twelve categories every installation knows. */
export const POWER_CATEGORIES: readonly PowerCategory[] = Object.freeze([
  guideline('licensing', '行政许可', 'Administrative licensing'),
  guideline('penalty', '行政处罚', 'Administrative penalty'),
  guideline('coercion', '行政强制', 'Administrative coercion'),
  guideline('levy', '行政征收', 'Administrative levy'),
  guideline('benefit', '行政给付', 'Administrative benefit payment'),
  guideline('inspection', '行政检查', 'Administrative inspection'),
  guideline('confirmation', '行政确认', 'Administrative confirmation'),
  guideline('reward', '行政奖励', 'Administrative reward'),
  guideline('adjudication', '行政裁决', 'Administrative adjudication'),
  guideline('other', '其他行政权力', 'Other administrative power'),
  { code: 'public_service', zh: '公共服务', en: 'Public service', source: COUNTY_PRACTICE_SERVICES },
  { code: 'village_micro', zh: '村级小微权力', en: 'Village micro-power', source: VILLAGE_GUIDELINE },
]);

/** An example of a provincial extension: non-licensing approval, listed separately by some provinces. */
export const NON_LICENSING_APPROVAL: PowerCategory = Object.freeze({
  code: 'non_licensing_approval',
  zh: '非行政许可审批',
  en: 'Non-licensing administrative approval',
  source: '部分省份权力清单单列此类（国务院部门非行政许可审批事项清理前的类别）',
});

/** The national categories followed by a province's extra ones; a code or Chinese name used twice is an error. */
export function powerCategories(extra: readonly PowerCategory[] = []): PowerCategory[] {
  const all = [...POWER_CATEGORIES, ...extra];
  const seen = new Set<string>();
  for (const c of all) {
    for (const key of [`code:${c.code}`, `zh:${c.zh}`]) {
      if (seen.has(key)) throw new Error(`职权类别重复：${c.code} ${c.zh} (duplicate power category)`);
      seen.add(key);
    }
  }
  return all;
}
