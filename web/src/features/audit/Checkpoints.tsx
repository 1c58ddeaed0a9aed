import { useState } from 'react';
import { App, Button, Card, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { FlagOutlined } from '@ant-design/icons';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LocalTime } from '../../components/LocalTime';
import { QueryState } from '../../components/QueryState';
import { api, ApiError } from '../../lib/api-client';
import type { AuditCheckpoint } from '../../lib/api-types';
import { useT } from '../../lib/i18n';
import { useApiQuery } from '../../lib/use-api-query';

const VERIFY_COMMAND = 'sunlit audit verify --expect SEQ:HASH';

/**
 * Checkpoints of the chain head. Truncating the log's end together with its head leaves a chain that still
 * verifies; a checkpoint copied out of the system is what shows the loss.
 */
export function Checkpoints({ onCreated }: { onCreated: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const query = useApiQuery((signal) => api.auditCheckpoints(signal), []);
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<ApiError>();

  const create = async () => {
    setCreating(true);
    setError(undefined);
    try {
      const cp = await api.createCheckpoint();
      void message.success(t('audit.checkpointCreated', { seq: cp.seq }));
      query.reload();
      // Creating one is itself an audited event, so the event list has grown too.
      onCreated();
    } catch (cause) {
      setError(cause instanceof ApiError ? cause : new ApiError(0, 'unknown', String(cause)));
    } finally {
      setCreating(false);
    }
  };

  const columns: TableColumnsType<AuditCheckpoint> = [
    { title: t('audit.seq'), dataIndex: 'seq', key: 'seq', width: 80 },
    {
      title: t('audit.hash'),
      key: 'hash',
      render: (_, cp) => (
        <Typography.Text className="hash" copyable={{ text: `${cp.seq}:${cp.hash}`, tooltips: [t('audit.checkpointCopy'), undefined] }}>
          {cp.hash}
        </Typography.Text>
      ),
    },
    { title: t('audit.time'), key: 'time', render: (_, cp) => <LocalTime iso={cp.time} withSeconds /> },
  ];

  const [before, after] = t('audit.checkpointsHint').split('{command}');
  return (
    <Card
      size="small"
      title={t('audit.checkpointsTitle')}
      data-testid="audit-checkpoints"
      extra={
        <Button data-testid="audit-checkpoint-create" icon={<FlagOutlined />} loading={creating} onClick={create}>
          {t('audit.checkpointCreate')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">
        {before}
        <Typography.Text code>{VERIFY_COMMAND}</Typography.Text>
        {after}
      </Typography.Paragraph>
      {error ? (
        <div style={{ marginBottom: 12 }}>
          <ErrorAlert error={error} testId="audit-checkpoint-error" />
        </div>
      ) : null}
      <QueryState query={query} isEmpty={(d) => d.items.length === 0} emptyText={t('audit.checkpointsEmpty')}>
        {(data) => (
          <Table<AuditCheckpoint>
            data-testid="audit-checkpoints-table"
            rowKey="seq"
            size="small"
            columns={columns}
            dataSource={[...data.items].sort((a, b) => b.seq - a.seq)}
            pagination={{ pageSize: 5, hideOnSinglePage: true, showSizeChanger: false }}
            scroll={{ x: 'max-content' }}
          />
        )}
      </QueryState>
    </Card>
  );
}
