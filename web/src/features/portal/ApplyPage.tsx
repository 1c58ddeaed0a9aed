import { useRef, useState, type ChangeEvent } from 'react';
import { Alert, Button, Card, Flex, Form, Input, Result, Skeleton, Tag, Typography } from 'antd';
import {
  ArrowLeftOutlined,
  CheckCircleFilled,
  CloseOutlined,
  ExclamationCircleFilled,
  LoadingOutlined,
  PaperClipOutlined,
  SearchOutlined,
} from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { ButtonLink } from '../../components/ButtonLink';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ApiError } from '../../lib/api-client';
import { formFieldNames, serverFieldErrors } from '../../lib/form-errors';
import { useLang, useT, type MessageKey, type TFunction } from '../../lib/i18n';
import { useApiQuery } from '../../lib/use-api-query';
import { casesPublicApi, formatBytes, formatReceipt, type ApplicationForm, type ApplicationReceipt, type Upload } from './cases-api';
import { PortalLayout } from './PortalLayout';
import './cases.css';

// The server's patterns (src/modules/cases/case.contract.ts ApplicantSchema), checked here first.
const ONE_LINE = /^[^\r\n]*$/;
const ID_NUMBER = /^[0-9A-Za-z]{6,32}$/;
const PHONE = /^[0-9+\- ]{5,20}$/;

interface Values {
  name: string;
  idNumber?: string;
  phone?: string;
  organisation?: string;
  summary?: string;
}

/** One chosen file of one material: on its way up, kept by the server, or refused (here or there). */
interface FileEntry {
  key: number;
  name: string;
  size: number;
  status: 'uploading' | 'done' | 'error';
  upload?: Upload;
  error?: string;
}

/** 在线申请 (`/powers/:code/apply`): a citizen applies for a published item without an account and gets a receipt code. */
export default function ApplyPage() {
  const { code = '' } = useParams();
  const t = useT();
  const form = useApiQuery((signal) => casesPublicApi.applicationForm(code, signal), [code]);
  const [receipt, setReceipt] = useState<ApplicationReceipt>();

  let body;
  if (receipt) body = <Receipt receipt={receipt} />;
  else if (form.error?.status === 404) {
    body = (
      <Result
        status="404"
        data-testid="apply-not-found"
        title={t('apply.notFoundTitle')}
        subTitle={t('apply.notFoundHint')}
        extra={
          <Flex gap={8} wrap justify="center">
            <ButtonLink type="primary" to="/powers">
              {t('public.back')}
            </ButtonLink>
            <ButtonLink to="/">{t('public.backHome')}</ButtonLink>
          </Flex>
        }
      />
    );
  } else if (form.error) body = <ErrorAlert error={form.error} onRetry={form.reload} />;
  else if (form.data === undefined) {
    body = (
      <div data-testid="page-loading">
        <Skeleton active paragraph={{ rows: 10 }} />
      </div>
    );
  } else body = <ApplyForm key={`${form.data.itemCode}-${form.data.revision}`} item={form.data} onDone={setReceipt} />;

  return (
    <PortalLayout testId="apply-page">
      {receipt ? null : (
        <div className="public-back">
          <Link to={`/powers/${encodeURIComponent(code)}`}>
            <ArrowLeftOutlined /> {t('apply.backToItem')}
          </Link>
        </div>
      )}
      {body}
    </PortalLayout>
  );
}

/** The accepted types as people read them: PDF, JPG …; and as the file chooser's `accept`. */
function typesOf(upload: ApplicationForm['upload'], separator: string): { label: string; accept: string; allows: (file: File) => boolean } {
  const exts = upload.types.filter((x) => !x.includes('/')).map((x) => x.replace(/^\./, '').toLowerCase());
  const media = upload.types.filter((x) => x.includes('/'));
  const short = (m: string) => (m.includes('wordprocessingml') ? 'DOCX' : m.includes('spreadsheetml') ? 'XLSX' : (m.split('/')[1] ?? m).toUpperCase());
  const label = [...new Set([...exts.map((x) => x.toUpperCase()), ...media.map(short)])].join(separator);
  const accept = [...exts.map((x) => `.${x}`), ...media].join(',');
  const allows = (file: File) => {
    if (upload.types.length === 0) return true;
    const dot = file.name.lastIndexOf('.');
    const ext = dot > 0 ? file.name.slice(dot + 1).toLowerCase() : '';
    if (exts.length > 0 && exts.includes(ext)) return true;
    // The browser's guess of the type; the server decides by the bytes in any case.
    return media.length > 0 && (media.includes(file.type) || (exts.length === 0 && file.type === ''));
  };
  return { label, accept, allows };
}

function ApplyForm({ item, onDone }: { item: ApplicationForm; onDone: (r: ApplicationReceipt) => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<FileEntry[][]>(() => item.materials.map(() => []));
  const [submitting, setSubmitting] = useState(false);
  // Required materials without a file are marked once the applicant tried to submit.
  const [tried, setTried] = useState(false);
  const [error, setError] = useState<{ title: string; message?: string; lines: string[]; testId?: string }>();
  const nextKey = useRef(1);
  const { lang } = useLang();
  const types = typesOf(item.upload, lang === 'en' ? ', ' : '、');
  const maxSize = formatBytes(item.upload.maxBytes);

  const kept = files.flat().filter((f) => f.status !== 'error').length;
  const uploading = files.some((list) => list.some((f) => f.status === 'uploading'));
  const missing = item.materials.filter((m, i) => m.required && !files[i]!.some((f) => f.status === 'done')).map((m) => m.name);

  const update = (index: number, key: number, change: Partial<FileEntry>) =>
    setFiles((all) => all.map((list, i) => (i === index ? list.map((f) => (f.key === key ? { ...f, ...change } : f)) : list)));

  const choose = (index: number, event: ChangeEvent<HTMLInputElement>) => {
    const chosen = [...(event.target.files ?? [])];
    // Let the same file be chosen again after it was removed.
    event.target.value = '';
    let room = item.upload.maxFiles - kept;
    const added: FileEntry[] = [];
    for (const file of chosen) {
      const entry: FileEntry = { key: nextKey.current++, name: file.name, size: file.size, status: 'uploading' };
      const refuse = (e: string) => added.push({ ...entry, status: 'error', error: e });
      if (file.size === 0) refuse(t('apply.errFileEmpty', { name: file.name }));
      else if (file.size > item.upload.maxBytes) refuse(t('apply.errFileTooLarge', { name: file.name, size: formatBytes(file.size), limit: maxSize }));
      else if (!types.allows(file)) refuse(t('apply.errFileType', { name: file.name, types: types.label }));
      else if (room <= 0) refuse(t('apply.errTooManyFiles', { n: item.upload.maxFiles }));
      else {
        room--;
        added.push(entry);
        casesPublicApi.upload(file).then(
          (upload) => update(index, entry.key, { status: 'done', upload, name: upload.name, size: upload.size }),
          (cause: unknown) => update(index, entry.key, { status: 'error', error: cause instanceof ApiError ? cause.message : String(cause) }),
        );
      }
    }
    setFiles((all) => all.map((list, i) => (i === index ? [...list, ...added] : list)));
  };

  const remove = (index: number, key: number) => setFiles((all) => all.map((list, i) => (i === index ? list.filter((f) => f.key !== key) : list)));

  const submit = async (v: Values) => {
    setTried(true);
    if (missing.length > 0) {
      setError({ title: t('apply.failed'), message: t('apply.missingRequired', { names: missing.join(lang === 'en' ? ', ' : '、') }), lines: [] });
      document.querySelector('[data-testid="apply-materials"]')?.scrollIntoView({ block: 'start', behavior: 'smooth' });
      return;
    }
    setSubmitting(true);
    setError(undefined);
    const blank = (x: string | undefined) => (x === undefined || x.trim() === '' ? null : x.trim());
    try {
      const result = await casesPublicApi.apply({
        itemCode: item.itemCode,
        applicant: { name: v.name.trim(), idNumber: blank(v.idNumber), phone: blank(v.phone), organisation: blank(v.organisation) },
        summary: blank(v.summary),
        materials: item.materials.map((m, i) => ({ name: m.name, fileIds: files[i]!.flatMap((f) => (f.status === 'done' && f.upload ? [f.upload.id] : [])) })),
      });
      window.scrollTo({ top: 0 });
      onDone(result);
    } catch (cause) {
      setError(describe(t, cause, form));
      setSubmitting(false);
    }
  };

  const limits = [
    item.limits.statutory !== null ? t('apply.statutory', { n: item.limits.statutory }) : null,
    item.limits.promised !== null ? t('apply.promised', { n: item.limits.promised }) : null,
  ].filter((x): x is string => x !== null);

  const text = (max: number, rest: object[] = []) => [{ max, message: t('apply.errTooLong', { n: max }) }, ...rest];

  return (
    <Flex vertical gap={16}>
      <header>
        <div className="apply-kicker">{t('apply.kicker')}</div>
        <h1 className="portal-page-title" data-testid="apply-item-name">
          {item.itemName}
        </h1>
        <dl className="apply-facts">
          <div>
            <dt>{t('apply.unit')}</dt>
            <dd data-testid="apply-unit">{item.unitName}</dd>
          </div>
          <div>
            <dt>{t('apply.limits')}</dt>
            <dd data-testid="apply-limits">{limits.length > 0 ? limits.join('；') : t('apply.noLimits')}</dd>
          </div>
        </dl>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('apply.intro')}
        </Typography.Paragraph>
      </header>

      <Form<Values> form={form} data-testid="apply-form" layout="vertical" requiredMark="optional" onFinish={submit} disabled={submitting} scrollToFirstError>
        <Flex vertical gap={16}>
          <Card size="small" title={t('apply.applicant')}>
            <Form.Item
              name="name"
              label={t('apply.name')}
              required
              rules={[{ required: true, whitespace: true, message: t('apply.errName') }, ...text(100, [{ pattern: ONE_LINE, message: t('apply.errOneLine') }])]}
            >
              <Input data-testid="apply-name" placeholder={t('apply.namePlaceholder')} maxLength={100} autoComplete="name" />
            </Form.Item>
            <Form.Item name="idNumber" label={t('apply.idNumber')} rules={[{ pattern: ID_NUMBER, message: t('apply.errIdNumber') }]}>
              <Input data-testid="apply-id-number" maxLength={32} autoComplete="off" className="mono" />
            </Form.Item>
            <Form.Item name="phone" label={t('apply.phone')} rules={[{ pattern: PHONE, message: t('apply.errPhone') }]}>
              <Input data-testid="apply-phone" maxLength={20} type="tel" inputMode="tel" autoComplete="tel" />
            </Form.Item>
            <Form.Item name="organisation" label={t('apply.organisation')} rules={text(200, [{ pattern: ONE_LINE, message: t('apply.errOneLine') }])}>
              <Input data-testid="apply-organisation" maxLength={200} autoComplete="organization" />
            </Form.Item>
            <Form.Item name="summary" label={t('apply.summary')} rules={text(500)} style={{ marginBottom: 0 }}>
              <Input.TextArea
                data-testid="apply-summary"
                placeholder={t('apply.summaryPlaceholder')}
                maxLength={500}
                showCount
                autoSize={{ minRows: 3, maxRows: 8 }}
              />
            </Form.Item>
          </Card>

          <Card size="small" title={t('apply.materials')}>
            {item.materials.length === 0 ? (
              <span className="muted">{t('apply.noMaterials')}</span>
            ) : (
              <>
                <Alert
                  type="info"
                  showIcon
                  data-testid="apply-upload-limits"
                  title={t('apply.uploadLimits', { size: maxSize, n: item.upload.maxFiles, types: types.label })}
                  style={{ marginBottom: 12 }}
                />
                <ol className="apply-materials" data-testid="apply-materials">
                  {item.materials.map((m, i) => (
                    <MaterialRow
                      key={i}
                      index={i}
                      material={m}
                      files={files[i]!}
                      missing={tried && missing.includes(m.name)}
                      accept={types.accept}
                      disabled={submitting}
                      onChoose={(e) => choose(i, e)}
                      onRemove={(key) => remove(i, key)}
                    />
                  ))}
                </ol>
              </>
            )}
          </Card>

          {error ? (
            <Alert
              type="error"
              showIcon
              data-testid={error.testId ?? 'apply-error'}
              title={error.title}
              description={
                error.message || error.lines.length > 0 ? (
                  <>
                    {error.message ? <div>{error.message}</div> : null}
                    {error.lines.length > 0 ? (
                      <ul className="apply-error-lines">
                        {error.lines.map((l) => (
                          <li key={l}>{l}</li>
                        ))}
                      </ul>
                    ) : null}
                  </>
                ) : undefined
              }
            />
          ) : null}
          <div>
            <Typography.Paragraph type="secondary">{t('apply.consent')}</Typography.Paragraph>
            <Button
              type="primary"
              size="large"
              htmlType="submit"
              data-testid="apply-submit"
              loading={submitting}
              disabled={uploading}
              block
              className="apply-submit"
            >
              {t('apply.submit')}
            </Button>
            {uploading ? (
              <div className="muted" style={{ marginTop: 6 }} data-testid="apply-wait-uploads">
                {t('apply.waitUploads')}
              </div>
            ) : null}
          </div>
        </Flex>
      </Form>
    </Flex>
  );
}

/** What went wrong with a submission, with field problems put next to their fields. */
function describe(
  t: TFunction,
  cause: unknown,
  form: ReturnType<typeof Form.useForm<Values>>[0],
): { title: string; message?: string; lines: string[]; testId?: string } {
  const error = cause instanceof ApiError ? cause : new ApiError(0, 'unknown', String(cause));
  if (error.status === 429) return { title: t('apply.rateLimited'), lines: [], testId: 'apply-rate-limited' };
  if (error.status === 404) return { title: t('apply.failed'), message: t('apply.itemGone'), lines: [] };
  // The body nests the applicant's fields (`applicant.name`); the form has them flat.
  const { fieldErrors, unplaced } = serverFieldErrors(error, formFieldNames(form), t, (key) => ({ name: key.replace(/^applicant\./, '') }));
  form.setFields(fieldErrors.map((f) => ({ name: f.name as keyof Values, errors: f.errors })));
  // The server's message names the materials it misses; their raw keys add nothing.
  const lines = unplaced.filter((l) => !l.startsWith('materials'));
  return { title: t('apply.failed'), message: fieldErrors.length > 0 ? t('apply.fieldProblems') : error.message, lines };
}

interface RowProps {
  index: number;
  material: ApplicationForm['materials'][number];
  files: FileEntry[];
  /** A required material still without a file, after an attempt to submit. */
  missing: boolean;
  accept: string;
  disabled: boolean;
  onChoose: (event: ChangeEvent<HTMLInputElement>) => void;
  onRemove: (key: number) => void;
}

function MaterialRow({ index, material, files, missing, accept, disabled, onChoose, onRemove }: RowProps) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const id = `apply-upload-${index}`;
  const form = material.form ? t(`materialForm.${material.form}` as MessageKey) : null;
  const meta = form && material.copies !== null ? t('apply.materialMeta', { form, copies: material.copies }) : form;
  return (
    <li className="apply-material" data-testid={`apply-material-${index}`}>
      <div className="apply-material-head">
        <span className="apply-material-name" id={`${id}-label`}>
          {material.name}
        </span>
        {material.required ? (
          <Tag color="blue" className="apply-required">
            {t('public.required')}
          </Tag>
        ) : (
          <Tag>{t('public.optional')}</Tag>
        )}
        {meta ? <span className="muted apply-material-meta">{meta}</span> : null}
      </div>
      <input
        ref={input}
        id={id}
        type="file"
        multiple
        // Inline: antd’s form styles show every file input (`.ant-form input[type=file]`); the button opens it.
        style={{ display: 'none' }}
        accept={accept || undefined}
        data-testid={id}
        aria-labelledby={`${id}-label`}
        disabled={disabled}
        onChange={onChoose}
      />
      <Button size="small" icon={<PaperClipOutlined />} disabled={disabled} onClick={() => input.current?.click()} data-testid={`${id}-button`}>
        {t('apply.chooseFile')}
      </Button>
      {missing ? (
        <div className="apply-material-missing" role="alert" data-testid={`apply-material-missing-${index}`}>
          {t('apply.materialMissing')}
        </div>
      ) : null}
      {files.length > 0 ? (
        <ul className="apply-files" data-testid={`apply-files-${index}`}>
          {files.map((f) => (
            <li key={f.key} className={`apply-file apply-file-${f.status}`} data-testid={`apply-file-${f.status}`}>
              <span className="apply-file-icon">
                {f.status === 'uploading' ? (
                  <LoadingOutlined />
                ) : f.status === 'done' ? (
                  <CheckCircleFilled style={{ color: '#389e0d' }} />
                ) : (
                  <ExclamationCircleFilled style={{ color: '#cf1322' }} />
                )}
              </span>
              <span className="apply-file-text">
                <span className="apply-file-name">{f.name}</span>{' '}
                <span className="muted">{f.status === 'uploading' ? t('apply.uploading') : formatBytes(f.size)}</span>
                {f.error ? <span className="apply-file-problem">{f.error}</span> : null}
              </span>
              {f.status !== 'uploading' ? (
                <Button
                  size="small"
                  type="text"
                  icon={<CloseOutlined />}
                  aria-label={t('apply.removeFile', { name: f.name })}
                  title={t('apply.removeFile', { name: f.name })}
                  disabled={disabled}
                  onClick={() => onRemove(f.key)}
                />
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/** After submitting: the receipt code, big and copyable, and the way to follow the case. */
function Receipt({ receipt }: { receipt: ApplicationReceipt }) {
  const t = useT();
  const shown = formatReceipt(receipt.receipt);
  return (
    <Result
      status="success"
      data-testid="apply-done"
      title={t('apply.doneTitle')}
      subTitle={t('apply.doneNext')}
      extra={
        <Flex vertical align="center" gap={12}>
          <div className="apply-receipt-box">
            <div className="muted">{t('apply.receiptLabel')}</div>
            <Flex align="center" justify="center" gap={4}>
              <span className="apply-receipt mono" data-testid="apply-receipt">
                {shown}
              </span>
              <Typography.Text copyable={{ text: shown, tooltips: [false, t('apply.copied')] }} />
            </Flex>
          </div>
          <Alert type="warning" showIcon title={t('apply.keepReceipt')} className="apply-keep" data-testid="apply-keep" />
          <ButtonLink
            type="primary"
            size="large"
            icon={<SearchOutlined />}
            to={`/track/${encodeURIComponent(shown.replace(/-/g, ''))}`}
            data-testid="apply-track-link"
          >
            {t('apply.track')}
          </ButtonLink>
        </Flex>
      }
    />
  );
}
