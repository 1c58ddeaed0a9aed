import { useRef, useState } from 'react';
import { Button, Flex, Typography } from 'antd';
import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { ApiError } from '../../lib/api-client';
import { useT } from '../../lib/i18n';
import { casesApi, type Upload } from './api';
import { formatSize } from './case-shared';

interface Props {
  /** Set by Form.Item: the files uploaded so far. */
  value?: Upload[];
  onChange?: (value: Upload[]) => void;
  testId: string;
  /** What the button says (上传附件 / 上传材料). */
  buttonText?: string;
  disabled?: boolean;
  /** Tells the form an upload is running, so it is not sent without the file. */
  onBusy?: (busy: boolean) => void;
}

/**
 * Files sent one by one as they are chosen (POST /cases/uploads, raw bytes); the form keeps what the server answered
 * and sends only the ids. The server checks type and size and says why it refuses a file; the refusal shows here.
 */
export function FileUploads({ value = [], onChange, testId, buttonText, disabled, onBusy }: Props) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(0);
  const [errors, setErrors] = useState<string[]>([]);

  const send = async (files: File[]) => {
    setErrors([]);
    setBusy((n) => n + files.length);
    onBusy?.(true);
    const added: Upload[] = [];
    const failed: string[] = [];
    for (const file of files) {
      try {
        added.push(await casesApi.upload(file));
      } catch (cause) {
        failed.push(`${file.name}: ${cause instanceof ApiError ? cause.message : String(cause)}`);
      } finally {
        setBusy((n) => n - 1);
      }
    }
    onBusy?.(false);
    if (added.length > 0) onChange?.([...value, ...added]);
    setErrors(failed);
  };

  return (
    <div data-testid={testId}>
      <input
        ref={input}
        type="file"
        multiple
        style={{ display: 'none' }}
        data-testid={`${testId}-input`}
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = '';
          if (files.length > 0) void send(files);
        }}
      />
      <Button icon={<UploadOutlined />} size="small" loading={busy > 0} disabled={disabled} onClick={() => input.current?.click()}>
        {buttonText ?? t('cases.upload')}
      </Button>
      {value.length > 0 ? (
        <Flex vertical gap={2} style={{ marginTop: 6 }} data-testid={`${testId}-files`}>
          {value.map((f) => (
            <Flex key={f.id} gap={6} align="center" data-testid={`${testId}-file`}>
              <PaperClipOutlined />
              <span>{f.name}</span>
              <span className="muted">{formatSize(f.size)}</span>
              <Button
                type="text"
                size="small"
                icon={<DeleteOutlined />}
                aria-label={t('cases.uploadRemove', { name: f.name })}
                disabled={disabled}
                onClick={() => onChange?.(value.filter((x) => x.id !== f.id))}
              />
            </Flex>
          ))}
        </Flex>
      ) : null}
      {errors.map((e) => (
        <Typography.Text key={e} type="danger" style={{ display: 'block' }} data-testid={`${testId}-error`}>
          {e}
        </Typography.Text>
      ))}
    </div>
  );
}
