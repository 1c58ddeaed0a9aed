// Every UI string lives here in both languages. No i18n library: a dictionary, a context
// holding the current language, and `useT()` are all this app needs.
import { createContext, useCallback, useContext } from 'react';
import type { Label } from './api-types';

/** UI language; the value is also what we send as Accept-Language and store in localStorage. */
export type Lang = 'zh-CN' | 'en';

export const LANG_STORAGE_KEY = 'sunlit.lang';

const zh = {
  'app.title': '阳光权力运行平台',
  'app.tagline': '六权治本 · 让权力在阳光下运行',

  'lang.switchTo': 'English',
  'lang.switchAria': '切换到英文',

  'common.retry': '重试',
  'common.loading': '正在加载…',
  'common.errorTitle': '加载失败',
  'common.errorCode': '错误代码：{code}',
  'common.notFound': '页面不存在',
  'common.notFoundHint': '您访问的地址不存在，请检查链接。',
  'common.forbidden': '无权访问',
  'common.forbiddenHint': '您的授权中没有可以查看此页面的角色。',
  'common.backHome': '返回首页',
  'common.backWorkbench': '返回工作台',
  'common.timesNote': '时间均为北京时间',
  'common.none': '—',
  'common.sessionError': '无法确认登录状态',

  'error.network': '无法连接服务器，请检查网络后重试。',
  'error.badResponse': '服务器返回了无法识别的应答（HTTP {status}）。',

  'portal.staffLogin': '工作人员登录',
  'portal.heroTitle': '让权力在阳光下运行',
  'portal.heroBody':
    '“六权治本”是我县建立“不能腐”长效机制的一项改革：把每一项公共权力的依据、流程、时限和责任写清楚、公开出来，让权力按规矩运行、处处留痕、接受群众监督，消除权力“任性”的土壤。',
  'portal.programmeTitle': '“六权治本”做什么',
  'portal.point1Title': '两单：权力清单和责任清单',
  'portal.point1Body': '部门、乡镇、村的每一项职权，都写明法律依据、办理条件、材料、时限和追责情形，经政策法规组逐项审核后公布。',
  'portal.point2Title': '两图：流程图和风险防控图',
  'portal.point2Body': '每项职权怎么办、谁来办、哪个环节有廉政风险，都画成图，公开上墙。',
  'portal.point3Title': '分权制约',
  'portal.point3Body': '审查与批准相分离、定事与办理相分离、承办与监督相分离，关键岗位定期轮岗，避免“一人独揽”。',
  'portal.point4Title': '小微权力清单',
  'portal.point4Body': '村级事务按“四议两公开”办理，让群众知道“该谁办、怎么办、办多久”。',
  'portal.point5Title': '全程留痕',
  'portal.point5Body': '每一次操作都记入防篡改的审计日志，历史记录不能被悄悄改写。',
  'portal.unitsTitle': '纳入平台的单位',
  'portal.departments': '县直部门',
  'portal.townships': '乡镇',
  'portal.villages': '村（社区）',
  'portal.countyFallback': '本县',
  'portal.unitsError': '暂时无法获取单位统计。',
  'portal.staffBox': '本县工作人员请登录工作台办理业务。',

  'login.title': '工作人员登录',
  'login.subtitle': '仅限本县工作人员使用',
  'login.username': '账号',
  'login.password': '密码',
  'login.usernameRequired': '请输入账号',
  'login.passwordRequired': '请输入密码',
  'login.submit': '登录',
  'login.lockedUntil': '账号将于 {time}（北京时间）自动解锁。',
  'login.backHome': '返回首页',

  'shell.logout': '退出登录',
  'shell.menu': '功能菜单',

  'nav.overview': '工作台',
  'nav.org': '组织机构',
  'nav.accounts': '账号与授权',
  'nav.alerts': '监督预警',
  'nav.audit': '审计日志',

  'overview.greeting': '您好，{name}',
  'overview.county': '所属县区：{county}',
  'overview.grantsTitle': '我的授权',
  'overview.role': '角色',
  'overview.unit': '单位',
  'overview.unitCode': '单位编码',
  'overview.noGrants': '您目前没有任何授权，请联系安全管理员。',

  'org.title': '组织机构',
  'org.hint': '以下是您有权查看的单位。',
  'org.count': '共 {n} 个单位',
  'org.name': '名称',
  'org.code': '编码',
  'org.type': '类型',
  'org.status': '状态',
  'org.empty': '没有您可以查看的单位。',
  'unitStatus.active': '正常',
  'unitStatus.abolished': '已撤销',
  'unitStatus.merged': '已合并',

  'accounts.title': '账号与授权',
  'accounts.count': '共 {n} 个账号',
  'accounts.login': '账号',
  'accounts.name': '姓名',
  'accounts.unit': '所属单位',
  'accounts.status': '状态',
  'accounts.lock': '锁定状态',
  'accounts.grants': '授权',
  'accounts.notLocked': '未锁定',
  'accounts.lockedUntil': '锁定至 {time}',
  'accounts.noGrants': '无授权',
  'accounts.empty': '还没有账号。',
  'accountStatus.active': '启用',
  'accountStatus.disabled': '停用',

  'alerts.title': '监督预警',
  'alerts.filterOpen': '未关闭',
  'alerts.filterClosed': '已关闭',
  'alerts.total': '共 {n} 条',
  'alerts.kind': '类型',
  'alerts.severity': '等级',
  'alerts.subject': '事项',
  'alerts.unit': '单位',
  'alerts.openedAt': '发起时间',
  'alerts.closedAt': '关闭时间',
  'alerts.outcome': '处理结果',
  'alerts.emptyOpen': '当前没有未关闭的预警。',
  'alerts.emptyClosed': '还没有已关闭的预警。',

  'audit.title': '审计日志',
  'audit.hint': '审计日志只增不改，每条事件都以哈希链接到前一条。',
  'audit.seq': '序号',
  'audit.time': '时间',
  'audit.actor': '操作人',
  'audit.action': '动作',
  'audit.entity': '对象',
  'audit.hash': '哈希',
  'audit.alg': '算法',
  'audit.prevHash': '前一条哈希',
  'audit.payload': '内容',
  'audit.verify': '校验哈希链',
  'audit.verifyOk': '哈希链完整：共校验 {count} 条事件，链头序号 {seq}，哈希 {hash}。',
  'audit.verifyBad': '哈希链在序号 {seq} 处校验失败（已校验 {count} 条）：{reason}',
  'audit.verifyOkTitle': '校验通过',
  'audit.verifyBadTitle': '校验未通过',
  'audit.first': '最早',
  'audit.prev': '上一页',
  'audit.next': '下一页',
  'audit.latest': '最新',
  'audit.range': '第 {from}–{to} 条，链头序号 {head}',
  'audit.empty': '审计日志中还没有事件。',
  'audit.emptyPage': '此范围内没有事件。',
} as const;

export type MessageKey = keyof typeof zh;

// Typed against the Chinese dictionary so a missing English string is a compile error.
const en: Record<MessageKey, string> = {
  'app.title': 'Sunlit',
  'app.tagline': 'Power that runs in the sunlight',

  'lang.switchTo': '中文',
  'lang.switchAria': 'Switch to Chinese',

  'common.retry': 'Retry',
  'common.loading': 'Loading…',
  'common.errorTitle': 'Could not load',
  'common.errorCode': 'Error code: {code}',
  'common.notFound': 'Page not found',
  'common.notFoundHint': 'This address does not exist; please check the link.',
  'common.forbidden': 'No access',
  'common.forbiddenHint': 'None of your grants carries a role that may see this page.',
  'common.backHome': 'Back to the portal',
  'common.backWorkbench': 'Back to the workbench',
  'common.timesNote': 'All times are Beijing time (UTC+8)',
  'common.none': '—',
  'common.sessionError': 'Could not check your session',

  'error.network': 'Cannot reach the server. Check your connection and try again.',
  'error.badResponse': 'The server sent an unexpected answer (HTTP {status}).',

  'portal.staffLogin': 'Staff login',
  'portal.heroTitle': 'Power that runs in the sunlight',
  'portal.heroBody':
    '“六权治本” (Six Powers) is the county’s reform to build a lasting safeguard against corruption: for every public power, its legal basis, procedure, time limit and responsibilities are written down and published, so that power runs by the rules, leaves a record at every step and stays open to citizens’ oversight.',
  'portal.programmeTitle': 'What the programme does',
  'portal.point1Title': 'Two lists: power list and responsibility list',
  'portal.point1Body':
    'Every power item of each department, township and village states its legal basis, conditions, materials, time limits and the situations that lead to accountability; the legal group reviews each item before it is published.',
  'portal.point2Title': 'Two maps: process flowchart and risk map',
  'portal.point2Body': 'How each power is exercised, by whom, and which steps carry integrity risks is drawn as a chart and put on public display.',
  'portal.point3Title': 'Checks and balances',
  'portal.point3Body':
    'Review is separated from approval, deciding from doing, handling from supervising; key posts rotate, so no one person holds a power alone.',
  'portal.point4Title': 'Village micro-power list',
  'portal.point4Body': 'Village matters follow “four deliberations, two disclosures”, so villagers know who handles what, how, and how long it takes.',
  'portal.point5Title': 'A record of everything',
  'portal.point5Body': 'Every action lands in a tamper-evident audit log, so history cannot be quietly rewritten.',
  'portal.unitsTitle': 'Units on the platform',
  'portal.departments': 'County departments',
  'portal.townships': 'Townships',
  'portal.villages': 'Villages (communities)',
  'portal.countyFallback': 'Our county',
  'portal.unitsError': 'Unit counts are not available right now.',
  'portal.staffBox': 'County staff: please log in to the workbench.',

  'login.title': 'Staff login',
  'login.subtitle': 'For county staff only',
  'login.username': 'Login',
  'login.password': 'Password',
  'login.usernameRequired': 'Please enter your login',
  'login.passwordRequired': 'Please enter your password',
  'login.submit': 'Log in',
  'login.lockedUntil': 'The account unlocks automatically at {time} (Beijing time).',
  'login.backHome': 'Back to the portal',

  'shell.logout': 'Log out',
  'shell.menu': 'Menu',

  'nav.overview': 'Overview',
  'nav.org': 'Organisation',
  'nav.accounts': 'Accounts',
  'nav.alerts': 'Alerts',
  'nav.audit': 'Audit log',

  'overview.greeting': 'Hello, {name}',
  'overview.county': 'County: {county}',
  'overview.grantsTitle': 'My grants',
  'overview.role': 'Role',
  'overview.unit': 'Unit',
  'overview.unitCode': 'Unit code',
  'overview.noGrants': 'You hold no grants yet; please ask the security administrator.',

  'org.title': 'Organisation',
  'org.hint': 'The units you are allowed to see.',
  'org.count': '{n} units',
  'org.name': 'Name',
  'org.code': 'Code',
  'org.type': 'Type',
  'org.status': 'Status',
  'org.empty': 'There are no units you can see.',
  'unitStatus.active': 'Active',
  'unitStatus.abolished': 'Abolished',
  'unitStatus.merged': 'Merged',

  'accounts.title': 'Accounts and grants',
  'accounts.count': '{n} accounts',
  'accounts.login': 'Login',
  'accounts.name': 'Name',
  'accounts.unit': 'Unit',
  'accounts.status': 'Status',
  'accounts.lock': 'Lock',
  'accounts.grants': 'Grants',
  'accounts.notLocked': 'Not locked',
  'accounts.lockedUntil': 'Locked until {time}',
  'accounts.noGrants': 'No grants',
  'accounts.empty': 'There are no accounts yet.',
  'accountStatus.active': 'Active',
  'accountStatus.disabled': 'Disabled',

  'alerts.title': 'Alerts',
  'alerts.filterOpen': 'Open',
  'alerts.filterClosed': 'Closed',
  'alerts.total': '{n} in total',
  'alerts.kind': 'Kind',
  'alerts.severity': 'Severity',
  'alerts.subject': 'Subject',
  'alerts.unit': 'Unit',
  'alerts.openedAt': 'Opened at',
  'alerts.closedAt': 'Closed at',
  'alerts.outcome': 'Outcome',
  'alerts.emptyOpen': 'There are no open alerts.',
  'alerts.emptyClosed': 'No alerts have been closed yet.',

  'audit.title': 'Audit log',
  'audit.hint': 'The audit log is append-only; each event is linked to the one before it by a hash.',
  'audit.seq': 'Seq',
  'audit.time': 'Time',
  'audit.actor': 'Actor',
  'audit.action': 'Action',
  'audit.entity': 'Entity',
  'audit.hash': 'Hash',
  'audit.alg': 'Algorithm',
  'audit.prevHash': 'Previous hash',
  'audit.payload': 'Payload',
  'audit.verify': 'Verify chain',
  'audit.verifyOk': 'Chain intact: {count} events checked; head #{seq}, hash {hash}.',
  'audit.verifyBad': 'Chain broken at #{seq} ({count} events checked): {reason}',
  'audit.verifyOkTitle': 'Verified',
  'audit.verifyBadTitle': 'Verification failed',
  'audit.first': 'First',
  'audit.prev': 'Previous',
  'audit.next': 'Next',
  'audit.latest': 'Latest',
  'audit.range': 'Events {from}–{to}; head #{head}',
  'audit.empty': 'The audit log has no events yet.',
  'audit.emptyPage': 'No events in this range.',
};

const dictionaries: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zh, en };

export type Vars = Record<string, string | number>;

/** Look up a message and fill `{name}` placeholders; usable outside React (e.g. api-client). */
export function translate(lang: Lang, key: MessageKey, vars?: Vars): string {
  // Falls back to the key so an unexpected server code shows up instead of vanishing.
  const text = dictionaries[lang][key] ?? key;
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** Pick the side of a server-sent zh/en label that matches the UI language. */
export function pickLabel(label: Label, lang: Lang): string {
  return lang === 'en' ? label.en : label.zh;
}

/** Reads a stored language choice; anything unknown falls back to Chinese, the county's language. */
export function parseLang(value: string | null | undefined): Lang {
  return value?.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

export interface LanguageContextValue {
  lang: Lang;
  setLang: (lang: Lang) => void;
}

export const LanguageContext = createContext<LanguageContextValue>({
  lang: 'zh-CN',
  setLang: () => undefined,
});

/** Current UI language and its setter. */
export function useLang(): LanguageContextValue {
  return useContext(LanguageContext);
}

export type TFunction = (key: MessageKey, vars?: Vars) => string;

/** Translator bound to the current UI language. */
export function useT(): TFunction {
  const { lang } = useLang();
  return useCallback((key: MessageKey, vars?: Vars) => translate(lang, key, vars), [lang]);
}
