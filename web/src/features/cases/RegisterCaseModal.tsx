import { useEffect, useMemo, useState } from 'react';
import { Alert, Col, Divider, Form, Input, Row, Select, Spin, Tag, Typography } from 'antd';
import { ActionModal } from '../../components/ActionModal';
import { api, ApiError } from '../../lib/api-client';
import type { PowerItem } from '../../lib/api-types';
import { useT } from '../../lib/i18n';
import { casesApi, type ApplicationForm, type CaseView, type Upload } from './api';
import { formatReceipt } from './case-shared';
import { FileUploads } from './FileUploads';

interface Values {
  itemCode: string;
  name: string;
  idNumber?: string;
  phone?: string;
  organisation?: string;
  summary?: string;
  /** Uploaded files per material of the item's list, in its order. */
  files?: (Upload[] | undefined)[];
}

const blank = (s: string | undefined) => (s?.trim() ? s.trim() : null);

/**
 * 窗口受理登记: a clerk registers an application handed in at the counter for a published item of their unit. The
 * item's materials (its published list) each take uploaded files, or none when handed in on paper. The new case
 * starts at 受理 and gets its receipt code for the applicant.
 */
export function RegisterCaseModal({
  open,
  unitCodes,
  onClose,
  onDone,
}: {
  open: boolean;
  /** The units the clerk registers for (the item search is narrowed to them when there is one). */
  unitCodes: string[];
  onClose: () => void;
  onDone: (view: CaseView) => void;
}) {
  const t = useT();
  const [form, setForm] = useState<ApplicationForm>();
  const [uploading, setUploading] = useState(false);

  return (
    <ActionModal<Values, CaseView>
      open={open}
      title={t('cases.registerTitle')}
      okText={t('cases.registerSubmit')}
      testId="case-register-form"
      width={720}
      intro={<Typography.Text type="secondary">{t('cases.registerIntro')}</Typography.Text>}
      onClose={onClose}
      onSubmit={(v) => {
        if (uploading) return Promise.reject(new ApiError(0, 'upload.busy', t('cases.uploadBusy')));
        return casesApi.register({
          itemCode: v.itemCode,
          applicant: { name: v.name.trim(), idNumber: blank(v.idNumber), phone: blank(v.phone), organisation: blank(v.organisation) },
          summary: blank(v.summary),
          materials: (form?.itemCode === v.itemCode ? form.materials : []).map((m, i) => ({ name: m.name, fileIds: (v.files?.[i] ?? []).map((f) => f.id) })),
        });
      }}
      successText={(view) => t('cases.registered', { receipt: formatReceipt(view.receipt) })}
      onDone={onDone}
      serverField={(key) => {
        const bare = key.replace(/^applicant\./, '');
        if (bare === 'summary' || bare === 'itemCode' || ['name', 'idNumber', 'phone', 'organisation'].includes(bare)) return { name: bare };
        return { name: key };
      }}
      fieldOfError={(e) => (e.code.startsWith('power') || e.code === 'case.item_unavailable' ? 'itemCode' : undefined)}
    >
      <Form.Item name="itemCode" label={t('cases.registerItem')} rules={[{ required: true, message: t('cases.registerItemRequired') }]}>
        <ItemSelect unitCodes={unitCodes} />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item
            name="name"
            label={t('cases.applicantName')}
            rules={[{ required: true, whitespace: true, message: t('cases.applicantNameRequired') }, { max: 100 }]}
          >
            <Input data-testid="register-name" maxLength={100} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name="idNumber"
            label={t('cases.applicantId')}
            rules={[{ pattern: /^[0-9A-Za-z]{6,32}$/, message: t('cases.applicantIdInvalid') }]}
            extra={t('cases.applicantIdHint')}
          >
            <Input data-testid="register-id-number" maxLength={32} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="phone" label={t('cases.applicantPhone')} rules={[{ pattern: /^[0-9+\- ]{5,20}$/, message: t('cases.applicantPhoneInvalid') }]}>
            <Input data-testid="register-phone" maxLength={20} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="organisation" label={t('cases.applicantOrg')} rules={[{ max: 200 }]}>
            <Input data-testid="register-organisation" maxLength={200} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="summary" label={t('cases.summary')} extra={t('cases.summaryHint')} rules={[{ max: 500 }]}>
        <Input.TextArea data-testid="register-summary" rows={2} maxLength={500} showCount />
      </Form.Item>
      <Materials onForm={setForm} onBusy={setUploading} />
    </ActionModal>
  );
}

/** Published items of the clerk's units, searched by name or code as one types. */
function ItemSelect({ unitCodes, value, onChange }: { unitCodes: string[]; value?: string; onChange?: (v: string) => void }) {
  const t = useT();
  const [q, setQ] = useState('');
  const [items, setItems] = useState<PowerItem[]>();
  const [error, setError] = useState<string>();
  const unit = unitCodes.length === 1 ? unitCodes[0] : undefined;

  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setError(undefined);
      api.powers({ q: q.trim() || undefined, unit, status: 'active', page: 1, pageSize: 50 }, controller.signal).then(
        (answer) => setItems(answer.items.filter((i) => i.publishedRevision !== null)),
        (cause: unknown) => {
          if (controller.signal.aborted) return;
          setError(cause instanceof ApiError ? cause.message : String(cause));
          setItems([]);
        },
      );
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [q, unit]);

  const options = useMemo(
    () => (items ?? []).map((i) => ({ value: i.code, label: `${i.code} ${i.latest.content.name}`, title: `${i.unit.name} · ${i.latest.content.name}` })),
    [items],
  );
  return (
    <Select<string>
      data-testid="register-item"
      showSearch={{ filterOption: false, onSearch: setQ }}
      placeholder={t('cases.registerItemPlaceholder')}
      loading={items === undefined}
      notFoundContent={items === undefined ? <Spin size="small" /> : <span className="muted">{error ?? t('cases.registerItemNone')}</span>}
      options={options}
      value={value}
      onChange={onChange}
    />
  );
}

/** The chosen item's materials (its published list), each with its uploads. */
function Materials({ onForm, onBusy }: { onForm: (form: ApplicationForm | undefined) => void; onBusy: (busy: boolean) => void }) {
  const t = useT();
  const itemCode = Form.useWatch<string | undefined>('itemCode');
  const [form, setForm] = useState<ApplicationForm>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    setForm(undefined);
    onForm(undefined);
    setError(undefined);
    if (!itemCode) return;
    const controller = new AbortController();
    casesApi.applicationForm(itemCode, controller.signal).then(
      (answer) => {
        setForm(answer);
        onForm(answer);
      },
      (cause: unknown) => {
        if (!controller.signal.aborted) setError(cause instanceof ApiError ? cause.message : String(cause));
      },
    );
    return () => controller.abort();
  }, [itemCode, onForm]);

  if (!itemCode) return null;
  return (
    <div data-testid="register-materials">
      <Divider titlePlacement="start" plain>
        {t('cases.materials')}
      </Divider>
      {error ? <Alert type="error" showIcon title={error} /> : null}
      {!form && !error ? <Spin size="small" /> : null}
      {form ? (
        <>
          <Typography.Paragraph type="secondary">
            {t('cases.materialsIntro', { unit: form.unitName, revision: form.revision })}{' '}
            {t('cases.uploadLimits', { size: Math.round(form.upload.maxBytes / 1024 / 1024), files: form.upload.maxFiles })}
          </Typography.Paragraph>
          {form.materials.length === 0 ? <Typography.Text type="secondary">{t('cases.materialsNone')}</Typography.Text> : null}
          {form.materials.map((m, i) => (
            <Form.Item
              key={`${form.itemCode}-${i}`}
              name={['files', i]}
              label={
                <span>
                  {m.name} {m.required ? <Tag color="red">{t('cases.materialRequired')}</Tag> : <Tag>{t('cases.materialOptional')}</Tag>}
                </span>
              }
              extra={m.required ? t('cases.materialPaperHint') : undefined}
            >
              <FileUploads testId={`register-upload-${i}`} onBusy={onBusy} />
            </Form.Item>
          ))}
        </>
      ) : null}
    </div>
  );
}
