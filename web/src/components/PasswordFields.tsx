import { Form, Input } from 'antd';
import { api } from '../lib/api-client';
import { BASELINE_PASSWORD_RULES, passwordProblems } from '../lib/password';
import { useT } from '../lib/i18n';
import { useApiQuery } from '../lib/use-api-query';

interface Props {
  /** Form field name of the new password; the confirmation, if any, is `<name>Confirm`. */
  name: string;
  label: string;
  /** Ask for the password twice. */
  confirm?: boolean;
  /** A field holding the current password, which the new one must differ from. */
  differentFrom?: string;
  testId: string;
}

/**
 * A new password with the county's rules shown beneath it and checked as the user types (the server checks
 * again). Until the county's policy has loaded, or if it cannot be read, the baseline rules apply.
 */
export function PasswordFields({ name, label, confirm = false, differentFrom, testId }: Props) {
  const t = useT();
  const policy = useApiQuery((signal) => api.securityPolicy(signal), []);
  const rules = policy.data ?? BASELINE_PASSWORD_RULES;
  return (
    <>
      <Form.Item
        name={name}
        label={label}
        extra={<span data-testid={`${testId}-policy`}>{t('password.policyHint', { n: rules.minPasswordLength, k: rules.minPasswordClasses })}</span>}
        dependencies={differentFrom ? [differentFrom] : undefined}
        rules={[
          { required: true, message: t('form.enter', { field: label }) },
          ({ getFieldValue }) => ({
            validator(_, value: unknown) {
              if (typeof value !== 'string' || value === '') return Promise.resolve();
              const problems = passwordProblems(value, rules);
              if (problems.includes('too_short')) return Promise.reject(new Error(t('password.tooShort', { n: rules.minPasswordLength })));
              if (problems.includes('too_few_classes')) return Promise.reject(new Error(t('password.tooFewClasses', { n: rules.minPasswordClasses })));
              if (differentFrom && getFieldValue(differentFrom) === value) return Promise.reject(new Error(t('password.sameAsCurrent')));
              return Promise.resolve();
            },
          }),
        ]}
      >
        <Input.Password data-testid={testId} autoComplete="new-password" />
      </Form.Item>
      {confirm ? (
        <Form.Item
          name={`${name}Confirm`}
          label={t('password.confirm')}
          dependencies={[name]}
          rules={[
            { required: true, message: t('form.enter', { field: t('password.confirm') }) },
            ({ getFieldValue }) => ({
              validator(_, value: unknown) {
                if (!value || getFieldValue(name) === value) return Promise.resolve();
                return Promise.reject(new Error(t('password.mismatch')));
              },
            }),
          ]}
        >
          <Input.Password data-testid={`${testId}-confirm`} autoComplete="new-password" />
        </Form.Item>
      ) : null}
    </>
  );
}
