import { useState } from 'react';
import { Button, Flex, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { LocalTime } from '../../components/LocalTime';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import { api } from '../../lib/api-client';
import type { AuditEvent, AuditPage as AuditPageData } from '../../lib/api-types';
import { useT } from '../../lib/i18n';
import { useApiQuery } from '../../lib/use-api-query';
import { Checkpoints } from './Checkpoints';
import { EventDetails } from './EventDetails';
import { ShortHash } from './ShortHash';
import { useVerifyChain, VerifyButton, VerifyResult } from './VerifyChain';

const PAGE_SIZE = 50;

/** The hash-chained audit log, read page by page in sequence order, for the security auditor. */
export default function AuditPage() {
  const t = useT();
  // The API pages by cursor ("events after seq N"). Sequence numbers in the chain are
  // consecutive, so the previous and latest pages can be computed rather than remembered.
  const [afterSeq, setAfterSeq] = useState(0);
  const query = useApiQuery((signal) => api.auditEvents(afterSeq, PAGE_SIZE, signal), [afterSeq]);
  const verify = useVerifyChain();

  const columns: TableColumnsType<AuditEvent> = [
    { title: t('audit.seq'), dataIndex: 'seq', key: 'seq', width: 80 },
    { title: t('audit.time'), key: 'time', render: (_, e) => <LocalTime iso={e.time} withSeconds /> },
    { title: t('audit.actor'), dataIndex: 'actor', key: 'actor' },
    { title: t('audit.action'), dataIndex: 'action', key: 'action', render: (v: string) => <span className="mono">{v}</span> },
    { title: t('audit.entity'), dataIndex: 'entity', key: 'entity', render: (v: string) => <span className="mono">{v}</span> },
    { title: t('audit.hash'), key: 'hash', render: (_, e) => <ShortHash hash={e.hash} /> },
  ];

  return (
    <>
      <PageTitle
        title={t('audit.title')}
        hint={`${t('audit.hint')} ${t('common.timesNote')}`}
        extra={<VerifyButton running={verify.state.phase === 'running'} onClick={verify.run} />}
      />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <VerifyResult state={verify.state} />
        <Checkpoints onCreated={query.reload} />
        <Pager data={query.data} afterSeq={afterSeq} onChange={setAfterSeq} />
        <QueryState query={query} isEmpty={(d) => d.items.length === 0} emptyText={afterSeq === 0 ? t('audit.empty') : t('audit.emptyPage')}>
          {(data) => (
            <Table<AuditEvent>
              data-testid="audit-table"
              rowKey="seq"
              size="small"
              columns={columns}
              dataSource={data.items}
              pagination={false}
              scroll={{ x: 'max-content' }}
              expandable={{ expandedRowRender: (event) => <EventDetails event={event} /> }}
            />
          )}
        </QueryState>
      </Space>
    </>
  );
}

interface PagerProps {
  data: AuditPageData | undefined;
  afterSeq: number;
  onChange: (afterSeq: number) => void;
}

function Pager({ data, afterSeq, onChange }: PagerProps) {
  const t = useT();
  const first = data?.items[0];
  const last = data?.items[data.items.length - 1];
  const headSeq = data?.head.seq ?? 0;
  const atEnd = !data || !last || last.seq >= headSeq;
  const latestStart = Math.max(0, headSeq - PAGE_SIZE);

  return (
    <Flex justify="space-between" align="center" wrap gap={8}>
      <Typography.Text type="secondary" data-testid="audit-range">
        {first && last ? t('audit.range', { from: first.seq, to: last.seq, head: headSeq }) : null}
      </Typography.Text>
      <Space wrap>
        <Button disabled={afterSeq === 0} onClick={() => onChange(0)}>
          {t('audit.first')}
        </Button>
        <Button data-testid="audit-prev" disabled={afterSeq === 0} onClick={() => onChange(Math.max(0, afterSeq - PAGE_SIZE))}>
          {t('audit.prev')}
        </Button>
        <Button data-testid="audit-next" disabled={atEnd} onClick={() => last && onChange(last.seq)}>
          {t('audit.next')}
        </Button>
        <Button disabled={!data || afterSeq === latestStart || (last !== undefined && last.seq >= headSeq)} onClick={() => onChange(latestStart)}>
          {t('audit.latest')}
        </Button>
      </Space>
    </Flex>
  );
}
