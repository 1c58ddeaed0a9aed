import { useState } from 'react';
import { Button, Segmented, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMe } from '../../app/auth-context';
import { hasRole } from '../../app/nav';
import { LocalTime } from '../../components/LocalTime';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import { api } from '../../lib/api-client';
import type { AlertItem, AlertStatusFilter } from '../../lib/api-types';
import { pickLabel, useLang, useT } from '../../lib/i18n';
import { useApiQuery } from '../../lib/use-api-query';
import { useModalTarget } from '../../lib/use-modal-target';
import { CloseAlertModal } from './CloseAlertModal';
import { SeverityTag } from './SeverityTag';

/** Supervision alerts for inspectors and leaders, open ones first by default; the inspector closes them. */
export default function AlertsPage() {
  const t = useT();
  const { lang } = useLang();
  const [status, setStatus] = useState<AlertStatusFilter>('open');
  const query = useApiQuery((signal) => api.alerts(status, signal), [status]);
  // Leaders and heads read the alerts of their units; closing one is the inspector's own work.
  const isInspector = hasRole(useMe().grants, 'inspector');
  const closing = useModalTarget<AlertItem>();
  const none = <span className="muted">{t('common.none')}</span>;

  const columns: TableColumnsType<AlertItem> = [
    { title: t('alerts.kind'), key: 'kind', render: (_, a) => pickLabel(a.kindLabel, lang) },
    { title: t('alerts.severity'), key: 'severity', render: (_, a) => <SeverityTag severity={a.severity} label={a.severityLabel} /> },
    { title: t('alerts.subject'), dataIndex: 'subject', key: 'subject' },
    { title: t('alerts.unit'), key: 'unit', render: (_, a) => a.unit?.name ?? none },
    { title: t('alerts.openedAt'), key: 'openedAt', render: (_, a) => <LocalTime iso={a.openedAt} /> },
    { title: t('alerts.closedAt'), key: 'closedAt', render: (_, a) => <LocalTime iso={a.closedAt} /> },
    { title: t('alerts.outcome'), key: 'outcome', render: (_, a) => a.outcome ?? none },
  ];
  if (isInspector && status === 'open') {
    columns.push({
      title: t('alerts.actions'),
      key: 'actions',
      // Wide tables scroll sideways; the actions stay in view.
      fixed: 'right',
      render: (_, a) =>
        a.closedAt ? null : (
          <Button size="small" type="link" data-testid={`alert-close-${a.id}`} onClick={() => closing.show(a)}>
            {t('alerts.close')}
          </Button>
        ),
    });
  }

  return (
    <>
      <PageTitle
        title={t('alerts.title')}
        hint={t('common.timesNote')}
        extra={
          <>
            {query.data ? <Typography.Text type="secondary">{t('alerts.total', { n: query.data.total })}</Typography.Text> : null}
            <Segmented<AlertStatusFilter>
              data-testid="alerts-filter"
              value={status}
              onChange={setStatus}
              options={[
                { value: 'open', label: t('alerts.filterOpen') },
                { value: 'closed', label: t('alerts.filterClosed') },
              ]}
            />
          </>
        }
      />
      <QueryState query={query} isEmpty={(d) => d.items.length === 0} emptyText={status === 'open' ? t('alerts.emptyOpen') : t('alerts.emptyClosed')}>
        {(data) => (
          <Table<AlertItem>
            data-testid="alerts-table"
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={data.items}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
            scroll={{ x: 'max-content' }}
          />
        )}
      </QueryState>
      {isInspector ? <CloseAlertModal alert={closing.target} open={closing.open} onClose={closing.hide} onDone={query.reload} /> : null}
    </>
  );
}
