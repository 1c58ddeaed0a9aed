import { useState, type ReactNode } from 'react';
import { App, Button, Card, Descriptions, Flex, Table, Tag, Tooltip, Typography } from 'antd';
import type { ButtonProps, TableColumnsType } from 'antd';
import { ArrowLeftOutlined, CheckOutlined, FileSearchOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { ButtonLink } from '../../components/ButtonLink';
import { LocalTime } from '../../components/LocalTime';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import { ApiError } from '../../lib/api-client';
import { useT } from '../../lib/i18n';
import { useApiQuery } from '../../lib/use-api-query';
import { useModalTarget } from '../../lib/use-modal-target';
import { RevisionStateTag } from '../powers/power-shared';
import { ASPECTS, REVIEW_ACTIONS, reviewApi, type Aspect, type BatchItem, type BatchView, type Finding, type ReviewAction } from './api';
import { AddItemsModal } from './BatchItemsModals';
import { FindingModal, OmissionModal, TransitionModal } from './BatchModals';
import { BatchTimeline } from './BatchTimeline';
import { BatchRectifications } from './Rectifications';
import { BatchStateTag, personName, ReturnsCount, useReviewWords } from './review-shared';

/** One review batch: where it stands, what the signed-in person may do now, its items' findings, ledger and timeline. */
export default function ReviewBatchPage() {
  const { id = '' } = useParams();
  const t = useT();
  const query = useApiQuery((signal) => reviewApi.batch(id, signal), [id]);
  return (
    <>
      <div style={{ marginBottom: 8 }}>
        <ButtonLink to="/workbench/review" type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
          {t('review.backToList')}
        </ButtonLink>
      </div>
      <QueryState query={query} emptyText={t('review.notFound')}>
        {(view) => <BatchDetail view={view} reload={query.reload} />}
      </QueryState>
    </>
  );
}

const PRIMARY_ACTIONS: readonly ReviewAction[] = ['submit', 'take', 'resubmit', 'pass', 'evaluate', 'publish'];

function BatchDetail({ view, reload }: { view: BatchView; reload: () => void }) {
  const t = useT();
  const words = useReviewWords();
  const { message, modal } = App.useApp();
  const { batch, allowed } = view;
  const may = (work: string) => allowed.includes(work);
  const moving = useModalTarget<ReviewAction>();
  const finding = useModalTarget<{ item: BatchItem; aspect: Aspect }>();
  const [adding, setAdding] = useState(false);
  const [omitting, setOmitting] = useState(false);
  const [passing, setPassing] = useState<string>();

  const actions = REVIEW_ACTIONS.filter((a) => may(a));
  const recording = may('record_findings');
  const composing = may('compose');
  const failed = (cause: unknown) => void message.error(cause instanceof ApiError ? cause.message : String(cause));

  /** 三项全部通过: a pass on each of the three aspects this round, in one request. */
  const passAll = async (item: BatchItem) => {
    setPassing(item.itemId);
    try {
      await reviewApi.passItems(batch.id, [item.itemId]);
      void message.success(t('review.passedAll', { code: item.code }));
      reload();
    } catch (cause) {
      failed(cause);
    } finally {
      setPassing(undefined);
    }
  };

  const confirmRemove = (item: BatchItem) =>
    modal.confirm({
      title: t('review.removeItemTitle', { code: item.code }),
      content: item.openEntries > 0 ? `${item.name}。${t('review.removeWithdraws', { n: item.openEntries })}` : item.name,
      okText: t('review.removeItem'),
      okButtonProps: { danger: true, 'data-testid': 'review-remove-confirm' } as ButtonProps,
      onOk: async () => {
        try {
          await reviewApi.removeItem(batch.id, item.itemId);
          void message.success(t('review.removedItem', { code: item.code }));
          reload();
        } catch (cause) {
          failed(cause);
        }
      },
    });

  const findingCell = (item: BatchItem, aspect: Aspect): ReactNode => {
    const f = item.findings[aspect];
    const shown = <FindingText finding={f} />;
    if (!recording) return shown;
    return (
      <Button
        type="text"
        size="small"
        style={{ height: 'auto', padding: '2px 4px', textAlign: 'start', whiteSpace: 'normal' }}
        data-testid={`finding-${item.code}-${aspect}`}
        title={t('review.findingRecord')}
        onClick={() => finding.show({ item, aspect })}
      >
        {f ? shown : <span style={{ color: '#1677ff' }}>{t('review.findingRecord')}</span>}
      </Button>
    );
  };

  const columns: TableColumnsType<BatchItem> = [
    {
      title: t('review.code'),
      key: 'code',
      fixed: 'left',
      render: (_, i) => (
        <Link to={`/workbench/powers/${i.itemId}`} className="mono" data-testid={`review-item-${i.code}`}>
          {i.code}
        </Link>
      ),
    },
    { title: t('review.name'), key: 'name', render: (_, i) => <span style={{ display: 'inline-block', minWidth: 120, maxWidth: 260 }}>{i.name}</span> },
    {
      title: t('review.revision'),
      key: 'revision',
      render: (_, i) => (
        <Flex vertical gap={2} align="flex-start">
          <span>
            <Link to={`/workbench/powers/${i.itemId}?tab=history`} data-testid={`review-item-revision-${i.code}`}>
              {t('review.revisionN', { n: i.revision })}
            </Link>{' '}
            <RevisionStateTag state={i.revisionState} />
          </span>
          {i.latestRevision > i.revision ? <Typography.Text type="warning">{t('review.newerDraft', { n: i.latestRevision })}</Typography.Text> : null}
        </Flex>
      ),
    },
    ...ASPECTS.map((aspect): TableColumnsType<BatchItem>[number] => ({
      title: words.aspect(aspect),
      key: aspect,
      render: (_, i) => findingCell(i, aspect),
    })),
    {
      title: t('review.cleared'),
      key: 'cleared',
      render: (_, i) =>
        i.cleared ? (
          <Tag color="green" icon={<CheckOutlined />} data-testid={`review-cleared-${i.code}`}>
            {t('review.clearedYes')}
          </Tag>
        ) : (
          <span className="muted">{t('review.clearedNo')}</span>
        ),
    },
    {
      title: t('review.openEntries'),
      key: 'open',
      render: (_, i) => (i.openEntries > 0 ? <Tag color="orange">{i.openEntries}</Tag> : <span className="muted">0</span>),
    },
  ];
  if (recording || composing) {
    columns.push({
      title: t('review.actions'),
      key: 'actions',
      render: (_, i) => (
        <Flex gap={4} wrap>
          {recording && !ASPECTS.every((a) => i.findings[a]?.verdict === 'pass') ? (
            <Button size="small" data-testid={`review-pass-all-${i.code}`} loading={passing === i.itemId} onClick={() => void passAll(i)}>
              {t('review.passAll')}
            </Button>
          ) : null}
          {composing ? (
            <Button size="small" danger type="link" data-testid={`review-remove-${i.code}`} onClick={() => confirmRemove(i)}>
              {t('review.removeItem')}
            </Button>
          ) : null}
        </Flex>
      ),
    });
  }

  return (
    <>
      <PageTitle
        title={batch.title}
        hint={
          <Flex gap={8} align="center" wrap component="span">
            <span>{batch.unit.name}</span>
            <BatchStateTag state={batch.state} label={batch.stateLabel} testId="review-batch-state" />
            <span data-testid="review-batch-round">{batch.round === 0 ? t('review.roundNone') : t('review.roundN', { n: batch.round })}</span>
            <span>
              {t('review.returns')} <ReturnsCount n={batch.returns} testId="review-batch-returns" />
            </span>
          </Flex>
        }
        extra={
          <>
            {actions.map((a) => (
              <Button
                key={a}
                type={PRIMARY_ACTIONS.includes(a) ? 'primary' : 'default'}
                danger={a === 'return' || a === 'send_back'}
                data-testid={`review-action-${a}`}
                onClick={() => moving.show(a)}
              >
                {words.action(a)}
              </Button>
            ))}
            {composing ? (
              <Button icon={<PlusOutlined />} data-testid="review-add-items" onClick={() => setAdding(true)}>
                {t('review.addItems')}
              </Button>
            ) : null}
            {recording ? (
              <Button icon={<FileSearchOutlined />} data-testid="review-omission" onClick={() => setOmitting(true)}>
                {t('review.omission')}
              </Button>
            ) : null}
          </>
        }
      />
      <Flex vertical gap={16} data-testid="review-batch">
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }}>
          <Descriptions.Item label={t('review.createdBy')}>
            <span>
              {personName(batch.createdBy)} · <LocalTime iso={batch.createdAt} />
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('review.submittedBy')}>{batch.submittedBy ? personName(batch.submittedBy) : t('common.none')}</Descriptions.Item>
          <Descriptions.Item label={t('review.reviewer')}>{batch.reviewer ? personName(batch.reviewer) : t('common.none')}</Descriptions.Item>
          <Descriptions.Item label={t('review.updatedAt')}>
            <LocalTime iso={batch.updatedAt} />
          </Descriptions.Item>
        </Descriptions>
        <Card size="small" title={t('review.itemsTitle', { n: view.items.length })}>
          <Table<BatchItem>
            data-testid="review-items"
            rowKey="itemId"
            size="small"
            columns={columns}
            dataSource={view.items}
            scroll={{ x: 'max-content' }}
            pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
            locale={{ emptyText: t('review.itemsEmpty') }}
          />
        </Card>
        <BatchRectifications view={view} reload={reload} />
        <BatchTimeline transitions={view.transitions} />
      </Flex>
      <TransitionModal open={moving.open} view={view} action={moving.target} onClose={moving.hide} onDone={reload} />
      {recording ? (
        <>
          <FindingModal open={finding.open} view={view} target={finding.target} onClose={finding.hide} onDone={reload} />
          <OmissionModal open={omitting} view={view} onClose={() => setOmitting(false)} onDone={reload} />
        </>
      ) : null}
      {composing ? <AddItemsModal open={adding} view={view} onClose={() => setAdding(false)} onDone={reload} /> : null}
    </>
  );
}

/** This round's finding on one aspect: ✓ pass, or the problem's kind with its comment; "not reviewed" without one. */
function FindingText({ finding }: { finding: Finding | null }) {
  const t = useT();
  const words = useReviewWords();
  if (!finding) return <span className="muted">{t('review.findingNone')}</span>;
  if (finding.verdict === 'pass') {
    const tag = (
      <Tag color="green" icon={<CheckOutlined />} data-verdict="pass">
        {t('review.findingPass')}
      </Tag>
    );
    return finding.comment ? <Tooltip title={finding.comment}>{tag}</Tooltip> : tag;
  }
  return (
    <Flex vertical gap={2} align="flex-start" style={{ maxWidth: 220 }} data-verdict="problem">
      <Tag color="red">{finding.problem ? words.problem(finding.problem) : t('review.verdictProblem')}</Tag>
      {finding.comment ? (
        <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'normal' }}>
          {finding.comment}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}
