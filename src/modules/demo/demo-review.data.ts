import type { Aspect, Problem } from '../review/review.rules.ts';

/**
 * 示范县's "三上三下" review, as the demo shows it: every department's and township's list reviewed and published,
 * then a second batch of the environment bureau's changes caught in its second round with findings still open.
 */

/**
 * Who takes each unit's steps: the named demo people where the county has them (the head compiles and submits the
 * whole bureau's list, the 分管 leader evaluates and publishes), the operator (CLI) for the other units.
 */
export const DEMO_REVIEW_PEOPLE: Record<string, { head: string; leader: string } | undefined> = {
  HBJ: { head: 'hbj.head', leader: 'county.leader' },
  ZJJ: { head: 'zjj.head', leader: 'county.leader' },
};
export const DEMO_REVIEWER = 'legal';

/** The first, published round of every department's and township's list. */
export const DEMO_FIRST_BATCH_TITLE = '权力清单和责任清单（2025年版）';
/** The reform started before the lists were compiled: the published figures are the reformed ones. */
export const DEMO_REFORM_STARTED_ON = '2025-03-01';

/** The environment bureau's later changes: one fixed and accepted, one still open, and an omitted item. */
export const DEMO_SECOND_BATCH = {
  unit: 'HBJ-SP',
  clerk: 'hbj.clerk',
  head: 'hbj.head',
  title: '生态环境局权力清单调整（2026年第二批）',
  changes: [
    {
      code: 'HB-XK-002',
      edit: { promisedLimit: 12 },
      finding: {
        aspect: 'legality' as Aspect,
        problem: 'invalid_basis' as Problem,
        comment: '所列《中华人民共和国大气污染防治法》第十九条与排污许可无直接关系，请核实依据条款',
      },
      fix: { basis: ['《排污许可管理条例》第二条', '《中华人民共和国环境保护法》第四十五条'] },
      response: '已删除不相关条款，依据改为《排污许可管理条例》第二条、《环境保护法》第四十五条',
      accepted: true,
    },
    {
      code: 'HB-XK-003',
      edit: { promisedLimit: 10 },
      finding: {
        aspect: 'necessity' as Aspect,
        problem: 'incomplete' as Problem,
        comment: '承诺时限压缩后，责任事项未写明现场核查环节的时限要求',
      },
      fix: null,
      response: '现场核查环节时限将在流程图中明确，本次先说明',
      accepted: false,
    },
    { code: 'HB-QR-002', edit: { promisedLimit: 2 }, finding: null, fix: null, response: null, accepted: false },
  ],
  omission: {
    name: '生态环境损害赔偿磋商',
    comment: '漏报：县级生态环境部门负责的生态环境损害赔偿磋商事项未列入清单',
    code: 'HB-QT-901',
    response: '已补报该事项',
  },
} as const;
