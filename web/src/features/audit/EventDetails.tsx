import { Descriptions } from 'antd';
import type { AuditEvent } from '../../lib/api-types';
import { useT } from '../../lib/i18n';

/** The full record of one event, shown when its row is expanded. */
export function EventDetails({ event }: { event: AuditEvent }) {
  const t = useT();
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      items={[
        { key: 'alg', label: t('audit.alg'), children: <span className="mono">{event.alg}</span> },
        { key: 'prev', label: t('audit.prevHash'), children: <span className="hash">{event.prevHash}</span> },
        { key: 'hash', label: t('audit.hash'), children: <span className="hash">{event.hash}</span> },
        {
          key: 'payload',
          label: t('audit.payload'),
          children: (
            <pre className="mono" style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
              {JSON.stringify(event.payload, null, 2)}
            </pre>
          ),
        },
      ]}
    />
  );
}
