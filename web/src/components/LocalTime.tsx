import { formatInstant } from '../lib/time';
import { useT } from '../lib/i18n';

/** An instant shown in Beijing time, keeping the exact ISO value for machines and tooltips. */
export function LocalTime({ iso, withSeconds = false }: { iso: string | null | undefined; withSeconds?: boolean }) {
  const t = useT();
  if (!iso) return <span className="muted">{t('common.none')}</span>;
  return (
    <time dateTime={iso} title={iso}>
      {formatInstant(iso, withSeconds)}
    </time>
  );
}
