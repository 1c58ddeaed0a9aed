import { Alert, Form, Input, Radio, Select } from 'antd';
import { ActionModal } from '../../components/ActionModal';
import { pickLabel, useLang, useT } from '../../lib/i18n';
import { reviewApi, type Aspect, type BatchItem, type BatchView, type Finding, type Rectification, type ReviewAction, type Verdict } from './api';
import { useReviewWords } from './review-shared';

const DANGER_ACTIONS: readonly ReviewAction[] = ['return', 'send_back'];

interface TransitionProps {
  open: boolean;
  view: BatchView;
  action: ReviewAction | undefined;
  onClose: () => void;
  onDone: (view: BatchView) => void;
}

/** Confirms one move of the batch (报送, 开始审查, 退回 …) with an optional comment; 评审退回 requires its reason. */
export function TransitionModal({ open, view, action, onClose, onDone }: TransitionProps) {
  const t = useT();
  const words = useReviewWords();
  const label = action ? words.action(action) : '';
  const reasonRequired = action === 'send_back';
  return (
    <ActionModal<{ comment?: string }, BatchView>
      open={open}
      title={t('review.actionConfirm', { action: label, title: view.batch.title })}
      okText={label}
      danger={action !== undefined && DANGER_ACTIONS.includes(action)}
      testId="review-transition-form"
      intro={action ? <Alert type={reasonRequired ? 'warning' : 'info'} showIcon title={t(`review.actionIntro.${action}`)} /> : undefined}
      onClose={onClose}
      onSubmit={(v) => reviewApi.transition(view.batch.id, action!, v.comment?.trim() ? v.comment.trim() : null)}
      successText={t('review.moved', { action: label })}
      onDone={onDone}
    >
      <Form.Item
        name="comment"
        label={reasonRequired ? t('review.reason') : t('review.comment')}
        rules={[
          ...(reasonRequired ? [{ required: true, whitespace: true, message: t('form.enter', { field: t('review.reason') }) }] : []),
          { max: 2000, message: t('form.tooLong', { n: 2000 }) },
        ]}
      >
        <Input.TextArea data-testid="review-transition-comment" rows={3} maxLength={2000} showCount />
      </Form.Item>
    </ActionModal>
  );
}

interface FindingValues {
  verdict: Verdict;
  problem?: string;
  comment?: string;
}

interface FindingProps {
  open: boolean;
  view: BatchView;
  target: { item: BatchItem; aspect: Aspect } | undefined;
  onClose: () => void;
  onDone: (finding: Finding) => void;
}

/** The reviewer's finding on one aspect of one item this round: a pass, or a problem with its kind and what is wrong. */
export function FindingModal({ open, view, target, onClose, onDone }: FindingProps) {
  const t = useT();
  const words = useReviewWords();
  const current = target?.item.findings[target.aspect];
  return (
    <ActionModal<FindingValues, Finding>
      open={open}
      title={target ? t('review.findingTitle', { aspect: words.aspect(target.aspect), code: target.item.code, name: target.item.name }) : ''}
      okText={t('review.findingSubmit')}
      testId="review-finding-form"
      intro={target ? <span className="muted">{t('review.findingIntro', { round: view.batch.round, revision: target.item.revision })}</span> : undefined}
      initialValues={{
        verdict: current?.verdict === 'problem' ? 'problem' : 'pass',
        problem: current?.problem ?? undefined,
        comment: current?.comment ?? undefined,
      }}
      onClose={onClose}
      onSubmit={(v) =>
        reviewApi.recordFinding(view.batch.id, target!.item.itemId, target!.aspect, {
          verdict: v.verdict,
          problem: v.verdict === 'problem' ? (v.problem ?? null) : null,
          comment: v.comment?.trim() ? v.comment.trim() : null,
        })
      }
      successText={t('review.findingSaved')}
      onDone={onDone}
    >
      <Form.Item name="verdict" label={t('review.verdict')} rules={[{ required: true }]}>
        <Radio.Group
          data-testid="review-finding-verdict"
          optionType="button"
          buttonStyle="solid"
          options={[
            { value: 'pass', label: <span data-testid="review-finding-pass">{t('review.verdictPass')}</span> },
            { value: 'problem', label: <span data-testid="review-finding-problem">{t('review.verdictProblem')}</span> },
          ]}
        />
      </Form.Item>
      <FindingProblemFields />
    </ActionModal>
  );
}

/** A problem names its kind and says what is wrong; a pass may carry a note. */
function FindingProblemFields() {
  const t = useT();
  const { lang } = useLang();
  const words = useReviewWords();
  const verdict = Form.useWatch<Verdict | undefined>('verdict');
  const problem = verdict === 'problem';
  return (
    <>
      {problem ? (
        <Form.Item name="problem" label={t('review.problem')} rules={[{ required: true, message: t('form.choose', { field: t('review.problem') }) }]}>
          <Select<string>
            data-testid="review-finding-kind"
            options={(words.vocabulary?.problems ?? []).map((p) => ({ value: p.code, label: pickLabel(p.label, lang) }))}
          />
        </Form.Item>
      ) : null}
      <Form.Item
        name="comment"
        label={problem ? t('review.problemComment') : t('review.passComment')}
        rules={[
          ...(problem ? [{ required: true, whitespace: true, message: t('form.enter', { field: t('review.problemComment') }) }] : []),
          { max: 2000, message: t('form.tooLong', { n: 2000 }) },
        ]}
      >
        <Input.TextArea data-testid="review-finding-comment" rows={3} maxLength={2000} showCount />
      </Form.Item>
    </>
  );
}

interface OmissionProps {
  open: boolean;
  view: BatchView;
  onClose: () => void;
  onDone: (entry: Rectification) => void;
}

/** 漏报: the reviewer names an item the unit left out; it becomes an open rectification entry at once. */
export function OmissionModal({ open, view, onClose, onDone }: OmissionProps) {
  const t = useT();
  return (
    <ActionModal<{ name: string; comment: string }, Rectification>
      open={open}
      title={t('review.omissionTitle')}
      okText={t('review.omissionSubmit')}
      testId="review-omission-form"
      intro={<Alert type="info" showIcon title={t('review.omissionIntro')} />}
      onClose={onClose}
      onSubmit={(v) => reviewApi.raiseOmission(view.batch.id, { name: v.name.trim(), comment: v.comment.trim() })}
      successText={(e) => t('review.omissionRaised', { name: e.missingItemName ?? '' })}
      onDone={onDone}
    >
      <Form.Item
        name="name"
        label={t('review.omissionName')}
        rules={[
          { required: true, whitespace: true, message: t('form.enter', { field: t('review.omissionName') }) },
          { max: 200, message: t('form.tooLong', { n: 200 }) },
        ]}
      >
        <Input data-testid="review-omission-name" maxLength={200} />
      </Form.Item>
      <Form.Item
        name="comment"
        label={t('review.omissionComment')}
        rules={[
          { required: true, whitespace: true, message: t('form.enter', { field: t('review.omissionComment') }) },
          { max: 2000, message: t('form.tooLong', { n: 2000 }) },
        ]}
      >
        <Input.TextArea data-testid="review-omission-comment" rows={3} maxLength={2000} showCount />
      </Form.Item>
    </ActionModal>
  );
}
