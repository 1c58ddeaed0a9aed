import type { PowerContent } from '../catalogue/power-item.rules.ts';
import type { ClockStopReason, Flow, Performer, ProcessDefinition, ProcessNode, RiskPoint } from '../process/process.rules.ts';
import type { PerformerRole, RiskGrade, StepDuty } from '../process/process-vocabulary.data.ts';
import { DEMO_SECOND_BATCH } from './demo-review.data.ts';
import { DEMO_UNITS } from './demo.data.ts';

/**
 * 示范县's processes (两图): one flowchart with its 廉政风险点 for every demo item, drawn from the item's category the
 * way the process templates are (licensing with 补正, penalty with 告知 and 听证, benefit with 公示, village matters
 * with 四议两公开) and varied by the item's name and a hash of its code, so that charts differ but every build is the
 * same. Step limits are split from the item's promised (else statutory) limit so that the longest path never exceeds
 * it; an item without a limit gets the nominal split.
 */

/** 酒类流通备案登记 of 经信局: the item whose 审查、许可、发证 are done by three different people (the seed article). */
export const DEMO_LIQUOR_LICENCE_CODE = 'JX-QR-001';

/** Items drawn as 并联审批: units that countersign (会签) while the item's own unit reviews. */
const JOINT: Record<string, { unit: string; what: string }[]> = {
  'ZJ-XK-001': [
    { unit: 'ZRJ', what: '核验建设工程规划许可' },
    { unit: 'HBJ', what: '核验环境影响评价审批' },
  ],
  // 《城市道路管理条例》第三十一条: work that affects traffic needs the consent of the traffic police.
  'ZJ-XK-009': [{ unit: 'GAJ', what: '交通安全审查' }],
  // 农经发〔2019〕6号: the township reviews 宅基地 jointly with 自然资源 on planning and land use.
  'DC-XK-001': [{ unit: 'ZRJ', what: '规划和用地审查' }],
  'BX-XK-001': [{ unit: 'ZRJ', what: '规划和用地审查' }],
  'MZ-XK-003': [{ unit: 'ZRJ', what: '用地审查' }],
};

/**
 * Promised limits the demo lowers in its second review batch (demo-review.data.ts): those items' processes fit the
 * lowered limit from the start, so that the revision which lowers it keeps a valid process.
 */
const LOWERED_LIMITS = new Map<string, number>(DEMO_SECOND_BATCH.changes.map((c) => [c.code, c.edit.promisedLimit]));

/** What the builder needs of an item's content. */
export type DemoProcessItem = Pick<PowerContent, 'name' | 'category' | 'statutoryLimit' | 'promisedLimit'>;

interface Posts {
  window: string;
  clerk: string;
  chief: string;
  leader: string;
  head: string;
}

interface Ctx {
  code: string;
  unit: string;
  name: string;
  category: string;
  /** promised ?? statutory, the limit the longest path is checked against. */
  limit: number | null;
  post: Posts;
}

const UNITS = new Map(DEMO_UNITS.map((u) => [u.code, u]));
const shortName = (code: string): string => (UNITS.get(code)?.name ?? code).replace(/^示范县/, '');

/** 责任岗位 names as the unit's own list would write them. */
function postsOf(unitCode: string): Posts {
  const u = UNITS.get(unitCode);
  const parent = u?.parent ? UNITS.get(u.parent) : undefined;
  const township = u?.type === 'township' || parent?.type === 'township';
  const section = u?.type === 'section' ? u.name : null;
  return {
    window: township ? '便民服务中心窗口人员' : '政务服务窗口受理人员',
    clerk: section ? `${section}经办人员` : township ? '乡镇经办人员' : '承办人员',
    chief: section ? `${section}${section.endsWith('股') ? '股长' : '主任'}` : township ? '乡镇业务办公室负责人' : '业务股室负责人',
    leader: township ? '乡镇分管领导' : '分管领导',
    head: township ? '乡镇主要负责人' : '主要负责人',
  };
}

/** FNV-1a: a stable number per string, so that variation is the same on every build. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i += 1) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
const pick = <T>(list: readonly T[], c: Ctx, salt: string): T => list[hash(`${c.code}:${salt}`) % list.length]!;

/**
 * Step limits: the nominal days when the item states no limit, else `limit` split in their proportions (largest
 * remainder, so the parts sum to exactly `limit`).
 */
function fit(limit: number | null, nominal: readonly number[]): number[] {
  if (limit === null) return [...nominal];
  const total = nominal.reduce((a, b) => a + b, 0);
  if (total === 0 || limit <= 0) return nominal.map(() => 0);
  const exact = nominal.map((w) => (limit * w) / total);
  const days = exact.map((x) => Math.floor(x));
  let left = limit - days.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, frac: x - Math.floor(x) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    days[i] = days[i]! + 1;
    left -= 1;
  }
  return days;
}

/** A risk as written in a list below: grade, category (RISK_CATEGORIES), description, measures. */
type R = readonly [grade: RiskGrade, category: string, description: string, measures: string];
const risk = ([grade, category, description, measures]: R, post: string): RiskPoint => ({ description, grade, category, measures, post });

interface StepOpts {
  clockStop?: ClockStopReason;
  /** Another unit performs the step: the item's parent unit, or a named one. */
  unit?: 'parent' | { named: string };
}

/** Collects nodes and flows; the start node is always `start`. */
class Chart {
  readonly nodes: ProcessNode[];
  readonly flows: Flow[] = [];
  constructor(startName: string) {
    this.nodes = [{ id: 'start', kind: 'start', name: startName }];
  }
  step(id: string, name: string, duty: StepDuty, role: PerformerRole, limitDays: number, risks: RiskPoint[] = [], opts: StepOpts = {}): this {
    const performer: Performer =
      opts.unit === undefined
        ? { role, unit: 'own', unitCode: null }
        : opts.unit === 'parent'
          ? { role, unit: 'parent', unitCode: null }
          : { role, unit: 'named', unitCode: opts.unit.named };
    this.nodes.push({ id, kind: 'step', name, duty, performer, limitDays, clockStop: opts.clockStop ?? null, risks });
    return this;
  }
  choice(id: string, name: string): this {
    this.nodes.push({ id, kind: 'exclusive', name });
    return this;
  }
  parallel(id: string): this {
    this.nodes.push({ id, kind: 'parallel', name: null });
    return this;
  }
  end(id: string, name: string): this {
    this.nodes.push({ id, kind: 'end', name });
    return this;
  }
  flow(from: string, to: string, outcome: string | null = null): this {
    this.flows.push({ from, to, outcome });
    return this;
  }
  /** Unnamed flows along `ids` in order. */
  chain(...ids: string[]): this {
    for (let i = 1; i < ids.length; i += 1) this.flow(ids[i - 1]!, ids[i]!);
    return this;
  }
  get process(): ProcessDefinition {
    return { nodes: this.nodes, flows: this.flows };
  }
}

// ── Approval and confirmation: 受理 with 补正, 审查, 决定 准予/不予, 送达 ────────────────────────

interface Words {
  /** 许可, 审批, 登记, 备案, 认定, 确认. */
  verb: string;
  decide: string;
  issue: string;
  refuse: string;
  refused: string;
  yes: string;
  no: string;
}

function wordsFor(c: Ctx): Words {
  if (c.category === 'licensing') {
    const issue = c.name.includes('证') ? '制证送达' : '送达准予许可决定书';
    return { verb: '许可', decide: '审批决定', issue, refuse: '书面告知不予许可理由', refused: '不予许可', yes: '准予', no: '不予' };
  }
  if (c.category === 'non_licensing_approval')
    return { verb: '批准', decide: '审批决定', issue: '送达批准文件', refuse: '书面告知不予批准理由', refused: '不予批准', yes: '批准', no: '不予批准' };
  const verb = c.name.includes('备案') ? '备案' : c.name.includes('登记') ? '登记' : c.name.includes('认定') ? '认定' : '确认';
  const decide = { 备案: '备案确认', 登记: '核准登记', 认定: '认定决定', 确认: '确认决定' }[verb]!;
  const issue = { 备案: '出具备案回执', 登记: '登簿发证', 认定: '送达认定结果', 确认: '出具确认结果' }[verb]!;
  return { verb, decide, issue, refuse: `书面告知不予${verb}理由`, refused: `不予${verb}`, yes: `予以${verb}`, no: `不予${verb}` };
}

const acceptRisks = (): R[] => [
  [3, 'bribery', '对符合条件的申请不予受理、故意拖延或刁难申请人', '受理条件和时限公开；窗口全程录像；“好差评”评价'],
  [3, 'dereliction', '未一次性告知需补正的全部材料，致使申请人多次往返', '补正告知书格式化并载明全部补正内容；补正记录留痕'],
  [3, 'conflict', '窗口人员为申请人指定中介或私下代办', '禁止指定中介；受理与审查岗位分设；投诉电话公开'],
];
const reviewRisks = (v: string): R[] => [
  [1, 'discretion', `降低或提高审查标准，对不符合条件的申请予以${v}`, '审查标准公开；两人以上审查并签署意见；审查记录留痕备查'],
  [1, 'conflict', '审查人员与申请人存在利害关系未回避，审查失之公允', '利害关系申报和回避制度；审查任务随机分派；纪检监督抽查'],
  [1, 'opacity', '审查意见不记录或私下更改审查结论', '审查意见全程网上留痕；疑难申请科室集体会审；纪检监督抽查'],
];
const decideRisks = (v: string): R[] => [
  [2, 'abuse', `超越权限或违反程序作出${v}决定`, '集体研究；审批意见留痕；纪检监督抽查'],
  [2, 'abuse', '对审查未通过的申请签批准予，或无正当理由压件不批', '审批时限电子监察，超期自动预警；签批理由书面记录'],
  [2, 'favouritism', `为亲友或特定关系人违规${v}或加快办理`, '按受理顺序办理；近亲属回避；办理结果公开'],
];
const siteRisks: R[] = [
  [2, 'bribery', '现场核查时接受吃请、礼品或借机刁难', '两人以上核查并全程记录；核查人员随机选派；核查结果当场签字确认'],
  [2, 'dereliction', '现场核查走过场，核查记录与实际不符', '核查影像资料存档；股室负责人抽查复核'],
];
const issueRisks: R[] = [
  [3, 'leak', '泄露申请人的商业秘密或个人信息', '档案查阅权限管理；保密承诺；调阅留痕'],
  [3, 'dereliction', '未按时制证送达或送达手续不全', '送达回证存档；办理结果网上公开'],
];
const EXPERT_RISK: R = [2, 'conflict', '评审专家与申请人存在利害关系，评审意见失之公允', '专家从专家库随机抽取；利害关系回避；评审意见署名存档'];
const JOINT_RISK: R = [2, 'dereliction', '会签单位推诿扯皮、逾期不出具意见', '会签时限系统控制；逾期由政务服务中心督办并通报'];

/** Items that are inspected on site before a decision (a place, works or goods to be seen). */
const SITE = /施工|经营|生产|采砂|采矿|林木|林地|墓地|旅馆|零售|取水|排污|消防验收|临时|砍伐|户外广告|焰火|养老机构|首次登记/;
/** Items whose technical documents an expert panel reviews (不计入期限, 行政许可法第四十五条). */
const EXPERT = /评价|方案审批|初步设计|消防设计|节能审查|压覆/;

/** 受理 → 补正 loop → 审查 (or 并联会签) → [专家评审] → [现场核查] → 决定 → 准予/不予 → 送达. */
function approvalChart(c: Ctx): ProcessDefinition {
  const w = wordsFor(c);
  if (c.limit !== null && c.limit <= 1) return instantApproval(c, w);
  const joint = JOINT[c.code];
  const approval = c.category === 'licensing' || c.category === 'non_licensing_approval';
  const site = !joint && (c.limit === null || c.limit >= 5) && (SITE.test(c.name) || hash(c.code) % 4 === 0);
  const expert = !joint && EXPERT.test(c.name);
  const accept = c.limit !== null && c.limit < 10 ? 0 : 1;
  // 受理 is counted twice: the 补正 loop runs through it again.
  const rest = c.limit === null ? null : c.limit - 2 * accept;
  const [review, siteDays, decide, issue] = fit(rest, [10, site ? 3 : 0, 5, 2]) as [number, number, number, number];
  const byHead = c.limit !== null && c.limit >= 20;

  const ch = new Chart('申请')
    .step('accept', '受理', 'accept', 'clerk', accept, [risk(pick(acceptRisks(), c, 'accept'), c.post.window)])
    .choice('complete', '材料是否齐全')
    .step('notify', '一次性告知补正', 'deliver', 'clerk', 0)
    .end('not_accepted', '不予受理')
    .chain('start', 'accept', 'complete')
    .flow('complete', 'notify', '需补正')
    .flow('notify', 'accept')
    .flow('complete', 'not_accepted', '不予受理');

  const reviewRisk = risk(pick(reviewRisks(w.verb), c, 'review'), c.post.chief);
  let last: string;
  if (joint) {
    ch.parallel('split').flow('complete', 'split', '齐全');
    ch.step('review', '本单位审查', 'review', 'section_chief', review, [reviewRisk]).flow('split', 'review');
    ch.parallel('join').flow('review', 'join');
    for (const j of joint) {
      const id = `countersign_${j.unit}`;
      ch.step(id, `${shortName(j.unit)}会签（${j.what}）`, 'review', 'section_chief', review, [risk(JOINT_RISK, `${shortName(j.unit)}承办股室负责人`)], {
        unit: { named: j.unit },
      });
      ch.flow('split', id).flow(id, 'join');
    }
    last = 'join';
  } else {
    ch.step('review', '审查', 'review', 'section_chief', review, [reviewRisk]).flow('complete', 'review', '齐全');
    last = 'review';
    if (expert) {
      ch.step('expert', '专家评审', 'review', 'section_chief', 0, [risk(EXPERT_RISK, c.post.chief)], { clockStop: '专家评审' }).flow(last, 'expert');
      last = 'expert';
    }
    if (site) {
      ch.step('site_check', '现场核查', 'review', 'clerk', siteDays, [risk(pick(siteRisks, c, 'site'), '现场核查人员')]).flow(last, 'site_check');
      last = 'site_check';
    }
  }
  const issueRisk = approval || hash(c.code) % 2 === 0 ? [risk(pick(issueRisks, c, 'issue'), c.post.clerk)] : [];
  ch.step('decide', byHead ? '集体研究决定' : w.decide, 'decide', byHead ? 'head' : 'leader', decide, [
    risk(pick(decideRisks(w.verb), c, 'decide'), byHead ? c.post.head : c.post.leader),
  ])
    .choice('result', '审批结果')
    .step('issue', w.issue, 'deliver', 'clerk', issue, issueRisk)
    .step('refuse', w.refuse, 'deliver', 'clerk', issue)
    .end('done', '办结')
    .end('refused', w.refused)
    .chain(last, 'decide', 'result')
    .flow('result', 'issue', w.yes)
    .flow('result', 'refuse', w.no)
    .chain('issue', 'done')
    .chain('refuse', 'refused');
  return ch.process;
}

/** 即办 (a promise of a working day or less): 受理 and 审核 at the window, the result handed over at once. */
function instantApproval(c: Ctx, w: Words): ProcessDefinition {
  const approval = c.category === 'licensing' || c.category === 'non_licensing_approval';
  const risks = approval
    ? [risk(pick(reviewRisks(w.verb), c, 'review'), c.post.chief), risk(pick(decideRisks(w.verb), c, 'decide'), c.post.chief)]
    : [risk(pick(decideRisks(w.verb), c, 'decide'), c.post.chief)];
  return new Chart('申请')
    .step('accept', '受理', 'accept', 'clerk', 0, [risk(pick(acceptRisks(), c, 'accept'), c.post.window)])
    .choice('complete', '材料是否齐全')
    .step('notify', '一次性告知补正', 'deliver', 'clerk', 0)
    .step('decide', `审核${w.verb}（即办）`, 'decide', 'section_chief', c.limit ?? 1, risks)
    .choice('result', '审核结果')
    .step('issue', `当场${w.issue}`, 'deliver', 'clerk', 0)
    .step('refuse', `当场${w.refuse}`, 'deliver', 'clerk', 0)
    .end('done', '办结')
    .end('refused', w.refused)
    .end('not_accepted', '不予受理')
    .chain('start', 'accept', 'complete')
    .flow('complete', 'decide', '齐全')
    .flow('complete', 'notify', '需补正')
    .flow('complete', 'not_accepted', '不予受理')
    .flow('notify', 'accept')
    .flow('decide', 'result')
    .flow('result', 'issue', w.yes)
    .flow('result', 'refuse', w.no)
    .chain('issue', 'done')
    .chain('refuse', 'refused').process;
}

/**
 * The liquor item: 受理, then 审查、许可、发证 as three duties for three people (股长, 分管领导, 经办人员), which the
 * item's own separation rule requires of every case.
 */
function liquorChart(c: Ctx): ProcessDefinition {
  const [review, decide, issue] = fit(c.limit, [1, 1, 1]) as [number, number, number];
  const chart = new Chart('申请')
    .step('accept', '受理', 'accept', 'clerk', 0, [
      risk([3, 'bribery', '对符合条件的备案登记申请不予受理或故意拖延', '受理条件和时限公开；一次性告知；窗口全程录像'], c.post.window),
    ])
    .choice('complete', '材料是否齐全')
    .step('notify', '一次性告知补正', 'deliver', 'clerk', 0)
    .step('review', '审查', 'review', 'section_chief', review, [
      risk([1, 'discretion', '降低审查标准，为未取得食品经营许可的经营者办理登记', '审查要点公开；与市场监管部门许可信息比对；审查意见留痕'], c.post.chief),
    ])
    .step('decide', '许可', 'decide', 'leader', decide, [
      risk([2, 'abuse', '审查与许可由同一人完成，或超越权限签批', '审查、许可、发证分别由三人负责；签批意见系统留痕'], c.post.leader),
    ])
    .choice('result', '许可结果')
    .step('issue', '发证', 'deliver', 'clerk', issue, [
      risk([3, 'leak', '泄露经营者的经营信息或违规补发、代领登记证', '证件领取凭身份证明签收；发证台账；信息查阅留痕'], c.post.clerk),
    ])
    .step('refuse', '书面告知不予许可理由', 'deliver', 'clerk', issue)
    .end('done', '办结')
    .end('refused', '不予许可')
    .end('not_accepted', '不予受理')
    .chain('start', 'accept', 'complete')
    .flow('complete', 'review', '齐全')
    .flow('complete', 'notify', '需补正')
    .flow('complete', 'not_accepted', '不予受理')
    .flow('notify', 'accept')
    .chain('review', 'decide', 'result')
    .flow('result', 'issue', '准予')
    .flow('result', 'refuse', '不予')
    .chain('issue', 'done')
    .chain('refuse', 'refused').process;
  return { ...chart, separations: [{ duties: ['review', 'decide', 'deliver'], reason: '审查、许可、发证分别由三人负责（经信局酒类流通备案登记）' }] };
}

// ── Penalty and coercion: 告知 and 听证 before the decision ─────────────────────────────────

const HEARING_RISK: R = [2, 'conflict', '听证主持人由案件调查人员担任或偏听一方', '听证主持人由非调查人员担任；听证全程录音录像；听证笔录当事人签字'];
const investigateRisks: R[] = [
  [1, 'discretion', '选择性执法，调查取证不全面或隐匿、篡改证据', '两名以上执法人员；执法记录仪全程记录；证据清单当事人签字确认'],
  [1, 'discretion', '对同类违法行为区别对待，人情执法', '执法全过程记录；案件统一编号、网上流转；同类案件定期比对'],
];
const penaltyDecideRisks: R[] = [
  [1, 'discretion', '不按裁量基准确定处罚种类和幅度，畸轻畸重', '裁量基准公开；重大案件集体讨论；说明裁量理由'],
  [1, 'abuse', '以罚代刑，对涉嫌犯罪的案件不移送司法机关', '行政执法与刑事司法衔接平台；移送标准公开；法制审核把关'],
];

/** 立案 → 调查取证 → [案件审理] → 法制审核 → 告知 → 听证（要求时） → 决定 → 送达 → 执行. */
function penaltyChart(c: Ctx): ProcessDefinition {
  const h = hash(c.code);
  const trial = h % 3 === 0;
  const collective = h % 2 === 0;
  const days = fit(c.limit, [5, 30, trial ? 5 : 0, 5, 3, 5, 7, 15]);
  const [register, investigate, trialDays, legal, notify, decide, deliver, enforce] = days as [number, number, number, number, number, number, number, number];
  const ch = new Chart('发现违法线索')
    .step('register', '立案', 'accept', 'section_chief', register, [
      risk([3, 'dereliction', '对应当立案的违法线索不予立案或拖延立案', '线索登记台账；立案审批留痕；举报线索办理情况定期通报'], c.post.chief),
    ])
    .step('investigate', '调查取证', 'review', 'clerk', investigate, [
      risk(pick(investigateRisks, c, 'investigate'), '执法人员'),
      ...(h % 2 === 1 ? [risk([2, 'conflict', '执法人员与当事人有利害关系未回避', '回避制度；利害关系申报；案件随机分派'], '执法人员')] : []),
    ])
    .chain('start', 'register', 'investigate');
  let last = 'investigate';
  if (trial) {
    ch.step('trial', '案件审理', 'review', 'section_chief', trialDays, [
      risk([2, 'discretion', '审理中降低证据标准或改变案件定性', '审理与调查分离；审理意见书面记录'], c.post.chief),
    ]).flow(last, 'trial');
    last = 'trial';
  }
  ch.step('legal_review', '法制审核', 'review', 'legal_reviewer', legal, [
    risk([2, 'dereliction', '法制审核走过场，未发现事实不清、适用依据错误等问题', '法制审核清单化；审核意见书面出具并存档'], '法制审核人员'),
  ])
    .step('notify', '告知陈述申辩和听证权利', 'deliver', 'clerk', notify, [
      risk([3, 'dereliction', '未依法告知当事人陈述、申辩和要求听证的权利', '告知书格式文本；送达回证存档'], '执法人员'),
    ])
    .choice('hearing_asked', '是否要求听证')
    .step('hearing', '听证', 'review', 'section_chief', 0, [risk(HEARING_RISK, c.post.chief)], { clockStop: '听证' })
    .step('decide', collective ? '集体讨论决定' : '负责人审批决定', 'decide', collective ? 'head' : 'leader', decide, [
      risk(pick(penaltyDecideRisks, c, 'decide'), collective ? c.post.head : c.post.leader),
    ])
    .choice('outcome', '决定结果')
    .step('deliver', '送达处罚决定书', 'deliver', 'clerk', deliver)
    .step('enforce', '执行', 'enforce', 'clerk', enforce, [
      risk([2, 'abuse', '擅自减免罚款或不按规定收缴罚没款', '罚缴分离；罚没票据统一管理；罚没物品公开处置'], '执法人员'),
    ])
    .end('closed', '结案')
    .end('no_penalty', '不予处罚')
    .chain(last, 'legal_review', 'notify', 'hearing_asked')
    .flow('hearing_asked', 'hearing', '要求听证')
    .flow('hearing_asked', 'decide', '放弃听证')
    .chain('hearing', 'decide', 'outcome')
    .flow('outcome', 'deliver', '给予处罚')
    .flow('outcome', 'no_penalty', '不予处罚')
    .chain('deliver', 'enforce', 'closed');
  return ch.process;
}

/** Measures taken on the spot (约束、传唤、紧急清障、立即代履行): approval follows within 24 hours, no hearing first. */
const IMMEDIATE = /约束|传唤|紧急|立即/;
/** 强制执行 of a decision already made (代履行、拆除、申请法院执行): 催告 first. */
const EXECUTION = /代为|代履行|拆除|强制执行/;

function coercionChart(c: Ctx): ProcessDefinition {
  if (IMMEDIATE.test(c.name)) {
    const [approve, release] = fit(c.limit, [1, 1]) as [number, number];
    return new Chart('发现需当场采取强制措施的情形')
      .step('implement', '当场实施', 'enforce', 'clerk', 0, [
        risk([1, 'abuse', '无法定情形当场实施强制措施，或超过必要限度', '两名以上执法人员；执法记录仪全程记录；现场笔录当事人签字'], '执法人员'),
      ])
      .step('notify', '当场告知理由、依据和救济途径', 'deliver', 'clerk', 0, [
        risk([3, 'dereliction', '未告知当事人采取强制措施的理由、依据和救济途径', '告知内容写入现场笔录；执法记录仪记录'], '执法人员'),
      ])
      .step('approve', '报告负责人并补办批准手续', 'decide', 'leader', approve, [
        risk([2, 'dereliction', '事后不在二十四小时内补办批准手续或不如实报告', '补办手续系统预警；执法监督部门定期核查'], c.post.leader),
      ])
      .step('release', '依法解除或移交处理', 'enforce', 'clerk', release)
      .end('closed', '结案')
      .chain('start', 'implement', 'notify', 'approve', 'release', 'closed').process;
  }
  if (EXECUTION.test(c.name)) {
    const [remind, legal, decide, implement] = fit(c.limit, [10, 3, 5, 10]) as [number, number, number, number];
    const how = c.name.includes('申请人民法院') ? '申请人民法院强制执行' : c.name.includes('代') ? '组织代履行' : '组织实施强制执行';
    const implementRisk: R = c.name.includes('代')
      ? [2, 'conflict', '指定代履行单位时暗箱操作、利益输送', '代履行单位公开比选；费用按成本核定并公开']
      : [2, 'abuse', '实施中野蛮执法、损毁当事人财物', '实施前公告；执法记录仪全程记录；财物登记造册'];
    return new Chart('当事人逾期不履行行政决定')
      .step('remind', '催告履行义务', 'deliver', 'clerk', remind, [
        risk([3, 'dereliction', '未书面催告或未告知当事人陈述、申辩和要求听证的权利', '催告书格式文本；送达回证存档'], '执法人员'),
      ])
      .choice('hearing_asked', '是否要求听证')
      .step('hearing', '听证', 'review', 'section_chief', 0, [risk(HEARING_RISK, c.post.chief)], { clockStop: '听证' })
      .step('legal_review', '法制审核', 'review', 'legal_reviewer', legal)
      .step('decide', '作出强制执行决定', 'decide', 'head', decide, [
        risk([1, 'abuse', '违法作出强制执行决定或扩大执行范围', '集体讨论；法制审核；决定书载明救济途径'], c.post.head),
      ])
      .step('implement', how, 'enforce', 'clerk', implement, [risk(implementRisk, '执法人员')])
      .end('closed', '结案')
      .chain('start', 'remind', 'hearing_asked')
      .flow('hearing_asked', 'hearing', '要求听证')
      .flow('hearing_asked', 'legal_review', '放弃听证')
      .chain('hearing', 'legal_review', 'decide', 'implement', 'closed').process;
  }
  // 查封、扣押、扣留、隔离: 行政强制法第二十五条 gives thirty days, most of it until the decision.
  const [approve, notify, implement, legal, decide, after] = fit(c.limit, [1, 1, 1, 3, 22, 2]) as [number, number, number, number, number, number];
  return new Chart('发现需采取强制措施的情形')
    .step('approve', '报请负责人批准', 'decide', 'leader', approve, [
      risk([1, 'abuse', '未经批准或超越权限实施强制措施', '实施前报批留痕；紧急实施后二十四小时内补办批准手续'], c.post.leader),
    ])
    .step('notify', '告知理由、依据和权利', 'deliver', 'clerk', notify, [
      risk([3, 'dereliction', '未通知当事人到场或未告知陈述、申辩和要求听证的权利', '告知内容写入现场笔录；执法记录仪记录'], '执法人员'),
    ])
    .step('implement', '实施并制作现场笔录和清单', 'enforce', 'clerk', implement, [
      risk([1, 'abuse', '扩大查封、扣押范围，或查封、扣押与违法行为无关的财物', '现场笔录和清单当事人签字；执法记录仪全程记录'], '执法人员'),
    ])
    .choice('hearing_asked', '是否要求听证')
    .step('hearing', '听证', 'review', 'section_chief', 0, [risk(HEARING_RISK, c.post.chief)], { clockStop: '听证' })
    .step('legal_review', '法制审核', 'review', 'legal_reviewer', legal)
    .step('decide', '作出处理决定', 'decide', 'head', decide, [
      risk([2, 'dereliction', '超期查封扣押或未及时解除，造成当事人财物损失', '期限系统预警；查封扣押财物专人专库保管、台账管理'], c.post.head),
    ])
    .choice('outcome', '处理结果')
    .step('release', '解除并退还财物', 'enforce', 'clerk', after)
    .step('deliver', '送达处理决定书', 'deliver', 'clerk', after)
    .end('done', '办结')
    .end('closed', '结案')
    .chain('start', 'approve', 'notify', 'implement', 'hearing_asked')
    .flow('hearing_asked', 'hearing', '要求听证')
    .flow('hearing_asked', 'legal_review', '放弃听证')
    .chain('hearing', 'legal_review', 'decide', 'outcome')
    .flow('outcome', 'release', '解除')
    .flow('outcome', 'deliver', '依法处理')
    .chain('release', 'done')
    .chain('deliver', 'closed').process;
}

// ── Benefit, reward and public service: 审核, 公示, 审批, 发放 ──────────────────────────────

const FAVOUR_RISK: R = [1, 'favouritism', '优亲厚友，将不符合条件的对象纳入给付范围', '两人以上入户核查；民主评议；经办人员近亲属备案'];
const NOTICE_RISK: R = [3, 'opacity', '不公示或公示内容不全、期限不足', '公示内容、期限统一规定；公示照片存档'];
const PAY_RISK: R = [2, 'abuse', '截留、挪用、克扣给付资金', '资金通过“一卡通”直达个人账户；发放名册公开；定期审计'];
const SERVICE_RISKS: R[] = [
  [3, 'dereliction', '推诿扯皮、拖延办理或未一次性告知', '首问负责；一次性告知；办理时限公开'],
  [3, 'bribery', '借办理之机吃拿卡要、刁难服务对象', '服务标准公开；“好差评”评价；监督电话公开'],
];
const LEAK_RISK: R = [2, 'leak', '泄露投诉举报人、查询对象的个人信息', '信息专人管理、分级授权；查询、调阅留痕；保密承诺'];

/** 即办 services and benefits: 受理, then 审核办理 within the working day. */
function instantService(c: Ctx): ProcessDefinition {
  const benefit = c.category === 'benefit';
  const r: R = benefit
    ? [2, 'abuse', '对不符合条件的对象予以救助或减免', '救助、减免标准公开；审核记录留痕；定期抽查复核']
    : /查询|档案|证明/.test(c.name)
      ? LEAK_RISK
      : pick(SERVICE_RISKS, c, 'service');
  return new Chart('申请')
    .step('accept', '受理', 'accept', 'clerk', 0)
    .step('handle', benefit ? '审核办理（即办）' : '即时办理', 'decide', benefit ? 'section_chief' : 'clerk', c.limit ?? 1, [
      risk(r, benefit ? c.post.chief : c.post.window),
    ])
    .end('done', '办结')
    .chain('start', 'accept', 'handle', 'done').process;
}

/** 申请受理 → 调查核实 → [公示] → 审批 → 发放 or 书面告知不予给付. */
function benefitChart(c: Ctx): ProcessDefinition {
  if (c.limit !== null && c.limit <= 1) return instantService(c);
  const notice = c.limit === null || c.limit >= 10;
  const accept = notice ? 1 : 0;
  const rest = c.limit === null ? null : c.limit - accept - (notice ? 5 : 0);
  const [verify, approve, pay] = fit(rest, [6, 3, 5]) as [number, number, number];
  const visit = /救助|生活保障|特困|供养|残疾|孤儿|无人抚养|危房|抚恤/.test(c.name);
  const ch = new Chart('申请')
    .step('accept', '申请受理', 'accept', 'clerk', accept)
    .step('verify', visit ? '入户调查核实' : '审核核实', 'review', 'clerk', verify, [risk(FAVOUR_RISK, c.post.clerk)])
    .chain('start', 'accept', 'verify');
  let last = 'verify';
  if (notice) {
    ch.step('notice', '公示', 'other', 'clerk', 5, [risk(NOTICE_RISK, c.post.clerk)]).flow(last, 'notice');
    last = 'notice';
  }
  return ch
    .step('approve', '审批', 'decide', 'leader', approve, [risk([2, 'abuse', '擅自提高或降低给付标准', '标准公开；系统比对；抽查复核'], c.post.leader)])
    .choice('result', '审批结果')
    .step('pay', '发放', 'enforce', 'clerk', pay, [risk(PAY_RISK, c.post.clerk)])
    .step('refuse', '书面告知不予给付理由', 'deliver', 'clerk', Math.min(pay, 2))
    .end('done', '办结')
    .end('refused', '不予给付')
    .chain(last, 'approve', 'result')
    .flow('result', 'pay', '准予')
    .flow('result', 'refuse', '不予')
    .chain('pay', 'done')
    .chain('refuse', 'refused').process;
}

/** 表彰: 方案 → 推荐 → 审核 → 公示 (异议 核实) → 决定 → 兑现; 举报奖励 keeps the informant unnamed (no 公示). */
function rewardChart(c: Ctx): ProcessDefinition {
  if (/举报|检举/.test(c.name)) {
    const [accept, verify, decide, pay] = fit(c.limit, [3, 10, 5, 10]) as [number, number, number, number];
    return new Chart('举报查证属实')
      .step('accept', '受理奖励申请', 'accept', 'clerk', accept)
      .step('verify', '核实举报查证情况', 'review', 'section_chief', verify, [
        risk([1, 'leak', '泄露举报人身份信息', '举报人信息专人保管、加密存储；奖励兑付保密'], c.post.chief),
      ])
      .step('decide', '研究确定奖励金额', 'decide', 'leader', decide, [
        risk([2, 'discretion', '擅自提高或降低奖励标准', '奖励标准公开；集体研究；审批留痕'], c.post.leader),
      ])
      .step('pay', '兑付奖金', 'enforce', 'clerk', pay, [risk([2, 'abuse', '截留、冒领奖励资金', '奖金由举报人本人签收或转账；兑付台账'], c.post.clerk)])
      .end('done', '办结')
      .chain('start', 'accept', 'verify', 'decide', 'pay', 'done').process;
  }
  const [plan, recommend, verify, recheck, decide, pay] = fit(c.limit, [5, 10, 10, 5, 5, 10]) as [number, number, number, number, number, number];
  return new Chart('启动评选')
    .step('plan', '制定奖励方案', 'other', 'section_chief', plan)
    .step('recommend', '组织申报推荐', 'accept', 'clerk', recommend)
    .step('verify', '审核', 'review', 'section_chief', verify, [
      risk([1, 'favouritism', '评选中优亲厚友、弄虚作假，使不符合条件的对象获得奖励', '评选条件公开；集体评审；结果公示'], c.post.chief),
    ])
    .step('notice', '公示', 'other', 'clerk', 5, [risk(NOTICE_RISK, c.post.clerk)])
    .choice('objection', '公示有无异议')
    .step('recheck', '核实异议', 'review', 'section_chief', recheck)
    .step('decide', '研究决定表彰奖励', 'decide', 'head', decide, [
      risk([2, 'abuse', '未经集体研究或超出方案确定奖励对象和标准', '集体研究；决定文件公开'], c.post.head),
    ])
    .step('pay', '兑现奖励并建档', 'enforce', 'clerk', pay, [risk([2, 'abuse', '截留、挪用奖励资金', '奖励资金直达个人或单位账户；兑现台账'], c.post.clerk)])
    .end('done', '办结')
    .chain('start', 'plan', 'recommend', 'verify', 'notice', 'objection')
    .flow('objection', 'decide', '无异议')
    .flow('objection', 'recheck', '有异议')
    .chain('recheck', 'decide', 'pay', 'done').process;
}

/** 信息发布 items publish; others take a request and answer it. */
function publicServiceChart(c: Ctx): ProcessDefinition {
  if (/发布|公开|公示/.test(c.name)) {
    const [gather, review, sign, publish] = fit(c.limit, [2, 1, 1, 1]) as [number, number, number, number];
    return new Chart('信息形成')
      .step('gather', '信息收集整理', 'other', 'clerk', gather)
      .step('review', '审核', 'review', 'section_chief', review, [
        risk([2, 'leak', '发布前未经保密审查，泄露不应公开的信息', '发布前保密审查；审核意见留痕'], c.post.chief),
      ])
      .step('sign', '领导审签', 'decide', 'leader', sign)
      .step('publish', '发布', 'deliver', 'clerk', publish, [
        risk([3, 'opacity', '信息发布不及时、不准确或选择性发布', '发布时限公开；发布内容存档备查'], c.post.clerk),
      ])
      .end('done', '办结')
      .chain('start', 'gather', 'review', 'sign', 'publish', 'done').process;
  }
  if (c.limit !== null && c.limit <= 1) return instantService(c);
  const [accept, handle, check, reply] = fit(c.limit, [1, 2, 1, 1]) as [number, number, number, number];
  const r = /投诉|举报|热线|查询|档案|证明/.test(c.name) ? LEAK_RISK : pick(SERVICE_RISKS, c, 'service');
  return new Chart('申请')
    .step('accept', '受理', 'accept', 'clerk', accept)
    .step('handle', '办理', 'review', 'clerk', handle, [risk(r, c.post.clerk)])
    .step('check', '审核', 'decide', 'section_chief', check)
    .step('reply', '答复并出具结果', 'deliver', 'clerk', reply)
    .end('done', '办结')
    .chain('start', 'accept', 'handle', 'check', 'reply', 'done').process;
}

// ── Inspection, levy, adjudication, other ─────────────────────────────────────────────

function inspectionChart(c: Ctx): ProcessDefinition {
  const h = hash(c.code);
  const draw = h % 2 === 0 || /随机|抽查/.test(c.name);
  const recheck = h % 3 === 0;
  const [plan, inspect, handle, follow, archive] = fit(c.limit, [2, 5, 3, recheck ? 10 : 0, 2]) as [number, number, number, number, number];
  const inspectRisk: R = pick(
    [
      [1, 'bribery', '利用检查之机吃拿卡要、刁难检查对象', '两人以上检查并出示执法证件；执法记录仪全程记录；检查结果当场签字确认'],
      [1, 'dereliction', '检查走过场，对发现的违法问题隐瞒不报', '检查记录表格化；检查结果公开；股室负责人抽查复核'],
    ],
    c,
    'inspect',
  );
  const ch = new Chart('启动检查')
    .step('plan', draw ? '双随机抽取检查对象和执法人员' : '制定检查方案', 'other', 'section_chief', plan, [
      risk(
        draw
          ? [3, 'opacity', '不按规定随机抽取，人为指定检查对象', '“双随机、一公开”系统抽取；抽取过程留痕；抽查结果公开']
          : [3, 'opacity', '检查对象选择随意，选择性检查', '年度检查计划公开；检查频次按风险分级确定'],
        c.post.chief,
      ),
    ])
    .step('inspect', '实施检查', 'review', 'clerk', inspect, [risk(inspectRisk, '执法人员')])
    .choice('found', '检查结果')
    .step('handle', '处理决定', 'decide', 'leader', handle, [
      risk([2, 'discretion', '对检查发现的问题不依法处理或以罚代管', '问题清单销号管理；处理意见集体研究；应当立案的移交立案'], c.post.leader),
    ])
    .step('archive', '归档并公开检查结果', 'other', 'clerk', archive)
    .end('done', '办结')
    .chain('start', 'plan', 'inspect', 'found')
    .flow('found', 'archive', '未发现问题')
    .flow('found', 'handle', '发现问题');
  if (recheck) ch.step('follow', '整改复查', 'supervise', 'clerk', follow).chain('handle', 'follow', 'archive');
  else ch.flow('handle', 'archive');
  return ch.chain('archive', 'done').process;
}

function levyChart(c: Ctx): ProcessDefinition {
  const [accept, review, decide, relief, notice, collect] = fit(c.limit, [3, 5, 2, 5, 2, 5]) as [number, number, number, number, number, number];
  return new Chart('缴纳义务发生')
    .step('accept', '受理申报', 'accept', 'clerk', accept, [
      risk([3, 'dereliction', '对应当征收的对象漏征、少征', '征收对象台账管理；与相关部门信息比对'], c.post.clerk),
    ])
    .step('review', '审核核定', 'review', 'section_chief', review, [
      risk([1, 'discretion', '擅自改变征收标准或核定金额', '征收标准公开；核定结果两人复核；系统自动计算'], c.post.chief),
    ])
    .step('decide', '作出征收决定', 'decide', 'leader', decide)
    .choice('relief_asked', '是否申请减免缓缴')
    .step('relief', '减免缓缴审批', 'decide', 'head', relief, [
      risk([2, 'favouritism', '违规为关系人减免、缓缴', '减免缓缴条件公开；集体研究；结果公示'], c.post.head),
    ])
    .step('notice', '送达缴款通知书', 'deliver', 'clerk', notice)
    .step('collect', '征收入库', 'enforce', 'clerk', collect, [
      risk([2, 'abuse', '截留、挪用、坐支征收款项', '票款分离，款项直接缴入国库；财政票据统一管理；定期对账'], c.post.clerk),
    ])
    .end('done', '办结')
    .chain('start', 'accept', 'review', 'decide', 'relief_asked')
    .flow('relief_asked', 'relief', '申请减免缓缴')
    .flow('relief_asked', 'notice', '未申请')
    .chain('relief', 'notice', 'collect', 'done').process;
}

/** 受理 → 调查 → 调解 → 调解书, or 裁决 → 送达 (also for the 调解、调处、磋商 items listed as other powers). */
function adjudicationChart(c: Ctx): ProcessDefinition {
  const [accept, investigate, mediate, agreement, decide, deliver] = fit(c.limit, [5, 20, 10, 3, 10, 5]) as [number, number, number, number, number, number];
  return new Chart('申请')
    .step('accept', '受理', 'accept', 'clerk', accept, [
      risk([3, 'dereliction', '对属于受理范围的申请不予受理或拖延受理', '受理范围公开；不予受理书面说明理由'], c.post.clerk),
    ])
    .choice('accepted', '是否受理')
    .step('investigate', '调查取证、现场勘验', 'review', 'clerk', investigate, [
      risk([1, 'favouritism', '偏袒一方当事人，调查取证不全面', '两人以上调查；双方当事人到场勘验；利害关系回避'], c.post.clerk),
    ])
    .step('mediate', '调解', 'other', 'section_chief', mediate)
    .choice('agreed', '是否达成协议')
    .step('agreement', '制作调解书', 'deliver', 'clerk', agreement)
    .step('decide', '作出裁决', 'decide', 'head', decide, [
      risk([2, 'discretion', '认定事实不清、适用依据错误作出裁决', '裁决前法制审核；集体研究；告知救济途径'], c.post.head),
    ])
    .step('deliver', '送达裁决书', 'deliver', 'clerk', deliver)
    .end('mediated', '结案')
    .end('done', '办结')
    .end('not_accepted', '不予受理')
    .chain('start', 'accept', 'accepted')
    .flow('accepted', 'investigate', '受理')
    .flow('accepted', 'not_accepted', '不予受理')
    .chain('investigate', 'mediate', 'agreed')
    .flow('agreed', 'agreement', '达成协议')
    .flow('agreed', 'decide', '调解不成')
    .chain('agreement', 'mediated')
    .chain('decide', 'deliver', 'done').process;
}

function otherChart(c: Ctx): ProcessDefinition {
  if (/调解|调处|磋商|争议/.test(c.name)) return adjudicationChart(c);
  if (/应急|防灭火|事故/.test(c.name)) {
    const [assess, respond, act, review] = fit(c.limit, [1, 1, 10, 5]) as [number, number, number, number];
    return new Chart('监测发现险情或事件')
      .step('assess', '监测研判', 'review', 'section_chief', assess, [
        risk([2, 'dereliction', '研判不及时、瞒报迟报，应急响应迟缓', '值班值守和信息报告制度；响应流程预案化'], c.post.chief),
      ])
      .step('respond', '启动响应', 'decide', 'head', respond)
      .step('act', '组织实施处置', 'enforce', 'clerk', act, [
        risk([2, 'abuse', '应急物资、资金使用不规范', '应急物资台账管理；资金使用事后审计'], c.post.clerk),
      ])
      .step('review', '总结评估', 'supervise', 'section_chief', review)
      .end('done', '办结')
      .chain('start', 'assess', 'respond', 'act', 'review', 'done').process;
  }
  const expert = EXPERT.test(c.name);
  // 乡村建设规划许可: the township reviews, the county's 自然资源局 decides.
  const referred = c.name.includes('报送') ? 'ZRJ' : null;
  const [accept, review, decide, deliver] = fit(c.limit, [1, 5, 2, 2]) as [number, number, number, number];
  const ch = new Chart('申请或启动')
    .step('accept', '受理', 'accept', 'clerk', accept)
    .step('review', '审查', 'review', 'section_chief', review, [
      risk([2, 'discretion', '审查标准不统一，随意出具意见', '审查要点公开；审查意见留痕；股室集体会审'], c.post.chief),
    ])
    .chain('start', 'accept', 'review');
  let last = 'review';
  if (expert) {
    ch.step('expert', '专家评审', 'review', 'section_chief', 0, [risk(EXPERT_RISK, c.post.chief)], { clockStop: '专家评审' }).flow(last, 'expert');
    last = 'expert';
  }
  if (referred) {
    ch.step('decide', `报送${shortName(referred)}审批`, 'decide', 'leader', decide, [], { unit: { named: referred } });
  } else {
    ch.step('decide', '决定', 'decide', 'leader', decide, [risk(pick(decideRisks('办理'), c, 'decide'), c.post.leader)]);
  }
  return ch.step('deliver', '送达并公开结果', 'deliver', 'clerk', deliver).end('done', '办结').chain(last, 'decide', 'deliver', 'done').process;
}

// ── Village micro-powers: 四议两公开 and the village's own shorter procedures ────────────────

const SECRETARY = '村党组织书记';
const DIRECTOR = '村民委员会主任';
const SUPERVISOR = '村务监督委员会主任';

function villageChart(c: Ctx): ProcessDefinition {
  const n = c.name;
  if (n.includes('证明')) {
    return new Chart('村民申请')
      .step('accept', '受理申请', 'accept', 'village_cadre', 0)
      .step('verify', '村委会核实', 'review', 'village_cadre', 1, [
        risk([2, 'abuse', '出具虚假证明或借机索要好处', '证明事项清单管理；两人以上核实；出具登记台账'], DIRECTOR),
      ])
      .choice('true', '情况是否属实')
      .step('issue', '出具证明并登记台账', 'deliver', 'village_cadre', 1)
      .end('done', '办结')
      .end('refused', '不予出具')
      .chain('start', 'accept', 'verify', 'true')
      .flow('true', 'issue', '属实')
      .flow('true', 'refused', '不属实')
      .chain('issue', 'done').process;
  }
  if (n.includes('财务')) {
    return new Chart('发生收支事项')
      .step('apply', '经办人填制单据', 'accept', 'village_cadre', 1)
      .step('audit', '村务监督委员会审核', 'review', 'village_cadre', 2, [
        risk([1, 'abuse', '虚列支出、白条入账或超权限审批', '村务监督委员会审核签字；大额支出“四议两公开”'], SUPERVISOR),
      ])
      .step('sign', '村党组织书记、村委会主任联签审批', 'decide', 'village_cadre', 2, [
        risk([2, 'abuse', '化整为零规避民主决策程序', '支出限额公开；联签制度；乡镇定期抽查'], SECRETARY),
      ])
      .step('book', '报乡镇“三资”代理服务中心审核入账', 'review', 'clerk', 5, [], { unit: 'parent' })
      .step('publish', '财务收支公开', 'supervise', 'village_cadre', 5, [
        risk([3, 'opacity', '财务收支不公开或公开不及时、不完整', '按月公开；公开栏和阳光农廉网同步公开'], SUPERVISOR),
      ])
      .end('done', '办结')
      .chain('start', 'apply', 'audit', 'sign', 'book', 'publish', 'done').process;
  }
  if (n.includes('宅基地')) {
    return new Chart('村民提出申请')
      .step('accept', '受理申请', 'accept', 'village_cadre', 1)
      .step('group', '村民小组会议讨论', 'review', 'village_cadre', 5)
      .step('review', '村级组织审查', 'review', 'village_cadre', 5, [
        risk([1, 'favouritism', '对不符合“一户一宅”等条件的申请出具同意意见', '村民小组会议讨论；审查意见公示；乡镇联审'], SECRETARY),
      ])
      .choice('eligible', '是否符合条件')
      .step('notice', '村内公示', 'other', 'village_cadre', 5, [risk(NOTICE_RISK, DIRECTOR)])
      .step('refuse', '书面告知申请人', 'deliver', 'village_cadre', 2)
      .step('report', '报乡镇人民政府审批', 'decide', 'leader', 5, [], { unit: 'parent' })
      .end('done', '办结')
      .end('refused', '不予同意')
      .chain('start', 'accept', 'group', 'review', 'eligible')
      .flow('eligible', 'notice', '符合')
      .flow('eligible', 'refuse', '不符合')
      .chain('notice', 'report', 'done')
      .chain('refuse', 'refused').process;
  }
  if (/评议|补贴|身份确认/.test(n)) {
    const membership = n.includes('身份确认');
    return new Chart('村民申请')
      .step('accept', '受理申请', 'accept', 'village_cadre', 1)
      .step('verify', '入户调查核实', 'review', 'village_cadre', 5, [risk(FAVOUR_RISK, DIRECTOR)])
      .step('appraise', '村民代表会议民主评议', 'review', 'village_cadre', 3, [
        risk([2, 'conflict', '评议中与申请人有利害关系的人员未回避', '利害关系回避；评议结果当场公布；包村干部列席'], SECRETARY),
      ])
      .step('notice', '村内公示', 'other', 'village_cadre', 5, [risk(NOTICE_RISK, DIRECTOR)])
      .step('report', membership ? '报乡镇人民政府备案' : '报乡镇人民政府审核', 'decide', 'leader', 5, [], { unit: 'parent' })
      .end('done', '办结')
      .chain('start', 'accept', 'verify', 'appraise', 'notice', 'report', 'done').process;
  }
  if (n.includes('村务公开')) {
    return new Chart('公开事项形成')
      .step('draft', '拟定公开内容', 'other', 'village_cadre', 3)
      .step('audit', '村务监督委员会审核', 'review', 'village_cadre', 2, [
        risk([2, 'opacity', '公开内容不真实或选择性公开', '公开目录统一规定；村务监督委员会审核签字'], SUPERVISOR),
      ])
      .step('approve', '村党组织审定', 'decide', 'village_cadre', 1)
      .step('publish', '公开栏和阳光农廉网公开', 'deliver', 'village_cadre', 1, [
        risk([3, 'opacity', '公开不及时或公开期限不足', '公开时间表；公开照片存档；乡镇定期检查'], DIRECTOR),
      ])
      .step('feedback', '收集群众意见并答复', 'supervise', 'village_cadre', 10)
      .end('done', '办结')
      .chain('start', 'draft', 'audit', 'approve', 'publish', 'feedback', 'done').process;
  }
  if (n.includes('党员')) {
    // 《中国共产党发展党员工作细则》: a year's training of an activist, three months for the township to approve.
    return new Chart('递交入党申请书')
      .step('accept', '派人谈话并接收申请', 'accept', 'village_cadre', 20)
      .step('activist', '确定入党积极分子并培养考察', 'review', 'village_cadre', 250)
      .step('candidate', '确定发展对象并政治审查', 'review', 'village_cadre', 30, [
        risk([2, 'favouritism', '发展党员中优亲厚友、程序不规范', '发展党员全程纪实；乡镇党委预审'], SECRETARY),
      ])
      .step('notice', '公示', 'other', 'village_cadre', 5, [risk(NOTICE_RISK, SECRETARY)])
      .step('meeting', '支部大会讨论', 'decide', 'village_cadre', 5)
      .step('approve', '报乡镇党委审批', 'decide', 'leader', 60, [], { unit: 'parent' })
      .end('done', '办结')
      .chain('start', 'accept', 'activist', 'candidate', 'notice', 'meeting', 'approve', 'done').process;
  }
  return fourDeliberations(c);
}

/** 四议两公开, with what the matter adds: 招标 or 拍卖 (clock stops), the township's review, implementation. */
function fourDeliberations(c: Ctx): ProcessDefinition {
  const n = c.name;
  const ch = new Chart('提出事项')
    .step('propose', '村党组织提议', 'other', 'village_cadre', 5)
    .step('consult', '村“两委”会议商议', 'review', 'village_cadre', 5, [
      risk([2, 'opacity', '少数人决定，未经会议商议', '会议记录全程留痕；乡镇包村干部列席'], SECRETARY),
    ])
    .step('deliberate', '党员大会审议', 'review', 'village_cadre', 5)
    .step('resolve', '村民（代表）会议决议', 'decide', 'village_cadre', 5, [
      risk([1, 'conflict', '与本人或亲属有利害关系未回避', '利害关系回避；表决结果当场公布'], DIRECTOR),
    ])
    .chain('start', 'propose', 'consult', 'deliberate', 'resolve');
  let last = 'resolve';
  const then = (id: string) => {
    ch.flow(last, id);
    last = id;
  };
  if (n.includes('一事一议')) {
    ch.step('township', '报乡镇人民政府审核', 'review', 'leader', 5, [], { unit: 'parent' });
    then('township');
  }
  ch.step('publish_resolution', '决议公开', 'deliver', 'village_cadre', 2);
  then('publish_resolution');
  if (n.includes('工程') || n.includes('发包')) {
    ch.step(
      'tender',
      '公开招标确定承包方',
      'other',
      'village_cadre',
      0,
      [risk([1, 'opacity', '规避公开招标、肢解发包或内定承包方', '限额以上项目进入公共资源交易平台；村务监督委员会全程监督'], DIRECTOR)],
      { clockStop: '招标' },
    );
    then('tender');
  } else if (n.includes('处置')) {
    ch.step(
      'auction',
      '资产评估后公开拍卖',
      'other',
      'village_cadre',
      0,
      [risk([1, 'opacity', '集体资产低价处置或私下协议转让', '资产评估；公开竞价；成交结果公示'], DIRECTOR)],
      { clockStop: '拍卖' },
    );
    then('auction');
  }
  if (/工程|补偿|流转|一事一议|发包|处置/.test(n)) {
    ch.step('implement', '组织实施', 'enforce', 'village_cadre', 20);
    then('implement');
  }
  ch.step('publish_result', '实施结果公开', 'supervise', 'village_cadre', 5, [
    risk([3, 'opacity', '实施结果不公开或公开不及时', '公开栏和阳光农廉网同步公开'], SUPERVISOR),
  ]);
  then('publish_result');
  return ch.end('done', '办结').chain(last, 'done').process;
}

// ── Entry point ─────────────────────────────────────────────────────────────────────

/** The demo process of one item (deterministic: the same code and content give the same process). */
export function demoProcessFor(code: string, unit: string, item: DemoProcessItem): ProcessDefinition {
  const own = item.promisedLimit ?? item.statutoryLimit;
  const lowered = LOWERED_LIMITS.get(code);
  const limit = lowered !== undefined && own !== null ? Math.min(own, lowered) : own;
  const c: Ctx = { code, unit, name: item.name, category: item.category, limit, post: postsOf(unit) };
  if (code === DEMO_LIQUOR_LICENCE_CODE) return liquorChart(c);
  switch (item.category) {
    case 'licensing':
    case 'non_licensing_approval':
    case 'confirmation':
      return approvalChart(c);
    case 'penalty':
      return penaltyChart(c);
    case 'coercion':
      return coercionChart(c);
    case 'benefit':
      return benefitChart(c);
    case 'reward':
      return rewardChart(c);
    case 'public_service':
      return publicServiceChart(c);
    case 'village_micro':
      return villageChart(c);
    case 'inspection':
      return inspectionChart(c);
    case 'levy':
      return levyChart(c);
    case 'adjudication':
      return adjudicationChart(c);
    default:
      return otherChart(c);
  }
}
