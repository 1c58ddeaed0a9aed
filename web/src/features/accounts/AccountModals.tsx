import { Alert, Form, Input } from 'antd';
import { ActionModal } from '../../components/ActionModal';
import { PasswordFields } from '../../components/PasswordFields';
import { api } from '../../lib/api-client';
import type { Account } from '../../lib/api-types';
import { useT } from '../../lib/i18n';

interface Props {
  account: Account | undefined;
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}

/** 停用 / 启用 with a reason, whichever the account's status calls for. */
export function AccountStatusModal({ account, open, onClose, onDone }: Props) {
  const t = useT();
  const disabling = account?.status !== 'disabled';
  const who = { name: account?.name ?? '', login: account?.login ?? '' };
  return (
    <ActionModal<{ reason: string }, Account>
      open={open}
      title={disabling ? t('accounts.disableTitle', who) : t('accounts.enableTitle', who)}
      okText={disabling ? t('accounts.disable') : t('accounts.enable')}
      danger={disabling}
      testId="account-status-form"
      intro={<Alert type={disabling ? 'warning' : 'info'} showIcon title={disabling ? t('accounts.disableIntro') : t('accounts.enableIntro')} />}
      onClose={onClose}
      onSubmit={(v) => (disabling ? api.disableAccount(account!.id, v.reason.trim()) : api.enableAccount(account!.id, v.reason.trim()))}
      successText={(a) => (a.status === 'disabled' ? t('accounts.disabled', { login: a.login }) : t('accounts.enabled', { login: a.login }))}
      onDone={onDone}
    >
      <Form.Item
        name="reason"
        label={t('accounts.reason')}
        rules={[
          { required: true, whitespace: true, message: t('form.enter', { field: t('accounts.reason') }) },
          { max: 500, message: t('form.tooLong', { n: 500 }) },
        ]}
      >
        <Input.TextArea data-testid="account-status-reason" rows={3} maxLength={500} showCount />
      </Form.Item>
    </ActionModal>
  );
}

/** 重置密码: a new password (typed twice) for someone else's account; its sessions end. */
export function ResetPasswordModal({ account, open, onClose, onDone }: Props) {
  const t = useT();
  return (
    <ActionModal<{ password: string }, Account>
      open={open}
      title={t('accounts.resetTitle', { name: account?.name ?? '', login: account?.login ?? '' })}
      okText={t('accounts.resetPassword')}
      testId="account-reset-form"
      intro={<Alert type="warning" showIcon title={t('accounts.resetIntro')} />}
      onClose={onClose}
      onSubmit={(v) => api.resetPassword(account!.id, v.password)}
      successText={(a) => t('accounts.resetDone', { login: a.login })}
      onDone={onDone}
      fieldOfError={(e) => (e.code === 'auth.password_policy' ? 'password' : undefined)}
    >
      <PasswordFields name="password" label={t('password.new')} confirm testId="account-reset-password" />
    </ActionModal>
  );
}
