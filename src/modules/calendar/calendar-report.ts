// How the CLI tells a day and a deadline in words, Chinese and English side by side (as the notices are read).
import type { DayInfo } from './calendar.rules.ts';
import type { Explanation } from './calendar.service.ts';

const KIND_TEXT: Record<DayInfo['kind'] | 'suspended', string> = {
  workday: '工作日 working day',
  weekend: '周末 weekend',
  holiday: '法定节假日 holiday',
  adjusted_workday: '调休上班 adjusted working day',
  suspended: '中止计时 clock stopped',
};

/** Why a day is or is not a working day: its holiday's name and region, 调休上班, a weekend. */
export function dayLine(info: Pick<DayInfo, 'kind' | 'name' | 'region'>): string {
  const from = info.region ? ` (${info.region})` : '';
  if (info.kind === 'holiday') return `${info.name ?? ''} ${KIND_TEXT.holiday}${from}`.trim();
  if (info.kind === 'adjusted_workday') return `${KIND_TEXT.adjusted_workday}${from}`;
  return KIND_TEXT[info.kind];
}

/** The explanation of a deadline, one fact a line: what was counted, what was skipped and why, what it relied on. */
export function explanationLines(e: Explanation): string[] {
  const lines = [
    `起算 start:      ${e.startDate} (不计入 not counted)`,
    `计算 counting:   ${e.counted} 个工作日 working days${e.counted !== e.days ? ` (${e.days} + 延长 extended ${e.counted - e.days})` : ''}, region ${e.region}`,
  ];
  lines.push(`跳过 skipped:    ${e.skipped.length === 0 ? '无 none' : `${e.skipped.length} 天 days`}`);
  for (const s of e.skipped) lines.push(`  ${s.date}  ${s.kind === 'holiday' ? `${s.name ?? ''} ${KIND_TEXT.holiday}` : KIND_TEXT[s.kind]}`);
  lines.push(`调休上班 adjusted days worked: ${e.adjustedWorked.join(', ') || '无 none'}`);
  lines.push(`暂定 provisional: ${e.reason ? `${e.provisionalYears.join(', ')} — ${e.reason.en} / ${e.reason.zh}` : '无 none'}`);
  lines.push(`依据 notices:     ${e.notices.map((n) => `${n.year} ${n.notice}`).join('; ') || '无 none'}`);
  lines.push(`届满 due:         ${e.dueDate} 24:00 Asia/Shanghai (${e.due})${e.provisional ? ' 暂定 provisional' : ''}`);
  return lines;
}
