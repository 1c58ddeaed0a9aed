import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Alert, App, Form, Modal } from 'antd';
import type { ButtonProps } from 'antd';
import { ApiError } from '../lib/api-client';
import { formFieldNames, serverFieldErrors, type ServerFieldMapper } from '../lib/form-errors';
import { useT } from '../lib/i18n';

export interface ActionModalProps<V, R> {
  open: boolean;
  title: ReactNode;
  okText: string;
  /** For actions that end or take something away. */
  danger?: boolean;
  /** data-testid of the form; the OK button gets `<testId>-submit`, the error box `<testId>-error`. */
  testId: string;
  initialValues?: Partial<V>;
  /** Shown above the fields: what the action does and what follows from it. */
  intro?: ReactNode;
  onClose: () => void;
  /** Sends the request; throws ApiError on failure. */
  onSubmit: (values: V) => Promise<R>;
  /** Shown as a message once the request succeeded. */
  successText: string | ((result: R) => string);
  /** Runs after success with the request's answer, e.g. to reload the list. */
  onDone?: (result: R) => void;
  /**
   * The field an error concerns as a whole (e.g. a login already taken); it then carries the server's message,
   * or the given shorter one.
   */
  fieldOfError?: (error: ApiError) => string | { name: string; message: string } | undefined;
  /** For forms whose request nests its fields: which form field a server field key belongs to. */
  serverField?: ServerFieldMapper;
  /** data-testid of the OK button when it should not be `<testId>-submit`. */
  submitTestId?: string;
  /** Modal width, for long forms; antd's default otherwise. */
  width?: number;
  /** Custom box for particular errors (e.g. separation of duties); the default shows the server's message. */
  renderError?: (error: ApiError) => ReactNode | undefined;
  children: ReactNode;
}

/**
 * A form in a modal that sends one request: it shows the server's message (and puts field problems next to
 * their fields), announces success, and clears itself once closed. Every workbench action uses it.
 */
export function ActionModal<V extends object, R = unknown>(props: ActionModalProps<V, R>) {
  const {
    open,
    title,
    okText,
    danger,
    testId,
    initialValues,
    intro,
    onClose,
    onSubmit,
    successText,
    onDone,
    fieldOfError,
    serverField,
    submitTestId,
    width,
    renderError,
    children,
  } = props;
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<V>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<{ error: ApiError; unplaced: string[] }>();

  // Each opening starts from the current initial values (they may belong to another row than last time).
  // The first opening mounts the form with them; later ones reset it.
  const mounted = useRef(false);
  useEffect(() => {
    if (!open) return;
    if (mounted.current) form.resetFields();
    mounted.current = true;
  }, [open, form]);

  const submit = async (values: V) => {
    setSubmitting(true);
    setError(undefined);
    let result: R;
    try {
      result = await onSubmit(values);
    } catch (cause) {
      const apiError = cause instanceof ApiError ? cause : new ApiError(0, 'unknown', String(cause));
      const names = formFieldNames(form);
      const { fieldErrors, unplaced } = serverFieldErrors(apiError, names, t, serverField);
      const found = fieldOfError?.(apiError);
      const whole = typeof found === 'string' ? { name: found, message: apiError.message } : found;
      if (whole && names.includes(whole.name) && !fieldErrors.some((f) => f.name === whole.name))
        fieldErrors.push({ name: whole.name, errors: [whole.message] });
      form.setFields(fieldErrors.map((f) => ({ name: f.name as never, errors: f.errors })));
      setError({ error: apiError, unplaced });
      setSubmitting(false);
      return;
    }
    setSubmitting(false);
    void message.success(typeof successText === 'function' ? successText(result) : successText);
    onDone?.(result);
    onClose();
  };

  const custom = error ? renderError?.(error.error) : undefined;

  return (
    <Modal
      open={open}
      title={title}
      width={width}
      okText={okText}
      okButtonProps={{ danger, 'data-testid': submitTestId ?? `${testId}-submit` } as ButtonProps}
      cancelButtonProps={{ disabled: submitting }}
      confirmLoading={submitting}
      onOk={() => form.submit()}
      onCancel={() => !submitting && onClose()}
      maskClosable={!submitting}
      // No forceRender: a hidden modal rendered ahead would take the Escape key from the visible one.
      afterClose={() => {
        form.resetFields();
        setError(undefined);
      }}
    >
      {intro ? <div style={{ marginBottom: 16 }}>{intro}</div> : null}
      {error ? (
        <div data-testid={`${testId}-error`} style={{ marginBottom: 16 }}>
          {custom ?? (
            <Alert type="error" showIcon title={error.error.message} description={error.unplaced.length > 0 ? error.unplaced.join('; ') : undefined} />
          )}
        </div>
      ) : null}
      <Form<V> form={form} data-testid={testId} layout="vertical" requiredMark="optional" initialValues={initialValues} onFinish={submit} disabled={submitting}>
        {children}
      </Form>
    </Modal>
  );
}
