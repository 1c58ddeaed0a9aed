import { Form, Input, Typography } from 'antd';
import { ActionModal } from '../../components/ActionModal';
import { PasswordFields } from '../../components/PasswordFields';
import { UnitSelect } from '../../components/UnitSelect';
import { api, type ApiError } from '../../lib/api-client';
import type { Account, Unit } from '../../lib/api-types';
import { useT } from '../../lib/i18n';

// The server's patterns (src/modules/accounts/accounts.contract.ts), checked here first.
const LOGIN_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{2,31}$/;
const PHONE_RE = /^[0-9+\- ]{5,20}$/;
const ID_NUMBER_RE = /^[0-9]{17}[0-9Xx]$/;

interface Values {
  name: string;
  login: string;
  password: string;
  unitCode: string;
  phone?: string;
  idNumber?: string;
}

interface Props {
  open: boolean;
  /** Units the account may belong to (active ones). */
  units: readonly Unit[] | undefined;
  unitsError?: ApiError;
  onClose: () => void;
  onDone: () => void;
}

/** 新建账号 (system administrator): a person with a login on a unit; roles are granted separately by the security administrator. */
export function NewAccountModal({ open, units, unitsError, onClose, onDone }: Props) {
  const t = useT();
  const optional = (value: string | undefined) => (value && value.trim() !== '' ? value.trim() : undefined);

  return (
    <ActionModal<Values, Account>
      open={open}
      title={t('accounts.newTitle')}
      okText={t('accounts.newSubmit')}
      testId="account-form"
      onClose={onClose}
      onSubmit={(v) =>
        api.createAccount({
          name: v.name.trim(),
          login: v.login.trim(),
          password: v.password,
          unitCode: v.unitCode,
          phone: optional(v.phone),
          idNumber: optional(v.idNumber)?.toUpperCase(),
        })
      }
      successText={(a) => t('accounts.created', { login: a.login })}
      onDone={onDone}
      fieldOfError={(e) => (e.code === 'auth.password_policy' ? 'password' : e.code === 'conflict' && e.details.login ? 'login' : undefined)}
    >
      <Form.Item
        name="name"
        label={t('accounts.name')}
        rules={[
          { required: true, whitespace: true, message: t('form.enter', { field: t('accounts.name') }) },
          { max: 50, message: t('form.tooLong', { n: 50 }) },
        ]}
      >
        <Input data-testid="account-name" autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="login"
        label={t('accounts.login')}
        extra={t('accounts.loginHint')}
        rules={[
          { required: true, whitespace: true, message: t('form.enter', { field: t('accounts.login') }) },
          { pattern: LOGIN_RE, message: t('accounts.loginHint') },
        ]}
      >
        <Input data-testid="account-login" autoComplete="off" autoCapitalize="off" spellCheck={false} maxLength={32} />
      </Form.Item>
      <PasswordFields name="password" label={t('accounts.password')} testId="account-password" />
      <Form.Item name="unitCode" label={t('accounts.unit')} rules={[{ required: true, message: t('form.choose', { field: t('accounts.unit') }) }]}>
        <UnitSelect testId="account-unit" units={units} loadError={unitsError} />
      </Form.Item>
      <Form.Item name="phone" label={t('accounts.phone')} rules={[{ pattern: PHONE_RE, message: t('accounts.phoneInvalid') }]}>
        <Input data-testid="account-phone" autoComplete="off" inputMode="tel" maxLength={20} />
      </Form.Item>
      <Form.Item name="idNumber" label={t('accounts.idNumber')} rules={[{ pattern: ID_NUMBER_RE, message: t('accounts.idNumberInvalid') }]}>
        <Input data-testid="account-id-number" autoComplete="off" spellCheck={false} maxLength={18} />
      </Form.Item>
      <Typography.Text type="secondary">{t('accounts.personalHint')}</Typography.Text>
    </ActionModal>
  );
}
