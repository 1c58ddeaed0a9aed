import type { ReactNode } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, Table, Tag, Typography } from 'antd';
import type { ButtonProps, TableColumnsType } from 'antd';
import { ActionModal } from '../../components/ActionModal';
import { LocalTime } from '../../components/LocalTime';
import { ApiError } from '../../lib/api-client';
import { pickLabel, useLang, useT, type TFunction } from '../../lib/i18n';
import { useModalTarget } from '../../lib/use-modal-target';
import { reviewApi, type BatchView, type Rectification } from './api';
import { personName, useReviewWords } from './review-shared';

/** The entry's state as a tag: open (待整改), accepted (已验收) or withdrawn with its item (已撤回). */
export function RectificationStateTag({ state }: { state: string }) {
  const t = useT();
  if (state === 'open') return <Tag color="orange">{t('rect.state.open')}</Tag>;
  if (state === 'accepted') return <Tag color="green">{t('rect.state.accepted')}</Tag>;
  if (state === 'withdrawn') return <Tag>{t('rect.state.withdrawn')}</Tag>;
  return <Tag>{state}</Tag>;
}

/** The kind of problem and the aspect it concerns (an omission or a send-back concerns none). */
export function ProblemCell({ entry }: { entry: Rectification }) {
  const { lang } = useLang();
  const words = useReviewWords();
  return (
    <Flex vertical gap={4} align="flex-start">
      <Tag color="red">{pickLabel(entry.problemLabel, lang)}</Tag>
      {entry.aspect ? <span className="muted">{words.aspect(entry.aspect)}</span> : null}
    </Flex>
  );
}

/** Who raised the entry, in which round and when. */
export function raisedCell(t: TFunction, e: Rectification): ReactNode {
  return (
    <Flex vertical>
      <span>{t('rect.raisedValue', { round: e.raisedRound, by: personName(e.raisedBy) })}</span>
      <LocalTime iso={e.raisedAt} />
    </Flex>
  );
}

/** The unit's response (整改情况) with its round and author, or a note that there is none yet. */
export function responseCell(t: TFunction, e: Rectification): ReactNode {
  if (e.response === null) return <span className="muted">{t('rect.noResponse')}</span>;
  return (
    <Flex vertical style={{ maxWidth: 320 }}>
      <span style={{ whiteSpace: 'pre-wrap' }} data-testid="rect-response-text">
        {e.response}
      </span>
      <Typography.Text type="secondary">{t('rect.responseValue', { round: e.responseRound ?? '', by: personName(e.respondedBy) })}</Typography.Text>
    </Flex>
  );
}

/** The reviewer's acceptance (验收): round and reviewer. */
export function acceptedCell(t: TFunction, e: Rectification): ReactNode {
  if (e.acceptedRound === null) return <span className="muted">{t('common.none')}</span>;
  return (
    <Flex vertical>
      <span>{t('rect.acceptedValue', { round: e.acceptedRound, by: personName(e.acceptedBy) })}</span>
      <LocalTime iso={e.acceptedAt} />
    </Flex>
  );
}

interface Props {
  view: BatchView;
  reload: () => void;
}

/** 本批次整改台账: every entry of the batch; the unit responds while it holds the batch, the reviewer accepts in a later round. */
export function BatchRectifications({ view, reload }: Props) {
  const t = useT();
  const { message, modal } = App.useApp();
  const responding = useModalTarget<Rectification>();
  const { batch, allowed } = view;
  const mayRespond = allowed.includes('respond');
  const mayAccept = allowed.includes('record_findings');
  const itemOf = (id: string | null) => (id ? view.items.find((i) => i.itemId === id) : undefined);

  const confirmAccept = (e: Rectification) =>
    modal.confirm({
      title: t('rect.acceptTitle'),
      content: t('rect.acceptBody', { comment: e.comment }),
      okText: t('rect.accept'),
      okButtonProps: { 'data-testid': 'rect-accept-confirm' } as ButtonProps,
      onOk: async () => {
        try {
          await reviewApi.accept(e.id);
          void message.success(t('rect.acceptedOk'));
          reload();
        } catch (cause) {
          void message.error(cause instanceof ApiError ? cause.message : String(cause));
        }
      },
    });

  const subject = (e: Rectification): ReactNode => {
    const item = itemOf(e.itemId);
    if (item) {
      return (
        <span>
          <span className="mono">{item.code}</span> {item.name}
        </span>
      );
    }
    if (e.missingItemName !== null) {
      const added = itemOf(e.resolvedItemId);
      return (
        <Flex vertical>
          <span>{t('rect.missing', { name: e.missingItemName })}</span>
          {added ? <span className="mono muted">→ {added.code}</span> : null}
        </Flex>
      );
    }
    return <span className="muted">{t('rect.wholeBatch')}</span>;
  };

  const columns: TableColumnsType<Rectification> = [
    {
      title: t('rect.problem'),
      key: 'problem',
      render: (_, e) => <ProblemCell entry={e} />,
    },
    { title: t('rect.subject'), key: 'subject', render: (_, e) => subject(e) },
    {
      title: t('rect.comment'),
      key: 'comment',
      render: (_, e) => (
        <span style={{ whiteSpace: 'pre-wrap', display: 'inline-block', maxWidth: 320 }} data-testid="rect-comment">
          {e.comment}
        </span>
      ),
    },
    { title: t('rect.raised'), key: 'raised', render: (_, e) => raisedCell(t, e) },
    { title: t('rect.response'), key: 'response', render: (_, e) => responseCell(t, e) },
    { title: t('review.state'), key: 'state', render: (_, e) => <RectificationStateTag state={e.state} /> },
    { title: t('rect.accepted'), key: 'accepted', render: (_, e) => acceptedCell(t, e) },
  ];
  if (mayRespond || mayAccept) {
    columns.push({
      title: t('review.actions'),
      key: 'actions',
      render: (_, e) => {
        if (e.state !== 'open') return null;
        if (mayRespond) {
          return (
            <Button size="small" data-testid="rect-respond" onClick={() => responding.show(e)}>
              {e.responseRound === batch.round ? t('rect.respondAgain') : t('rect.respond')}
            </Button>
          );
        }
        // A fix is accepted in a round after the one that raised it.
        if (e.raisedRound < batch.round) {
          return (
            <Button size="small" type="primary" data-testid="rect-accept" onClick={() => confirmAccept(e)}>
              {t('rect.accept')}
            </Button>
          );
        }
        return null;
      },
    });
  }

  return (
    <Card size="small" title={t('rect.batchTitle', { n: view.rectifications.length })} data-testid="review-rectifications">
      <Table<Rectification>
        data-testid="review-rect-table"
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={view.rectifications}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: t('rect.empty') }}
      />
      <RespondModal open={responding.open} entry={responding.target} onClose={responding.hide} onDone={reload} />
    </Card>
  );
}

interface RespondProps {
  open: boolean;
  entry: Rectification | undefined;
  onClose: () => void;
  onDone: () => void;
}

/** 整改情况: how the unit fixed the entry; an omission also names the item the unit added (it joins the batch). */
function RespondModal({ open, entry, onClose, onDone }: RespondProps) {
  const t = useT();
  const { lang } = useLang();
  const omission = entry !== undefined && entry.problem === 'omission' && entry.itemId === null;
  return (
    <ActionModal<{ response: string; itemCode?: string }, Rectification>
      open={open}
      title={entry ? t('rect.respondTitle', { problem: pickLabel(entry.problemLabel, lang) }) : ''}
      okText={t('rect.respondSubmit')}
      testId="rect-respond-form"
      intro={
        entry ? (
          <Flex vertical gap={8}>
            <Alert type="info" showIcon title={omission ? t('rect.respondOmissionIntro', { name: entry.missingItemName ?? '' }) : t('rect.respondIntro')} />
            <span style={{ whiteSpace: 'pre-wrap' }}>{entry.comment}</span>
          </Flex>
        ) : undefined
      }
      initialValues={{ response: entry?.response ?? undefined }}
      onClose={onClose}
      onSubmit={(v) => reviewApi.respond(entry!.id, { response: v.response.trim(), ...(omission ? { itemCode: v.itemCode?.trim() || null } : {}) })}
      successText={t('rect.responded')}
      onDone={onDone}
    >
      <Form.Item
        name="response"
        label={t('rect.respondText')}
        rules={[
          { required: true, whitespace: true, message: t('form.enter', { field: t('rect.respondText') }) },
          { max: 2000, message: t('form.tooLong', { n: 2000 }) },
        ]}
      >
        <Input.TextArea data-testid="rect-response" rows={3} maxLength={2000} showCount />
      </Form.Item>
      {omission ? (
        <Form.Item
          name="itemCode"
          label={t('rect.itemCode')}
          rules={[
            { required: true, whitespace: true, message: t('form.enter', { field: t('rect.itemCode') }) },
            { max: 64, message: t('form.tooLong', { n: 64 }) },
          ]}
        >
          <Input data-testid="rect-item-code" className="mono" maxLength={64} />
        </Form.Item>
      ) : null}
    </ActionModal>
  );
}
