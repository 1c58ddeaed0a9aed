import type { Role } from '../../shared/actor.ts';
import type { UnitType } from '../org/unit.rules.ts';

/** 示范县: the demo county. Departments are those named in the seed report, plus the county's service and oversight bodies. */
export const DEMO_UNITS: { code: string; name: string; type: UnitType; parent?: string }[] = [
  { code: 'HBJ', name: '示范县生态环境局', type: 'department' },
  { code: 'HBJ-SP', name: '行政审批股', type: 'section', parent: 'HBJ' },
  { code: 'HBJ-JC', name: '环境监察股', type: 'section', parent: 'HBJ' },
  { code: 'SLJ', name: '示范县水利局', type: 'department' },
  { code: 'SLJ-GC', name: '工程建设股', type: 'section', parent: 'SLJ' },
  { code: 'SLJ-CW', name: '财务股', type: 'section', parent: 'SLJ' },
  { code: 'ZJJ', name: '示范县住房和城乡建设局', type: 'department' },
  { code: 'ZJJ-SP', name: '行政审批股', type: 'section', parent: 'ZJJ' },
  { code: 'ZJJ-CJ', name: '城乡建设管理股', type: 'section', parent: 'ZJJ' },
  { code: 'JXJ', name: '示范县经济和信息化局', type: 'department' },
  { code: 'JXJ-JL', name: '酒类管理股', type: 'section', parent: 'JXJ' },
  { code: 'GAJ', name: '示范县公安局', type: 'department' },
  { code: 'GAJ-HZ', name: '户政管理股', type: 'section', parent: 'GAJ' },
  { code: 'MZJ', name: '示范县民政局', type: 'department' },
  { code: 'MZJ-JZ', name: '社会救助股', type: 'section', parent: 'MZJ' },
  { code: 'ZRJ', name: '示范县自然资源局', type: 'department' },
  { code: 'ZRJ-BDC', name: '不动产登记股', type: 'section', parent: 'ZRJ' },
  { code: 'SCJ', name: '示范县市场监督管理局', type: 'department' },
  { code: 'SCJ-DJ', name: '登记注册股', type: 'section', parent: 'SCJ' },
  { code: 'SFJ', name: '示范县司法局（政策法规组）', type: 'department' },
  { code: 'JW', name: '示范县纪委监委', type: 'department' },
  { code: 'SJJ', name: '示范县政务服务和数据管理局', type: 'department' },
  { code: 'DCZ', name: '定昌镇', type: 'township' },
  { code: 'DCZ-SW', name: '社会事务办公室', type: 'section', parent: 'DCZ' },
  { code: 'DCZ-DG', name: '东关村', type: 'village', parent: 'DCZ' },
  { code: 'DCZ-XG', name: '西关村', type: 'village', parent: 'DCZ' },
  { code: 'DCZ-NH', name: '南河村', type: 'village', parent: 'DCZ' },
  { code: 'BSX', name: '白石乡', type: 'township' },
  { code: 'BSX-BS', name: '白石村', type: 'village', parent: 'BSX' },
  { code: 'BSX-LQ', name: '龙泉村', type: 'village', parent: 'BSX' },
  { code: 'BSX-QS', name: '青山村', type: 'village', parent: 'BSX' },
];

/** Every demo account shares this password (it meets the policy); change it on any real installation. */
export const DEMO_PASSWORD = 'Sunlit@2026';

/** One account for every role; `unit` is where the person works, `grants` what they may do. `null` = the county. */
export const DEMO_ACCOUNTS: { login: string; name: string; unit: string | null; grants: { role: Role; unit: string | null }[]; note: string }[] = [
  { login: 'hbj.clerk', name: '王芳', unit: 'HBJ-SP', grants: [{ role: 'clerk', unit: 'HBJ-SP' }], note: '环保局行政审批股承办人' },
  { login: 'hbj.chief', name: '李强', unit: 'HBJ-SP', grants: [{ role: 'section_chief', unit: 'HBJ-SP' }], note: '环保局行政审批股股长' },
  { login: 'hbj.head', name: '赵建国', unit: 'HBJ', grants: [{ role: 'head', unit: 'HBJ' }], note: '环保局局长（一把手）' },
  { login: 'zjj.clerk', name: '陈静', unit: 'ZJJ-SP', grants: [{ role: 'clerk', unit: 'ZJJ-SP' }], note: '住建局行政审批股承办人' },
  { login: 'zjj.head', name: '孙立', unit: 'ZJJ', grants: [{ role: 'head', unit: 'ZJJ' }], note: '住建局局长' },
  {
    login: 'county.leader',
    name: '周明',
    unit: null,
    grants: [
      { role: 'leader', unit: 'HBJ' },
      { role: 'leader', unit: 'SLJ' },
      { role: 'leader', unit: 'ZJJ' },
    ],
    note: '副县长，分管环保、水利、住建',
  },
  {
    login: 'jxj.leader',
    name: '吴刚',
    unit: 'JXJ',
    grants: [
      { role: 'leader', unit: 'JXJ' },
      { role: 'section_chief', unit: 'JXJ' },
    ],
    note: '经信局分管领导，兼审批股股长',
  },
  { login: 'jxj.clerk', name: '周敏', unit: 'JXJ-JL', grants: [{ role: 'clerk', unit: 'JXJ-JL' }], note: '经信局酒类管理股承办人' },
  { login: 'legal', name: '郑洁', unit: 'SFJ', grants: [{ role: 'legal_reviewer', unit: null }], note: '政策法规组，审查全县职权' },
  { login: 'inspector', name: '冯正', unit: 'JW', grants: [{ role: 'inspector', unit: null }], note: '纪委监委，监督全县' },
  { login: 'dcz.clerk', name: '何敏', unit: 'DCZ-SW', grants: [{ role: 'clerk', unit: 'DCZ-SW' }], note: '定昌镇社会事务办承办人' },
  { login: 'dg.cadre', name: '马文', unit: 'DCZ-DG', grants: [{ role: 'village_cadre', unit: 'DCZ-DG' }], note: '东关村村干部' },
  { login: 'sysadmin', name: '刘波', unit: 'SJJ', grants: [{ role: 'sysadmin', unit: null }], note: '系统管理员' },
  { login: 'secadmin', name: '许安', unit: 'SJJ', grants: [{ role: 'secadmin', unit: null }], note: '安全管理员' },
  { login: 'auditor', name: '韩审', unit: 'SJJ', grants: [{ role: 'auditor', unit: null }], note: '安全审计员' },
];
