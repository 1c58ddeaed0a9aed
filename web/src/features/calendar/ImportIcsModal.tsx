import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Checkbox, Descriptions, Flex, Form, Input, InputNumber, Modal, Typography } from 'antd';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ApiError } from '../../lib/api-client';
import { useT } from '../../lib/i18n';
import { calendarApi, CALENDAR_YEARS, type IcsImportResult } from './api';
import { RegionSelect, type Regions } from './RegionSelect';

interface Props {
  open: boolean;
  regions: Regions;
  region: string;
  year: number;
  onClose: () => void;
  /** After a successful import, e.g. to show the year. */
  onDone: (result: IcsImportResult) => void;
}

type Outcome = { kind: 'done'; result: IcsImportResult } | { kind: 'failed'; error: ApiError };

/** What a refusal (422 calendar.ics_refused) says about the file, when it read it at all. */
function refusalDetails(error: ApiError): { events?: number; eventsOutsideYear?: number; skipped: IcsImportResult['skipped'] } | undefined {
  if (error.code !== 'calendar.ics_refused') return undefined;
  const d = error.details;
  return {
    events: typeof d.events === 'number' ? d.events : undefined,
    eventsOutsideYear: typeof d.eventsOutsideYear === 'number' ? d.eventsOutsideYear : undefined,
    skipped: Array.isArray(d.skipped) ? (d.skipped as IcsImportResult['skipped']) : [],
  };
}

/**
 * 导入 ICS: a year's holidays from an iCalendar file (holiday feeds, calendar apps). Shows what was imported — the
 * notice, its days, events left out and why — or the refusal of a file that is not one.
 */
export function ImportIcsModal({ open, regions, region: initialRegion, year: initialYear, onClose, onDone }: Props) {
  const t = useT();
  const [region, setRegion] = useState(initialRegion);
  const [year, setYear] = useState<number | null>(initialYear);
  const [notice, setNotice] = useState('');
  const [replace, setReplace] = useState(false);
  const [file, setFile] = useState<File>();
  const [fileError, setFileError] = useState<string>();
  const [sending, setSending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  const fileInput = useRef<HTMLInputElement>(null);

  // Each opening starts afresh, on the page's region and year.
  useEffect(() => {
    if (!open) return;
    setRegion(initialRegion);
    setYear(initialYear);
    setNotice('');
    setReplace(false);
    setFile(undefined);
    setFileError(undefined);
    setOutcome(undefined);
    if (fileInput.current) fileInput.current.value = '';
  }, [open, initialRegion, initialYear]);

  const submit = async () => {
    if (!file) return setFileError(t('calendar.importChooseFile'));
    if (year === null) return;
    setSending(true);
    setOutcome(undefined);
    try {
      const result = await calendarApi.importIcs(file, { year, region, notice: notice.trim() || undefined, replace });
      setOutcome({ kind: 'done', result });
      onDone(result);
    } catch (cause) {
      setOutcome({ kind: 'failed', error: cause instanceof ApiError ? cause : new ApiError(0, 'unknown', String(cause)) });
    } finally {
      setSending(false);
    }
  };

  const refusal = outcome?.kind === 'failed' ? refusalDetails(outcome.error) : undefined;
  const done = outcome?.kind === 'done' ? outcome.result : undefined;

  return (
    <Modal
      open={open}
      width={720}
      title={t('calendar.importTitle')}
      onCancel={() => !sending && onClose()}
      maskClosable={!sending}
      footer={[
        <Button key="close" data-testid="calendar-import-close" onClick={onClose} disabled={sending}>
          {done ? t('calendar.close') : t('calendar.cancel')}
        </Button>,
        <Button
          key="submit"
          type="primary"
          data-testid="calendar-import-submit"
          loading={sending}
          disabled={!file || year === null}
          onClick={() => void submit()}
        >
          {t('calendar.importSubmit')}
        </Button>,
      ]}
    >
      <Typography.Paragraph type="secondary">{t('calendar.importIntro')}</Typography.Paragraph>
      <Form layout="vertical" disabled={sending} data-testid="calendar-import-form">
        <Flex wrap gap={12}>
          <Form.Item label={t('calendar.region')} required style={{ minWidth: 220, flex: '1 1 220px' }}>
            <RegionSelect
              regions={regions}
              extra={[initialRegion]}
              testId="calendar-import-region"
              value={region}
              onChange={setRegion}
              aria-label={t('calendar.regionAria')}
            />
          </Form.Item>
          <Form.Item label={t('calendar.year')} required>
            <InputNumber
              min={CALENDAR_YEARS.from}
              max={CALENDAR_YEARS.to}
              precision={0}
              value={year}
              onChange={(v) => setYear(v)}
              aria-label={t('calendar.year')}
              data-testid="calendar-import-year"
              style={{ width: 110 }}
            />
          </Form.Item>
        </Flex>
        <Form.Item label={t('calendar.noticeNumber')} extra={t('calendar.importNoticeHint')}>
          <Input value={notice} onChange={(e) => setNotice(e.target.value)} maxLength={200} data-testid="calendar-import-notice" />
        </Form.Item>
        <Form.Item label={t('calendar.importFile')} required validateStatus={fileError ? 'error' : undefined} help={fileError}>
          <input
            ref={fileInput}
            type="file"
            accept=".ics,text/calendar"
            data-testid="calendar-import-file"
            aria-label={t('calendar.importFile')}
            onChange={(e) => {
              setFile(e.target.files?.[0]);
              setFileError(undefined);
              setOutcome(undefined);
            }}
          />
        </Form.Item>
        <Form.Item style={{ marginBottom: 0 }}>
          <Checkbox checked={replace} onChange={(e) => setReplace(e.target.checked)} data-testid="calendar-import-replace">
            {t('calendar.replace')}
          </Checkbox>
        </Form.Item>
      </Form>

      {done ? (
        <Alert
          type="success"
          showIcon
          style={{ marginTop: 16 }}
          data-testid="calendar-import-result"
          title={t(done.replaced ? 'calendar.importReplaced' : 'calendar.importDone', {
            region: regions.nameOf(done.notice.region),
            year: done.notice.year,
            notice: done.notice.notice,
          })}
          description={
            <>
              <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
                <Descriptions.Item label={t('calendar.col.holidays')}>{done.notice.holidays}</Descriptions.Item>
                <Descriptions.Item label={t('calendar.col.workdays')}>{done.notice.workdays}</Descriptions.Item>
                <Descriptions.Item label={t('calendar.importEvents')}>{done.events}</Descriptions.Item>
                <Descriptions.Item label={t('calendar.importOutside')}>{done.eventsOutsideYear}</Descriptions.Item>
                {done.daysOutsideYear > 0 ? <Descriptions.Item label={t('calendar.importDaysOutside')}>{done.daysOutsideYear}</Descriptions.Item> : null}
              </Descriptions>
              {done.deadlinesMoved.length ? <div>{t('calendar.movedAlone', { n: done.deadlinesMoved.length })}</div> : null}
              <Skipped skipped={done.skipped} />
            </>
          }
        />
      ) : null}
      {outcome?.kind === 'failed' ? (
        <div style={{ marginTop: 16 }} data-testid="calendar-import-error" data-code={outcome.error.code}>
          <ErrorAlert error={outcome.error} testId="calendar-import-error-alert" />
          {refusal?.events !== undefined ? (
            <Typography.Paragraph style={{ marginTop: 8 }}>
              {t('calendar.importRefusedEvents', { events: refusal.events, outside: refusal.eventsOutsideYear ?? 0 })}
            </Typography.Paragraph>
          ) : null}
          {refusal ? <Skipped skipped={refusal.skipped} /> : null}
        </div>
      ) : null}
    </Modal>
  );
}

function Skipped({ skipped }: { skipped: IcsImportResult['skipped'] }) {
  const t = useT();
  if (skipped.length === 0) return null;
  return (
    <div style={{ marginTop: 8 }} data-testid="calendar-import-skipped">
      <Typography.Text strong>{t('calendar.importSkipped', { n: skipped.length })}</Typography.Text>
      <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
        {skipped.map((s) => (
          <li key={s.line}>
            {t('calendar.importLine', { line: s.line })}
            {s.summary ? ` · ${s.summary}` : ''} · {s.reason}
          </li>
        ))}
      </ul>
    </div>
  );
}
