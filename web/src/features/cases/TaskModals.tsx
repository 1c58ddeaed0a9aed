import { useState } from 'react';
import { Alert, Descriptions, Form, Input, Modal, Select } from 'antd';
import type { ButtonProps } from 'antd';
import { ActionModal } from '../../components/ActionModal';
import { ApiError } from '../../lib/api-client';
import { useT } from '../../lib/i18n';
import { casesApi, type CaseView, type TaskView, type Upload } from './api';
import { Receipt, renderTaskError, SodRefusal, useDutyName } from './case-shared';
import { FileUploads } from './FileUploads';

/** Which task and case a modal is about, above its fields. */
function TaskHeader({ task }: { task: TaskView }) {
  const t = useT();
  const dutyName = useDutyName();
  return (
    <Descriptions size="small" column={1} bordered>
      <Descriptions.Item label={t('cases.col.receipt')}>
        <Receipt receipt={task.receipt} />
      </Descriptions.Item>
      <Descriptions.Item label={t('cases.col.item')}>
        <span className="mono">{task.itemCode}</span> {task.itemName}
      </Descriptions.Item>
      <Descriptions.Item label={t('cases.col.step')}>
        {task.stepName} <span className="muted">· {dutyName(task.duty)}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('cases.col.applicant')}>{task.applicantMasked}</Descriptions.Item>
    </Descriptions>
  );
}

interface ClaimValues {
  notice: string;
}

/**
 * Claiming a step that stops the clock (第四十五条: 听证、检验、检测、专家评审 …): the written notice to the applicant is
 * recorded with the claim, and the case is suspended while the step runs.
 */
export function ClaimNoticeModal({ task, open, onClose, onDone }: { task: TaskView | undefined; open: boolean; onClose: () => void; onDone: () => void }) {
  const t = useT();
  return (
    <ActionModal<ClaimValues, TaskView>
      open={open}
      title={task ? t('cases.claimTitle', { step: task.stepName }) : ''}
      okText={t('cases.claim')}
      testId="task-claim-form"
      width={560}
      intro={
        task ? (
          <>
            <TaskHeader task={task} />
            <Alert style={{ marginTop: 12 }} type="info" showIcon title={t('cases.clockStopIntro', { reason: task.clockStop ?? '' })} />
          </>
        ) : null
      }
      onClose={onClose}
      onSubmit={(v) => casesApi.claim(task!.id, v.notice.trim())}
      successText={t('cases.claimed')}
      onDone={onDone}
      renderError={renderTaskError}
      fieldOfError={(e) => (e.code === 'validation' ? 'notice' : undefined)}
    >
      <Form.Item
        name="notice"
        label={t('cases.notice')}
        extra={t('cases.noticeHint')}
        rules={[{ required: true, whitespace: true, message: t('cases.noticeRequired') }, { max: 1000 }]}
      >
        <Input.TextArea data-testid="task-claim-notice" rows={4} maxLength={1000} showCount />
      </Form.Item>
    </ActionModal>
  );
}

/** A claim the server refused (someone was quicker, or separation of duties): the reason, in a modal of its own. */
export function ClaimRefusedModal({ refusal, onClose }: { refusal: { task: TaskView; error: ApiError } | undefined; onClose: () => void }) {
  const t = useT();
  return (
    <Modal
      open={refusal !== undefined}
      title={refusal ? t('cases.claimRefusedTitle', { step: refusal.task.stepName }) : ''}
      onCancel={onClose}
      onOk={onClose}
      okText={t('cases.close')}
      cancelButtonProps={{ style: { display: 'none' } }}
      okButtonProps={{ 'data-testid': 'task-claim-refused-ok' } as ButtonProps}
    >
      {refusal ? (
        <div data-testid="task-claim-refused">
          <TaskHeader task={refusal.task} />
          <div style={{ marginTop: 12 }}>
            {refusal.error.code === 'sod.violation' ? <SodRefusal error={refusal.error} /> : <Alert type="error" showIcon title={refusal.error.message} />}
          </div>
        </div>
      ) : null}
    </Modal>
  );
}

interface CompleteValues {
  outcome?: string;
  comment?: string;
  attachments?: Upload[];
}

/**
 * 办理: records the step's outcome (which picks the branch after it), a comment and attachments. The server checks
 * separation of duties again and refuses with the rule and the earlier step; the modal shows that refusal.
 */
export function CompleteTaskModal({
  task,
  open,
  onClose,
  onDone,
}: {
  task: TaskView | undefined;
  open: boolean;
  onClose: () => void;
  onDone: (view: CaseView) => void;
}) {
  const t = useT();
  const [uploading, setUploading] = useState(false);
  const outcomes = task?.outcomes ?? [];
  return (
    <ActionModal<CompleteValues, CaseView>
      open={open}
      title={task ? t('cases.completeTitle', { step: task.stepName }) : ''}
      okText={t('cases.completeSubmit')}
      testId="task-complete-form"
      width={600}
      intro={task ? <TaskHeader task={task} /> : null}
      onClose={onClose}
      onSubmit={(v) => {
        if (uploading) return Promise.reject(new ApiError(0, 'upload.busy', t('cases.uploadBusy')));
        return casesApi.complete(task!.id, {
          outcome: outcomes.length > 0 ? (v.outcome ?? null) : null,
          comment: v.comment?.trim() ? v.comment.trim() : null,
          attachments: (v.attachments ?? []).map((a) => a.id),
        });
      }}
      successText={(view) =>
        view.state === 'done' ? t('cases.completedDone', { outcome: view.outcome ?? '' }) : t('cases.completed', { step: task?.stepName ?? '' })
      }
      onDone={onDone}
      renderError={renderTaskError}
      fieldOfError={(e) => (e.code === 'case.outcome_invalid' ? 'outcome' : undefined)}
    >
      {outcomes.length > 0 ? (
        <Form.Item name="outcome" label={t('cases.outcome')} extra={t('cases.outcomeHint')} rules={[{ required: true, message: t('cases.outcomeRequired') }]}>
          <Select<string>
            data-testid="task-outcome"
            placeholder={t('cases.outcomePlaceholder')}
            options={outcomes.map((o) => ({ value: o, label: o }))}
            popupMatchSelectWidth={false}
          />
        </Form.Item>
      ) : null}
      <Form.Item name="comment" label={t('cases.comment')} rules={[{ max: 2000 }]}>
        <Input.TextArea data-testid="task-comment" rows={4} maxLength={2000} showCount />
      </Form.Item>
      <Form.Item name="attachments" label={t('cases.attachments')} extra={t('cases.attachmentsHint')}>
        <FileUploads testId="task-attachments" onBusy={setUploading} />
      </Form.Item>
    </ActionModal>
  );
}
