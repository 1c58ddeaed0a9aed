import { Tag } from 'antd';
import type { UnitStatus } from '../../lib/api-types';
import { useT } from '../../lib/i18n';

const COLOR: Record<UnitStatus, string> = { active: 'green', abolished: 'default', merged: 'orange' };

/** Units are never deleted, only abolished or merged; the tag makes that visible. */
export function UnitStatusTag({ status }: { status: UnitStatus }) {
  const t = useT();
  return <Tag color={COLOR[status] ?? 'default'}>{t(`unitStatus.${status}`)}</Tag>;
}
