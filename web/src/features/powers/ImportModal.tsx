import { useEffect, useRef, useState, type HTMLAttributes } from 'react';
import { Alert, Button, Descriptions, Form, Modal, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ErrorAlert } from '../../components/ErrorAlert';
import { UnitSelect } from '../../components/UnitSelect';
import { api, ApiError } from '../../lib/api-client';
import type { PowerFileFormat, PowerImportProblem, PowerImportResult, Unit } from '../../lib/api-types';
import { useT } from '../../lib/i18n';

interface Props {
  open: boolean;
  /** Units the user may import into. */
  units: readonly Unit[] | undefined;
  unitsError?: ApiError;
  defaultUnit?: string;
  onClose: () => void;
  /** After a successful import, e.g. to reload the list. */
  onDone: (result: PowerImportResult) => void;
}

/** The file's format by its extension; the server reads each differently. */
export function formatOf(fileName: string): PowerFileFormat | undefined {
  const ext = fileName.toLowerCase().split('.').pop();
  return ext === 'xlsx' || ext === 'csv' || ext === 'json' ? ext : undefined;
}

type Outcome =
  { kind: 'done'; result: PowerImportResult } | { kind: 'rejected'; error: ApiError; rows: PowerImportProblem[] } | { kind: 'failed'; error: ApiError };

function rejectedRows(error: ApiError): PowerImportProblem[] | undefined {
  if (error.code !== 'import.rejected' || !Array.isArray(error.details.rows)) return undefined;
  return error.details.rows as PowerImportProblem[];
}

/**
 * 导入: a unit's list from a spreadsheet (xlsx, csv) or JSON export. All or nothing — a file with any bad row is
 * rejected whole, and the report lists every row to correct.
 */
export function ImportModal({ open, units, unitsError, defaultUnit, onClose, onDone }: Props) {
  const t = useT();
  const [unitCode, setUnitCode] = useState<string | undefined>(defaultUnit);
  const [file, setFile] = useState<File>();
  const [fileError, setFileError] = useState<string>();
  const [sending, setSending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  const fileInput = useRef<HTMLInputElement>(null);

  // Each opening starts afresh, on the list's current unit.
  useEffect(() => {
    if (!open) return;
    setUnitCode(defaultUnit);
    setFile(undefined);
    setFileError(undefined);
    setOutcome(undefined);
    if (fileInput.current) fileInput.current.value = '';
  }, [open, defaultUnit]);

  const format = file ? formatOf(file.name) : undefined;

  const submit = async () => {
    if (!file) return setFileError(t('powers.importChooseFile'));
    if (!format) return setFileError(t('powers.importBadExtension'));
    if (!unitCode) return;
    setSending(true);
    setOutcome(undefined);
    try {
      const result = await api.importPowers(unitCode, format, file);
      setOutcome({ kind: 'done', result });
      onDone(result);
    } catch (cause) {
      const error = cause instanceof ApiError ? cause : new ApiError(0, 'unknown', String(cause));
      const rows = rejectedRows(error);
      setOutcome(rows ? { kind: 'rejected', error, rows } : { kind: 'failed', error });
    } finally {
      setSending(false);
    }
  };

  const columns: TableColumnsType<PowerImportProblem> = [
    { title: t('powers.reportRow'), dataIndex: 'row', key: 'row', width: 70 },
    { title: t('powers.reportColumn'), dataIndex: 'column', key: 'column', width: 160 },
    {
      title: t('powers.reportValue'),
      dataIndex: 'value',
      key: 'value',
      render: (v: string) => (v === '' ? <span className="muted">{t('powers.reportEmpty')}</span> : v),
    },
    { title: t('powers.reportReason'), dataIndex: 'reason', key: 'reason' },
  ];

  return (
    <Modal
      open={open}
      width={820}
      title={t('powers.importTitle')}
      onCancel={() => !sending && onClose()}
      maskClosable={!sending}
      footer={[
        <Button key="close" data-testid="import-close" onClick={onClose} disabled={sending}>
          {outcome?.kind === 'done' ? t('powers.close') : t('powers.cancel')}
        </Button>,
        <Button key="submit" type="primary" data-testid="import-submit" loading={sending} disabled={!unitCode || !file} onClick={() => void submit()}>
          {t('powers.importSubmit')}
        </Button>,
      ]}
    >
      <Typography.Paragraph type="secondary">{t('powers.importIntro')}</Typography.Paragraph>
      <Form layout="vertical" disabled={sending}>
        <Form.Item label={t('powers.importUnit')} required>
          <UnitSelect testId="import-unit" units={units} loadError={unitsError} value={unitCode} onChange={(v) => setUnitCode(v)} />
        </Form.Item>
        <Form.Item label={t('powers.importFile')} required extra={t('powers.importFileHint')} validateStatus={fileError ? 'error' : undefined} help={fileError}>
          <input
            ref={fileInput}
            type="file"
            accept=".xlsx,.csv,.json"
            data-testid="import-file"
            aria-label={t('powers.importFile')}
            onChange={(e) => {
              const chosen = e.target.files?.[0];
              setFile(chosen);
              setFileError(chosen && !formatOf(chosen.name) ? t('powers.importBadExtension') : undefined);
              setOutcome(undefined);
            }}
          />
        </Form.Item>
      </Form>

      {outcome?.kind === 'done' ? (
        <Alert
          type="success"
          showIcon
          data-testid="import-result"
          title={t('powers.importDone')}
          description={
            <Descriptions size="small" column={3}>
              <Descriptions.Item label={t('powers.importCreated')}>
                <span data-testid="import-created">{outcome.result.created}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('powers.importRevised')}>
                <span data-testid="import-revised">{outcome.result.revised}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('powers.importUnchanged')}>
                <span data-testid="import-unchanged">{outcome.result.unchanged}</span>
              </Descriptions.Item>
            </Descriptions>
          }
        />
      ) : null}
      {outcome?.kind === 'rejected' ? (
        <div data-testid="import-report">
          <Alert type="error" showIcon title={outcome.error.message} description={t('powers.importRejectedHint', { n: outcome.rows.length })} />
          <Table<PowerImportProblem>
            style={{ marginTop: 12 }}
            rowKey={(r) => `${r.row}|${r.column}|${r.reason}`}
            size="small"
            columns={columns}
            dataSource={outcome.rows}
            pagination={false}
            scroll={{ y: 360 }}
            onRow={() => ({ 'data-testid': 'import-report-row' }) as HTMLAttributes<HTMLElement>}
          />
        </div>
      ) : null}
      {outcome?.kind === 'failed' ? <ErrorAlert error={outcome.error} testId="import-error" /> : null}
    </Modal>
  );
}
