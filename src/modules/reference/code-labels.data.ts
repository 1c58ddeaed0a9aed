/**
 * Enumerations are stored as codes; their Chinese and English labels are reference data loaded by `sunlit migrate`
 * into `code_label`, so a province can relabel or extend them without a release.
 */
export interface CodeLabel {
  kind: string;
  code: string;
  zh: string;
  en: string;
}

import { DUTY_LABELS, RISK_CATEGORIES, RISK_GRADE_LABELS, STEP_DUTIES } from '../process/process-vocabulary.data.ts';

const kind = (k: string, rows: [string, string, string][]): CodeLabel[] => rows.map(([code, zh, en]) => ({ kind: k, code, zh, en }));

export const CODE_LABELS: CodeLabel[] = [
  ...kind('unit_type', [
    ['county', '县（区）', 'County'],
    ['department', '部门', 'Department'],
    ['section', '股室', 'Section'],
    ['township', '乡镇', 'Township'],
    ['village', '村（社区）', 'Village'],
  ]),
  ...kind('unit_status', [
    ['active', '有效', 'Active'],
    ['abolished', '已撤销', 'Abolished'],
    ['merged', '已合并', 'Merged'],
  ]),
  ...kind('role', [
    ['clerk', '承办人', 'Clerk'],
    ['section_chief', '股室负责人', 'Section chief'],
    ['leader', '分管领导', 'Leader in charge'],
    ['head', '主要负责人（一把手）', 'Head'],
    ['legal_reviewer', '法制审核员', 'Legal reviewer'],
    ['inspector', '纪检监察员', 'Discipline inspector'],
    ['village_cadre', '村干部', 'Village cadre'],
    ['sysadmin', '系统管理员', 'System administrator'],
    ['secadmin', '安全管理员', 'Security administrator'],
    ['auditor', '安全审计员', 'Security auditor'],
  ]),
  ...kind('account_status', [
    ['active', '正常', 'Active'],
    ['disabled', '已停用', 'Disabled'],
  ]),
  ...kind('alert_kind', [
    ['review.fourth_return', '第四次退回审查', 'Returned a fourth time in review'],
    ['case.overdue', '办件超期', 'Case overdue'],
    ['sod.blocked', '职责分离拦截', 'Separation-of-duties attempt blocked'],
  ]),
  ...kind('alert_severity', [
    ['high', '高', 'High'],
    ['medium', '中', 'Medium'],
    ['low', '低', 'Low'],
  ]),
  ...kind(
    'step_duty',
    STEP_DUTIES.map((d) => [d, DUTY_LABELS[d].zh, DUTY_LABELS[d].en]),
  ),
  ...kind(
    'risk_grade',
    ([1, 2, 3] as const).map((g) => [String(g), RISK_GRADE_LABELS[g].zh, RISK_GRADE_LABELS[g].en]),
  ),
  ...kind(
    'risk_category',
    RISK_CATEGORIES.map((c) => [c.code, c.zh, c.en]),
  ),
];
