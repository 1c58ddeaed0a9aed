import { useEffect, useState } from 'react';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { PASSWORD_CHANGED_NOTICE, useAuth } from '../../app/auth-context';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { ApiError } from '../../lib/api-client';
import { useT } from '../../lib/i18n';
import { formatInstant } from '../../lib/time';

interface LoginValues {
  login: string;
  password: string;
}

/** Only return to workbench pages after login; anything else could be an open-redirect trick. */
function returnPath(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/workbench') ? from : '/workbench';
}

/** Staff login. Error texts come from the server, already in the UI language. */
export function LoginPage() {
  const t = useT();
  const { state, check, login } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError>();
  // Set when the user arrives here because their session ended on purpose (a password change).
  const notice = (location.state as { notice?: unknown } | null)?.notice;

  // A visitor who still has a session skips the form; the check runs quietly behind it.
  useEffect(() => {
    if (state.status === 'unknown') check();
  }, [state.status, check]);

  if (state.status === 'authenticated' && !submitting) return <Navigate to="/workbench" replace />;

  const onFinish = async (values: LoginValues) => {
    setSubmitting(true);
    setError(undefined);
    try {
      await login(values.login.trim(), values.password);
      navigate(returnPath(location.state), { replace: true });
    } catch (cause) {
      setError(cause instanceof ApiError ? cause : new ApiError(0, 'unknown', String(cause)));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div className="login-page">
      <div className="login-brand">
        <div className="name">{t('app.title')}</div>
        <div className="tagline">{t('app.tagline')}</div>
      </div>
      <Card className="login-card">
        <Flex justify="space-between" align="center" style={{ marginBottom: 16 }}>
          <div>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t('login.title')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('login.subtitle')}</Typography.Text>
          </div>
          <LanguageSwitch />
        </Flex>

        {error ? (
          <LoginError error={error} />
        ) : notice === PASSWORD_CHANGED_NOTICE ? (
          <Alert data-testid="login-notice" type="success" showIcon style={{ marginBottom: 16 }} title={t('changePassword.done')} />
        ) : null}

        <Form<LoginValues> data-testid="login-form" layout="vertical" requiredMark={false} onFinish={onFinish} disabled={submitting}>
          <Form.Item name="login" label={t('login.username')} rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}>
            <Input data-testid="login-username" prefix={<UserOutlined />} autoComplete="username" autoCapitalize="off" spellCheck={false} size="large" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password data-testid="login-password" prefix={<LockOutlined />} autoComplete="current-password" size="large" />
          </Form.Item>
          <Button data-testid="login-submit" type="primary" htmlType="submit" size="large" block loading={submitting}>
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
      <Link to="/" style={{ marginTop: 16 }}>
        {t('login.backHome')}
      </Link>
    </div>
  );
}

/** The server's message; for a locked account also when the lock ends, in Beijing time. */
function LoginError({ error }: { error: ApiError }) {
  const t = useT();
  const lockedUntil = error.code === 'auth.locked' ? error.details.lockedUntil : undefined;
  return (
    <Alert
      data-testid="login-error"
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      title={error.message}
      description={
        typeof lockedUntil === 'string' ? (
          <span data-testid="login-locked-until">{t('login.lockedUntil', { time: formatInstant(lockedUntil) })}</span>
        ) : undefined
      }
    />
  );
}
