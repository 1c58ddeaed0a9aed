import { Tag } from 'antd';
import type { Label, Severity } from '../../lib/api-types';
import { pickLabel, useLang } from '../../lib/i18n';

const COLOR: Record<Severity, string> = { high: 'red', medium: 'orange', low: 'blue' };

/** Severity as a coloured tag; the words come from the server's label. */
export function SeverityTag({ severity, label }: { severity: Severity; label: Label }) {
  const { lang } = useLang();
  return <Tag color={COLOR[severity] ?? 'default'}>{pickLabel(label, lang)}</Tag>;
}
