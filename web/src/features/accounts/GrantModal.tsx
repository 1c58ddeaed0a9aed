import { Alert, Form, Select, Space, Typography } from 'antd';
import { ActionModal } from '../../components/ActionModal';
import { UnitSelect } from '../../components/UnitSelect';
import { api, type ApiError } from '../../lib/api-client';
import type { Account, Label, RoleCode, Unit } from '../../lib/api-types';
import { useLang, useT } from '../../lib/i18n';
import { ROLE_ORDER, roleName } from '../../lib/labels';

interface Values {
  role: RoleCode;
  unitCode: string;
}

interface Props {
  account: Account | undefined;
  open: boolean;
  /** Units a role may be granted on (active ones). */
  units: readonly Unit[] | undefined;
  unitsError?: ApiError;
  /** Role labels the server has sent so far. */
  roleLabels: Map<string, Label>;
  onClose: () => void;
  onDone: () => void;
}

/** 授权 (security administrator): a role on a unit and everything below it. */
export function GrantModal({ account, open, units, unitsError, roleLabels, onClose, onDone }: Props) {
  const t = useT();
  const { lang } = useLang();
  const who = { name: account?.name ?? '', login: account?.login ?? '' };

  return (
    <ActionModal<Values, Account>
      open={open}
      title={t('grants.title', who)}
      okText={t('grants.submit')}
      testId="grant-form"
      intro={
        <Space orientation="vertical" size={4}>
          <Typography.Text type="secondary">{t('grants.unitHint')}</Typography.Text>
          <Typography.Text type="secondary">{t('grants.sodHint')}</Typography.Text>
        </Space>
      }
      initialValues={account?.unit ? { unitCode: account.unit.code } : undefined}
      onClose={onClose}
      onSubmit={(v) => api.grantRole({ login: account!.login, role: v.role, unitCode: v.unitCode })}
      successText={(a) => {
        const granted = a.grants.filter((g) => !account?.grants.some((old) => old.id === g.id))[0];
        return granted
          ? t('grants.granted', { login: a.login, role: roleName(granted.role as RoleCode, lang, roleLabels), unit: granted.unit.name })
          : t('grants.submit');
      }}
      onDone={onDone}
      fieldOfError={(e) => (e.code === 'grant.separation_of_duties' ? { name: 'role', message: t('grants.sodField') } : undefined)}
      // Separation of duties is the refusal people most need to understand: say what the rule is, then the server's account of it.
      renderError={(e) =>
        e.code === 'grant.separation_of_duties' ? (
          <Alert type="error" showIcon data-testid="grant-sod-error" title={t('grants.sodTitle')} description={e.message} />
        ) : undefined
      }
    >
      <Form.Item name="role" label={t('grants.role')} rules={[{ required: true, message: t('form.choose', { field: t('grants.role') }) }]}>
        <Select<RoleCode>
          data-testid="grant-role"
          showSearch={{ optionFilterProp: 'label' }}
          // Tall enough for every role at once.
          listHeight={ROLE_ORDER.length * 32 + 8}
          options={ROLE_ORDER.map((role) => ({ value: role, label: roleName(role, lang, roleLabels) }))}
        />
      </Form.Item>
      <Form.Item name="unitCode" label={t('grants.unit')} rules={[{ required: true, message: t('form.choose', { field: t('grants.unit') }) }]}>
        <UnitSelect testId="grant-unit" units={units} loadError={unitsError} />
      </Form.Item>
    </ActionModal>
  );
}
