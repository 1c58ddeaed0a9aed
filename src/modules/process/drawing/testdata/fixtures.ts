// Drawing inputs shared by the drawing tests, the draw.process benchmark and scripts/render-docs-drawings.ts: the
// particulars of an item, performer labels the way the process service builds them (单位 + 角色), and a realistic
// 酒类商品零售许可 process with risk points of all three grades.
import type { ProcessDefinition, StepNode } from '../../process.rules.ts';
import { RISK_CATEGORIES, type PerformerRole } from '../../process-vocabulary.data.ts';
import type { DrawingInput } from '../drawing.ts';

const ROLES: Record<PerformerRole, string> = {
  clerk: '经办人员',
  section_chief: '股室负责人',
  leader: '分管领导',
  head: '主要负责人',
  legal_reviewer: '法制审核人员',
  inspector: '执法人员',
  village_cadre: '村干部',
};
const UNITS: Record<string, string> = { ZRJ: '示范县自然资源局', HBJ: '市生态环境局示范分局', ZJJ: '示范县住房和城乡建设局' };

/** 单位 + 角色, as the process service labels a performer. */
export function performerLabel(step: StepNode): string {
  const p = step.performer;
  const unit = p.unit === 'own' ? '示范县经济和信息化局' : p.unit === 'parent' ? '上级单位' : p.unitCode ? (UNITS[p.unitCode] ?? p.unitCode) : '（未定单位）';
  return `${unit} ${p.role ? ROLES[p.role] : '（未定角色）'}`;
}

export const riskCategoryLabel = (code: string): string => RISK_CATEGORIES.find((c) => c.code === code)?.zh ?? code;

/** An item's particulars around `process`, overridable field by field. */
export function sampleInput(process: ProcessDefinition, over: Partial<DrawingInput> = {}): DrawingInput {
  return {
    title: '酒类商品零售许可',
    unitName: '示范县经济和信息化局',
    basis: ['《示范省酒类管理条例》第十三条、第十四条', '《中华人民共和国行政许可法》第三十二条、第三十四条、第三十七条、第三十八条、第四十四条'],
    supervisionPhone: '0000-5551234',
    statutoryLimit: 20,
    promisedLimit: 10,
    process,
    performerLabel,
    riskCategoryLabel,
    ...over,
  };
}

const own = (role: PerformerRole): StepNode['performer'] => ({ role, unit: 'own', unitCode: null });

/** 酒类商品零售许可: 受理 (补正 loop) → 审查 with 现场核查 → 决定 → 发证, risk points of grades 一级 to 三级. */
export const LIQUOR_RETAIL_LICENCE: ProcessDefinition = {
  nodes: [
    { id: 'start', kind: 'start', name: '申请人提交申请' },
    {
      id: 'accept',
      kind: 'step',
      name: '受理',
      duty: 'accept',
      performer: own('clerk'),
      limitDays: 1,
      clockStop: null,
      risks: [
        {
          grade: 3,
          category: 'bribery',
          description: '对符合条件的申请不予受理、故意拖延或刁难申请人',
          measures: '一次性告知；受理时限公开；窗口全程录像；好差评',
          post: '窗口受理人员',
        },
      ],
    },
    { id: 'complete', kind: 'exclusive', name: '材料是否齐全' },
    { id: 'notify', kind: 'step', name: '一次性告知补正材料', duty: 'deliver', performer: own('clerk'), limitDays: 0, clockStop: null, risks: [] },
    {
      id: 'review',
      kind: 'step',
      name: '审查（含现场核查）',
      duty: 'review',
      performer: own('section_chief'),
      limitDays: 5,
      clockStop: null,
      risks: [
        {
          grade: 1,
          category: 'discretion',
          description: '降低或提高审查标准，对不符合条件的申请予以通过',
          measures: '审查标准公开；两人以上现场核查并签署意见；核查照片存档',
          post: '酒类管理股股长',
        },
        {
          grade: 2,
          category: 'conflict',
          description: '审查人员与申请人有利害关系未回避',
          measures: '利害关系申报；回避制度；纪检抽查',
          post: '酒类管理股股长',
        },
      ],
    },
    {
      id: 'decide',
      kind: 'step',
      name: '决定',
      duty: 'decide',
      performer: own('leader'),
      limitDays: 2,
      clockStop: null,
      risks: [
        {
          grade: 2,
          category: 'abuse',
          description: '超越权限或违反程序作出许可决定',
          measures: '审批权限清单；审批意见系统留痕；集体研究疑难事项',
          post: '分管领导',
        },
      ],
    },
    { id: 'result', kind: 'exclusive', name: '是否准予许可' },
    {
      id: 'issue',
      kind: 'step',
      name: '制发酒类商品零售许可证',
      duty: 'deliver',
      performer: own('clerk'),
      limitDays: 2,
      clockStop: null,
      risks: [
        { grade: 3, category: 'bribery', description: '发证环节刁难申请人或收受好处', measures: '免费邮寄送达；发证登记；回访评价', post: '窗口受理人员' },
      ],
    },
    { id: 'refuse', kind: 'step', name: '书面告知不予许可理由及救济途径', duty: 'deliver', performer: own('clerk'), limitDays: 2, clockStop: null, risks: [] },
    { id: 'done', kind: 'end', name: '办结' },
    { id: 'refused', kind: 'end', name: '不予许可' },
    { id: 'not_accepted', kind: 'end', name: '不予受理' },
  ],
  flows: [
    { from: 'start', to: 'accept', outcome: null },
    { from: 'accept', to: 'complete', outcome: null },
    { from: 'complete', to: 'review', outcome: '齐全' },
    { from: 'complete', to: 'notify', outcome: '需补正' },
    { from: 'complete', to: 'not_accepted', outcome: '不属受理范围' },
    { from: 'notify', to: 'accept', outcome: null },
    { from: 'review', to: 'decide', outcome: null },
    { from: 'decide', to: 'result', outcome: null },
    { from: 'result', to: 'issue', outcome: '准予' },
    { from: 'result', to: 'refuse', outcome: '不予' },
    { from: 'issue', to: 'done', outcome: null },
    { from: 'refuse', to: 'refused', outcome: null },
  ],
};
