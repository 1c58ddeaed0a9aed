/**
 * The words of a process definition (两图), as data with their sources. Codes are stored; labels are also loaded
 * into `code_label` (reference data) so the UI and exports show them in both languages.
 */

/** What a step does. Duty-separation rules of the cases module are written in these codes. */
export const STEP_DUTIES = ['accept', 'review', 'decide', 'deliver', 'enforce', 'supervise', 'other'] as const;
export type StepDuty = (typeof STEP_DUTIES)[number];

export const DUTY_LABELS: Record<StepDuty, { zh: string; en: string; alsoCalled: string[] }> = {
  accept: { zh: '受理', en: 'Accept', alsoCalled: ['收件', '立案', '登记'] },
  review: { zh: '审查', en: 'Review', alsoCalled: ['调查', '审理', '审核', '核查', '勘验', '初审'] },
  decide: { zh: '决定', en: 'Decide', alsoCalled: ['审批', '批准', '许可', '签发', '核准'] },
  deliver: { zh: '送达', en: 'Deliver', alsoCalled: ['告知', '发证', '办结', '公告', '制证'] },
  enforce: { zh: '执行', en: 'Enforce', alsoCalled: ['强制执行', '兑付', '拨付'] },
  supervise: { zh: '监督', en: 'Supervise', alsoCalled: ['事后监管', '监管', '督查'] },
  other: { zh: '其他', en: 'Other', alsoCalled: [] },
};

/** The duty a step name suggests (送达 → deliver, 调查 → review …), or null when no word matches. */
export function dutyOfName(name: string): StepDuty | null {
  for (const duty of STEP_DUTIES) {
    const l = DUTY_LABELS[duty];
    if (name.includes(l.zh) || l.alsoCalled.some((w) => name.includes(w))) return duty;
  }
  return null;
}

/** 廉政风险等级: 一级 is the highest. */
export const RISK_GRADES = [1, 2, 3] as const;
export type RiskGrade = (typeof RISK_GRADES)[number];
export const RISK_GRADE_LABELS: Record<RiskGrade, { zh: string; en: string; stars: string }> = {
  1: { zh: '一级（高）', en: 'Grade 1 (high)', stars: '★★★' },
  2: { zh: '二级（中）', en: 'Grade 2 (medium)', stars: '★★' },
  3: { zh: '三级（低）', en: 'Grade 3 (low)', stars: '★' },
};

const RISK_SOURCE = '中央纪委《关于加强廉政风险防控的指导意见》及各地权力运行廉政风险防控实践';

/** Categories of integrity risk; a county extends them through reference data (`code_label`, kind risk_category). */
export const RISK_CATEGORIES: readonly { code: string; zh: string; en: string; source: string }[] = Object.freeze([
  { code: 'discretion', zh: '自由裁量', en: 'Discretion', source: RISK_SOURCE },
  { code: 'bribery', zh: '吃拿卡要', en: 'Soliciting favours', source: RISK_SOURCE },
  { code: 'opacity', zh: '暗箱操作', en: 'Acting behind closed doors', source: RISK_SOURCE },
  { code: 'conflict', zh: '利益冲突', en: 'Conflict of interest', source: RISK_SOURCE },
  { code: 'abuse', zh: '滥用职权', en: 'Abuse of power', source: RISK_SOURCE },
  { code: 'dereliction', zh: '玩忽职守', en: 'Dereliction of duty', source: RISK_SOURCE },
  { code: 'favouritism', zh: '优亲厚友', en: 'Favouring relatives and friends', source: RISK_SOURCE },
  { code: 'leak', zh: '泄露信息', en: 'Leaking information', source: RISK_SOURCE },
]);

/**
 * Work that stops the clock (不计入期限): 行政许可法 第四十五条 — 听证、招标、拍卖、检验、检测、检疫、鉴定和专家评审.
 * A step doing one of these says which.
 */
export const CLOCK_STOP_REASONS = ['听证', '招标', '拍卖', '检验', '检测', '检疫', '鉴定', '专家评审'] as const;
export const CLOCK_STOP_SOURCE = '《中华人民共和国行政许可法》第四十五条';

/** The role a step's performer holds, in the accounts vocabulary. */
export const PERFORMER_ROLES = ['clerk', 'section_chief', 'leader', 'head', 'legal_reviewer', 'inspector', 'village_cadre'] as const;
export type PerformerRole = (typeof PERFORMER_ROLES)[number];
