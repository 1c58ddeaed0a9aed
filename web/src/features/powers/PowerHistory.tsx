import { useEffect, useState } from 'react';
import { Card, Empty, Flex, Select, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { LocalTime } from '../../components/LocalTime';
import { QueryState } from '../../components/QueryState';
import { api } from '../../lib/api-client';
import type { PowerChange, PowerItem, PowerRevision } from '../../lib/api-types';
import { pickLabel, useLang, useT } from '../../lib/i18n';
import { useApiQuery } from '../../lib/use-api-query';
import { RevisionStateTag } from './power-shared';

/** 历史版本: every saved revision, and what changed between any two of them. */
export function PowerHistory({ item }: { item: PowerItem }) {
  const t = useT();
  // Reload when a new revision is saved or one is published while the tab is open.
  const query = useApiQuery((signal) => api.powerRevisions(item.id, signal), [item.id, item.latestRevision, item.publishedRevision]);

  const columns: TableColumnsType<PowerRevision> = [
    { title: t('powers.revision'), dataIndex: 'revision', key: 'revision', render: (n: number) => t('powers.revisionN', { n }) },
    { title: t('powers.revisionState'), key: 'state', render: (_, r) => <RevisionStateTag state={r.state} testId={`power-revision-state-${r.revision}`} /> },
    {
      title: t('powers.revisionSource'),
      key: 'source',
      render: (_, r) => (r.source === 'import' ? t('powers.sourceImport') : r.source === 'editor' ? t('powers.sourceEditor') : r.source),
    },
    { title: t('powers.revisionAt'), key: 'at', render: (_, r) => <LocalTime iso={r.createdAt} /> },
    { title: t('powers.revisionBy'), dataIndex: 'createdBy', key: 'by' },
  ];

  return (
    <div data-testid="power-history">
      <QueryState query={query} isEmpty={(d) => d.items.length === 0} emptyText={t('powers.noRevisions')}>
        {(data) => (
          <Flex vertical gap={16}>
            <Table<PowerRevision>
              data-testid="power-revisions"
              rowKey="revision"
              size="small"
              columns={columns}
              dataSource={[...data.items].sort((a, b) => b.revision - a.revision)}
              pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
            />
            <DiffViewer itemId={item.id} revisions={data.items.map((r) => r.revision).sort((a, b) => a - b)} />
          </Flex>
        )}
      </QueryState>
    </div>
  );
}

function DiffViewer({ itemId, revisions }: { itemId: string; revisions: number[] }) {
  const t = useT();
  const latest = revisions[revisions.length - 1] ?? 1;
  const previous = revisions[revisions.length - 2] ?? latest;
  const [from, setFrom] = useState(previous);
  const [to, setTo] = useState(latest);
  // A newly saved revision becomes the default comparison.
  useEffect(() => {
    setFrom(previous);
    setTo(latest);
  }, [previous, latest]);

  const query = useApiQuery((signal) => api.powerDiff(itemId, from, to, signal), [itemId, from, to]);
  const options = revisions.map((n) => ({ value: n, label: t('powers.revisionN', { n }) }));

  return (
    <Card
      size="small"
      data-testid="power-diff"
      title={t('powers.diffTitle')}
      extra={
        <Flex gap={8} align="center" wrap>
          <Select<number>
            data-testid="power-diff-from"
            style={{ width: 110 }}
            value={from}
            onChange={setFrom}
            options={options}
            aria-label={t('powers.diffFrom')}
          />
          <span>→</span>
          <Select<number> data-testid="power-diff-to" style={{ width: 110 }} value={to} onChange={setTo} options={options} aria-label={t('powers.diffTo')} />
        </Flex>
      }
    >
      {revisions.length < 2 ? (
        <Empty description={t('powers.diffOnlyOne')} />
      ) : (
        <QueryState query={query} isEmpty={(d) => d.changes.length === 0} emptyText={from === to ? t('powers.diffSame') : t('powers.diffNone')}>
          {(data) => (
            <Flex vertical gap={12}>
              {data.changes.map((change) => (
                <FieldChange key={change.field} change={change} />
              ))}
            </Flex>
          )}
        </QueryState>
      )}
    </Card>
  );
}

/** One changed field: lines taken out struck through in red, lines put in green; unchanged lines as they were. */
function FieldChange({ change }: { change: PowerChange }) {
  const { lang } = useLang();
  const t = useT();
  // Scalar fields report before/after without removed/added: then the whole old value went and the new one came.
  const removed = change.removed.length > 0 || change.added.length > 0 ? change.removed : change.before;
  const added = change.removed.length > 0 || change.added.length > 0 ? change.added : change.after;
  const kept = change.after.filter((line) => !added.includes(line));
  return (
    <div data-testid={`power-diff-field-${change.field}`} className="power-diff-field">
      <Typography.Text strong>{pickLabel(change.label, lang)}</Typography.Text>
      <ul className="power-diff-lines">
        {removed.map((line, i) => (
          <li key={`r${i}`} className="power-diff-removed" data-testid="power-diff-removed">
            <span className="power-diff-mark" aria-hidden>
              −
            </span>
            <del aria-label={t('powers.diffRemoved')}>{line === '' ? t('powers.diffEmpty') : line}</del>
          </li>
        ))}
        {added.map((line, i) => (
          <li key={`a${i}`} className="power-diff-added" data-testid="power-diff-added">
            <span className="power-diff-mark" aria-hidden>
              +
            </span>
            <ins aria-label={t('powers.diffAdded')}>{line === '' ? t('powers.diffEmpty') : line}</ins>
          </li>
        ))}
        {kept.map((line, i) => (
          <li key={`k${i}`} className="power-diff-kept">
            <span className="power-diff-mark" aria-hidden>
              {' '}
            </span>
            {line}
          </li>
        ))}
      </ul>
    </div>
  );
}
