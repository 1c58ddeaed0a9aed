import { Alert, Form, Input } from 'antd';
import { useNavigate } from 'react-router-dom';
import { PASSWORD_CHANGED_NOTICE, useAuth } from '../../app/auth-context';
import { ActionModal } from '../../components/ActionModal';
import { PasswordFields } from '../../components/PasswordFields';
import { api } from '../../lib/api-client';
import { useT } from '../../lib/i18n';

interface Values {
  currentPassword: string;
  newPassword: string;
}

/**
 * 修改密码, for everyone. The server ends every session of the account, this one included, so on success the
 * user is told so on the login page.
 */
export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const { sessionEnded } = useAuth();

  return (
    <ActionModal<Values, void>
      open={open}
      title={t('changePassword.title')}
      okText={t('changePassword.submit')}
      testId="password-form"
      intro={<Alert type="info" showIcon title={t('changePassword.intro')} />}
      onClose={onClose}
      onSubmit={(v) => api.changePassword(v.currentPassword, v.newPassword)}
      successText={t('changePassword.done')}
      onDone={() => {
        navigate('/login', { replace: true, state: { notice: PASSWORD_CHANGED_NOTICE } });
        sessionEnded();
      }}
      fieldOfError={(e) => (e.code === 'auth.invalid_credentials' ? 'currentPassword' : e.code === 'auth.password_policy' ? 'newPassword' : undefined)}
    >
      <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('form.enter', { field: t('password.current') }) }]}>
        <Input.Password data-testid="password-current" autoComplete="current-password" />
      </Form.Item>
      <PasswordFields name="newPassword" label={t('password.new')} confirm differentFrom="currentPassword" testId="password-new" />
    </ActionModal>
  );
}
