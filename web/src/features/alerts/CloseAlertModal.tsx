import { Alert, Form, Input } from 'antd';
import { ActionModal } from '../../components/ActionModal';
import { api } from '../../lib/api-client';
import type { AlertItem } from '../../lib/api-types';
import { useT } from '../../lib/i18n';

interface Props {
  alert: AlertItem | undefined;
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}

/** 办结 (inspector): records what was found and done; a closed alert cannot be changed. */
export function CloseAlertModal({ alert, open, onClose, onDone }: Props) {
  const t = useT();
  return (
    <ActionModal<{ outcome: string }, AlertItem>
      open={open}
      title={t('alerts.closeTitle', { subject: alert?.subject ?? '' })}
      okText={t('alerts.closeSubmit')}
      testId="alert-close-form"
      intro={<Alert type="info" showIcon title={t('alerts.closeIntro')} />}
      onClose={onClose}
      onSubmit={(v) => api.closeAlert(alert!.id, v.outcome.trim())}
      successText={t('alerts.closedOk')}
      onDone={onDone}
    >
      <Form.Item
        name="outcome"
        label={t('alerts.outcome')}
        rules={[
          { required: true, whitespace: true, message: t('form.enter', { field: t('alerts.outcome') }) },
          { max: 2000, message: t('form.tooLong', { n: 2000 }) },
        ]}
      >
        <Input.TextArea data-testid="alert-close-outcome" rows={5} maxLength={2000} showCount />
      </Form.Item>
    </ActionModal>
  );
}
