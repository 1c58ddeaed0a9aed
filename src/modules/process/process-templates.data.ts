import { choice, end, flow, parallel, risk, step } from './process-builders.ts';
import type { ProcessDefinition, ProcessNode } from './process.rules.ts';

/**
 * Starting shapes for the common kinds of power, so a unit does not draw from nothing. Each follows the procedure the
 * law gives the kind (cited in `description`); step limits are a starting split that a unit fits to its item's limit.
 */
export interface ProcessTemplate {
  code: string;
  zh: string;
  en: string;
  description: string;
  /** Power categories the template suits (the editor offers it first for these). */
  categories: string[];
  process: ProcessDefinition;
}

const start: ProcessNode = { id: 'start', kind: 'start', name: '申请' };

const licensing: ProcessTemplate = {
  code: 'licensing',
  zh: '行政许可（含一次性告知补正）',
  en: 'Licence, with a request for missing materials',
  description:
    '受理 → 材料不全时一次性告知补正（补正后重新受理） → 审查 → 决定（准予/不予） → 送达。依据《行政许可法》第三十二条、第三十四条、第三十七条、第三十八条、第四十四条。',
  categories: ['licensing', 'confirmation', 'other'],
  process: {
    nodes: [
      start,
      step('accept', '受理', 'accept', 'clerk', 1, [
        risk(3, 'bribery', '对符合条件的申请不予受理或故意拖延', '一次性告知；受理时限公开；窗口全程录像', '窗口承办人'),
      ]),
      choice('complete', '材料是否齐全'),
      step('notify', '一次性告知补正', 'deliver', 'clerk', 0),
      step('review', '审查', 'review', 'section_chief', 10, [
        risk(1, 'discretion', '降低或提高审查标准，对不符合条件的申请予以通过', '审查标准公开；两人以上审查并签署意见；法制审核', '审批股股长'),
      ]),
      step('decide', '决定', 'decide', 'leader', 5, [risk(2, 'abuse', '超越权限或违反程序作出许可决定', '集体研究；审批意见留痕；纪检监督抽查', '分管领导')]),
      choice('result', '审批结果'),
      step('issue', '制证送达', 'deliver', 'clerk', 2),
      step('refuse', '书面告知不予许可理由', 'deliver', 'clerk', 2),
      end('done', '办结'),
      end('refused', '不予许可'),
      end('not_accepted', '不予受理'),
    ],
    flows: [
      flow('start', 'accept'),
      flow('accept', 'complete'),
      flow('complete', 'review', '齐全'),
      flow('complete', 'notify', '需补正'),
      flow('complete', 'not_accepted', '不予受理'),
      flow('notify', 'accept'),
      flow('review', 'decide'),
      flow('decide', 'result'),
      flow('result', 'issue', '准予'),
      flow('result', 'refuse', '不予'),
      flow('issue', 'done'),
      flow('refuse', 'refused'),
    ],
  },
};

const penalty: ProcessTemplate = {
  code: 'penalty',
  zh: '行政处罚（含告知与听证）',
  en: 'Penalty, with notice and hearing',
  description:
    '立案 → 调查取证 → 法制审核 → 告知陈述申辩和听证权利 → 当事人要求时听证（不计时） → 集体讨论决定 → 送达 → 执行。依据《行政处罚法》第五十四条至第六十七条。',
  categories: ['penalty', 'coercion', 'inspection', 'levy', 'adjudication'],
  process: {
    nodes: [
      { id: 'start', kind: 'start', name: '发现违法线索' },
      step('register', '立案', 'accept', 'section_chief', 7, [risk(3, 'dereliction', '对应当立案的案件不予立案', '线索登记台账；立案审批留痕', '执法股股长')]),
      step('investigate', '调查取证', 'review', 'clerk', 30, [
        risk(1, 'discretion', '选择性执法，调查取证不全面', '两名以上执法人员；执法记录仪全程记录', '执法人员'),
        risk(2, 'conflict', '与当事人有利害关系未回避', '回避制度；利害关系申报', '执法人员'),
      ]),
      step('legal_review', '法制审核', 'review', 'legal_reviewer', 5),
      step('notify', '告知陈述申辩和听证权利', 'deliver', 'clerk', 3),
      choice('hearing_asked', '是否要求听证'),
      step('hearing', '听证', 'review', 'section_chief', 0, [], { clockStop: '听证' }),
      step('decide', '集体讨论决定', 'decide', 'head', 5, [
        risk(1, 'discretion', '不按裁量基准确定处罚种类和幅度', '裁量基准公开；重大案件集体讨论；说明理由', '主要负责人'),
      ]),
      choice('outcome', '决定结果'),
      step('deliver', '送达处罚决定书', 'deliver', 'clerk', 7),
      step('enforce', '执行', 'enforce', 'clerk', 15, [risk(2, 'abuse', '擅自减免罚款或不按规定收缴', '罚缴分离；票据统一管理', '执法人员')]),
      end('closed', '结案'),
      end('no_penalty', '不予处罚'),
    ],
    flows: [
      flow('start', 'register'),
      flow('register', 'investigate'),
      flow('investigate', 'legal_review'),
      flow('legal_review', 'notify'),
      flow('notify', 'hearing_asked'),
      flow('hearing_asked', 'hearing', '要求听证'),
      flow('hearing_asked', 'decide', '放弃听证'),
      flow('hearing', 'decide'),
      flow('decide', 'outcome'),
      flow('outcome', 'deliver', '给予处罚'),
      flow('outcome', 'no_penalty', '不予处罚'),
      flow('deliver', 'enforce'),
      flow('enforce', 'closed'),
    ],
  },
};

const benefit: ProcessTemplate = {
  code: 'benefit',
  zh: '行政给付（含公示）',
  en: 'Benefit payment, with public notice',
  description: '申请受理 → 入户调查核实 → 公示（不少于 5 个工作日） → 审批 → 发放或书面告知不予给付。依据《社会救助暂行办法》第十一条等。',
  categories: ['benefit', 'reward', 'public_service'],
  process: {
    nodes: [
      start,
      step('accept', '申请受理', 'accept', 'clerk', 1),
      step('verify', '入户调查核实', 'review', 'clerk', 6, [
        risk(1, 'favouritism', '优亲厚友，对不符合条件的对象予以认定', '两人以上入户；民主评议；近亲属备案', '经办人员'),
      ]),
      step('notice', '公示', 'other', 'clerk', 5, [risk(3, 'opacity', '不公示或公示内容不全', '公示内容、期限统一规定；公示照片存档', '经办人员')]),
      step('approve', '审批', 'decide', 'leader', 3, [risk(2, 'abuse', '擅自提高或降低给付标准', '标准公开；系统比对；抽查复核', '分管领导')]),
      choice('result', '审批结果'),
      step('pay', '发放', 'enforce', 'clerk', 5),
      step('refuse', '书面告知不予给付理由', 'deliver', 'clerk', 2),
      end('done', '办结'),
      end('refused', '不予给付'),
    ],
    flows: [
      flow('start', 'accept'),
      flow('accept', 'verify'),
      flow('verify', 'notice'),
      flow('notice', 'approve'),
      flow('approve', 'result'),
      flow('result', 'pay', '准予'),
      flow('result', 'refuse', '不予'),
      flow('pay', 'done'),
      flow('refuse', 'refused'),
    ],
  },
};

const village: ProcessTemplate = {
  code: 'village',
  zh: '村级事项（四议两公开）',
  en: 'Village matter (four deliberations, two disclosures)',
  description:
    '村党组织提议 → 村“两委”会议商议 → 党员大会审议 → 村民（代表）会议决议 → 决议公开 → 实施结果公开。依据《中国共产党农村基层组织工作条例》第十九条、《村民委员会组织法》。',
  categories: ['village_micro'],
  process: {
    nodes: [
      { id: 'start', kind: 'start', name: '提出事项' },
      step('propose', '村党组织提议', 'other', 'village_cadre', 5),
      step('consult', '村“两委”会议商议', 'review', 'village_cadre', 5, [
        risk(2, 'opacity', '少数人决定，未经会议商议', '会议记录全程留痕；乡镇包村干部列席', '村党组织书记'),
      ]),
      step('deliberate', '党员大会审议', 'review', 'village_cadre', 5),
      step('resolve', '村民（代表）会议决议', 'decide', 'village_cadre', 5, [
        risk(1, 'conflict', '与本人或亲属有利害关系未回避', '利害关系回避；表决结果当场公布', '村民委员会主任'),
      ]),
      step('publish_resolution', '决议公开', 'deliver', 'village_cadre', 2),
      step('publish_result', '实施结果公开', 'supervise', 'village_cadre', 5, [
        risk(3, 'opacity', '实施结果不公开或公开不及时', '公开栏和阳光农廉网同步公开', '村务监督委员会'),
      ]),
      end('done', '办结'),
    ],
    flows: [
      flow('start', 'propose'),
      flow('propose', 'consult'),
      flow('consult', 'deliberate'),
      flow('deliberate', 'resolve'),
      flow('resolve', 'publish_resolution'),
      flow('publish_resolution', 'publish_result'),
      flow('publish_result', 'done'),
    ],
  },
};

const joint: ProcessTemplate = {
  code: 'joint',
  zh: '并联审批（多部门同时审查）',
  en: 'Joint approval (several units review at once)',
  description: '受理后本单位审查与相关单位会签同时进行，全部完成后作出决定。依据《行政许可法》第二十六条。',
  categories: ['licensing'],
  process: {
    nodes: [
      start,
      step('accept', '受理', 'accept', 'clerk', 1),
      parallel('split'),
      step('review_own', '本单位审查', 'review', 'section_chief', 8),
      step('review_joint', '相关单位会签', 'review', 'section_chief', 8, [], { performer: { role: 'section_chief', unit: 'named', unitCode: null } }),
      parallel('join'),
      step('decide', '决定', 'decide', 'leader', 3, [risk(2, 'abuse', '未待会签意见即作出决定', '系统控制：会签全部完成方可决定', '分管领导')]),
      step('deliver', '送达', 'deliver', 'clerk', 2),
      end('done', '办结'),
    ],
    flows: [
      flow('start', 'accept'),
      flow('accept', 'split'),
      flow('split', 'review_own'),
      flow('split', 'review_joint'),
      flow('review_own', 'join'),
      flow('review_joint', 'join'),
      flow('join', 'decide'),
      flow('decide', 'deliver'),
      flow('deliver', 'done'),
    ],
  },
};

export const PROCESS_TEMPLATES: readonly ProcessTemplate[] = Object.freeze([licensing, penalty, benefit, village, joint]);
