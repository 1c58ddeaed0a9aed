import { Alert, AutoComplete, Button, Checkbox, Col, Divider, Flex, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { ActionModal } from '../../components/ActionModal';
import { UnitSelect } from '../../components/UnitSelect';
import { api, type ApiError } from '../../lib/api-client';
import type { MaterialForm, PowerCategory, PowerContent, PowerItem, Unit } from '../../lib/api-types';
import type { ServerFieldMapper } from '../../lib/form-errors';
import { pickLabel, useLang, useT, type TFunction } from '../../lib/i18n';
import { RESPONSIBILITY_STAGES } from './power-shared';

// The server's code pattern (src/modules/catalogue/catalogue.contract.ts), checked here first.
const CODE_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

interface Values {
  unitCode?: string;
  code?: string;
  name: string;
  category: string;
  implementingBody?: string;
  /** One citation per line. */
  basis?: string;
  conditions?: string;
  materials?: { name?: string; form?: MaterialForm | null; copies?: number | null; required?: boolean }[];
  statutoryLimit?: number | null;
  promisedLimit?: number | null;
  fees?: string;
  serviceObject?: string;
  supervisionPhone?: string;
  responsibilities?: { stage?: string; text?: string }[];
  accountability?: { situation?: string; basis?: string }[];
}

type Mode = { kind: 'new'; units: readonly Unit[] | undefined; unitsError?: ApiError; defaultUnit?: string } | { kind: 'edit'; item: PowerItem };

interface Props {
  mode: Mode;
  open: boolean;
  categories: readonly PowerCategory[] | undefined;
  onClose: () => void;
  onDone: (item: PowerItem) => void;
  /** After a stale save (someone saved a newer revision): fetch the item again. */
  onReload?: () => void;
}

const textOrNull = (v: string | undefined): string | null => (v === undefined || v.trim() === '' ? null : v);

function toContent(v: Values): PowerContent {
  return {
    name: v.name.trim(),
    category: v.category,
    implementingBody: textOrNull(v.implementingBody),
    basis: (v.basis ?? '')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
    conditions: textOrNull(v.conditions),
    materials: (v.materials ?? [])
      .filter((m) => m?.name?.trim())
      .map((m) => ({ name: m.name!.trim(), form: m.form ?? null, copies: m.copies ?? null, required: m.required ?? false })),
    statutoryLimit: v.statutoryLimit ?? null,
    promisedLimit: v.promisedLimit ?? null,
    fees: textOrNull(v.fees),
    serviceObject: textOrNull(v.serviceObject),
    supervisionPhone: textOrNull(v.supervisionPhone),
    responsibilities: (v.responsibilities ?? []).filter((r) => r?.stage?.trim()).map((r) => ({ stage: r.stage!.trim(), text: r.text ?? '' })),
    accountability: (v.accountability ?? []).filter((a) => a?.situation?.trim()).map((a) => ({ situation: a.situation!.trim(), basis: textOrNull(a.basis) })),
  };
}

function fromContent(c: PowerContent): Values {
  return {
    name: c.name,
    category: c.category,
    implementingBody: c.implementingBody ?? undefined,
    basis: c.basis.join('\n'),
    conditions: c.conditions ?? undefined,
    materials: c.materials.map((m) => ({ ...m })),
    statutoryLimit: c.statutoryLimit,
    promisedLimit: c.promisedLimit,
    fees: c.fees ?? undefined,
    serviceObject: c.serviceObject ?? undefined,
    supervisionPhone: c.supervisionPhone ?? undefined,
    responsibilities: c.responsibilities.map((r) => ({ ...r })),
    accountability: c.accountability.map((a) => ({ situation: a.situation, basis: a.basis ?? undefined })),
  };
}

/** The catalogue's own problem texts (Chinese) in the UI language; others get the generic words. */
function problemText(t: TFunction, problem: unknown): string | undefined {
  const text = typeof problem === 'string' ? problem : '';
  if (text === '缺少职权名称') return t('powers.err.name');
  if (text.startsWith('未知类别')) return t('powers.err.category');
  if (text === '缺少实施依据') return t('powers.err.basis');
  if (text.startsWith('时限须为')) return t('powers.err.limit');
  if (text === '承诺时限大于法定时限') return t('powers.err.promisedOverStatutory');
  return undefined;
}

/** 新增事项 and 编辑: the whole item in one form; an edit saves a new revision based on the one it started from. */
export function PowerEditor({ mode, open, categories, onClose, onDone, onReload }: Props) {
  const t = useT();
  const { lang } = useLang();
  const isNew = mode.kind === 'new';

  // Server keys are `content.name`, `content.materials.0.name` (schema) or `name` (catalogue rules): the form field is the first part.
  const serverField: ServerFieldMapper = (key, problem) => ({ name: key.replace(/^content\./, '').split('.')[0]!, text: problemText(t, problem) });

  const initialValues: Partial<Values> =
    mode.kind === 'edit'
      ? fromContent(mode.item.latest.content)
      : { unitCode: mode.defaultUnit, basis: '', materials: [], responsibilities: [], accountability: [] };

  const required = (field: string) => ({ required: true, whitespace: true, message: t('form.enter', { field }) });
  const days = (testId: string) => (
    <InputNumber<number> data-testid={testId} min={0} max={3650} precision={0} style={{ width: '100%' }} suffix={t('powers.workingDays')} />
  );

  return (
    <ActionModal<Values, PowerItem>
      open={open}
      width={860}
      title={mode.kind === 'edit' ? t('powers.editTitle', { code: mode.item.code, name: mode.item.latest.content.name }) : t('powers.newTitle')}
      okText={t('powers.save')}
      testId="power-editor"
      submitTestId="power-save"
      intro={
        mode.kind === 'edit' ? <Typography.Text type="secondary">{t('powers.editIntro', { revision: mode.item.latestRevision })}</Typography.Text> : undefined
      }
      initialValues={initialValues}
      onClose={onClose}
      onSubmit={(v) =>
        mode.kind === 'edit'
          ? // The process (流程与风险点) is edited on its own page: an edit here keeps it as it is.
            api.revisePower(mode.item.id, mode.item.latestRevision, { ...toContent(v), process: mode.item.latest.content.process })
          : api.createPower(v.unitCode!, v.code!.trim(), toContent(v))
      }
      successText={(item) => (isNew ? t('powers.created', { code: item.code }) : t('powers.saved', { code: item.code, revision: item.latestRevision }))}
      onDone={onDone}
      serverField={serverField}
      fieldOfError={(e) => (isNew && e.code === 'conflict' ? 'code' : undefined)}
      renderError={(e) =>
        !isNew && e.status === 409 && 'latestRevision' in e.details ? (
          <Alert
            type="warning"
            showIcon
            data-testid="power-stale"
            title={t('powers.staleTitle')}
            description={e.message}
            action={
              <Button
                size="small"
                data-testid="power-stale-reload"
                onClick={() => {
                  onReload?.();
                  onClose();
                }}
              >
                {t('powers.staleReload')}
              </Button>
            }
          />
        ) : undefined
      }
    >
      {mode.kind === 'new' ? (
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="unitCode" label={t('powers.unit')} rules={[{ required: true, message: t('form.choose', { field: t('powers.unit') }) }]}>
              <UnitSelect testId="power-unit" units={mode.units} loadError={mode.unitsError} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="code"
              label={t('powers.code')}
              extra={t('powers.codeHint')}
              rules={[required(t('powers.code')), { pattern: CODE_RE, message: t('powers.codeHint') }]}
            >
              <Input data-testid="power-code" autoComplete="off" spellCheck={false} maxLength={64} />
            </Form.Item>
          </Col>
        </Row>
      ) : null}
      <Row gutter={16}>
        <Col xs={24} md={16}>
          <Form.Item name="name" label={t('powers.name')} rules={[required(t('powers.name')), { max: 200, message: t('form.tooLong', { n: 200 }) }]}>
            <Input data-testid="power-name" maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="category" label={t('powers.category')} rules={[{ required: true, message: t('form.choose', { field: t('powers.category') }) }]}>
            <Select
              data-testid="power-category"
              loading={categories === undefined}
              options={(categories ?? []).map((c) => ({ value: c.code, label: pickLabel(c.label, lang) }))}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="implementingBody" label={t('powers.implementingBody')}>
        <Input data-testid="power-body" maxLength={200} />
      </Form.Item>
      <Form.Item
        name="basis"
        label={t('powers.basis')}
        extra={t('powers.basisHint')}
        rules={[
          {
            validator: async (_, value: string | undefined) => {
              if (!value || value.split('\n').every((line) => line.trim() === '')) throw new Error(t('powers.err.basis'));
            },
          },
        ]}
      >
        <Input.TextArea data-testid="power-basis" autoSize={{ minRows: 3, maxRows: 10 }} />
      </Form.Item>
      <Form.Item name="conditions" label={t('powers.conditions')}>
        <Input.TextArea data-testid="power-conditions" autoSize={{ minRows: 2, maxRows: 8 }} maxLength={5000} />
      </Form.Item>

      <Divider titlePlacement="start">{t('powers.materials')}</Divider>
      <Form.List name="materials">
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((field) => (
              <Flex key={field.key} gap={8} align="flex-start" wrap data-testid="power-material-row">
                <Form.Item name={[field.name, 'name']} style={{ flex: '1 1 240px' }} rules={[required(t('powers.materialName'))]}>
                  <Input placeholder={t('powers.materialName')} aria-label={t('powers.materialName')} maxLength={300} />
                </Form.Item>
                <Form.Item name={[field.name, 'form']} style={{ width: 150 }}>
                  <Select<MaterialForm>
                    allowClear
                    placeholder={t('powers.materialForm')}
                    aria-label={t('powers.materialForm')}
                    options={(['original', 'copy', 'either'] as const).map((f) => ({ value: f, label: t(`materialForm.${f}`) }))}
                  />
                </Form.Item>
                <Form.Item name={[field.name, 'copies']} style={{ width: 110 }}>
                  <InputNumber<number> min={0} max={100} precision={0} placeholder={t('powers.materialCopies')} aria-label={t('powers.materialCopies')} />
                </Form.Item>
                <Form.Item name={[field.name, 'required']} valuePropName="checked">
                  <Checkbox>{t('powers.materialRequired')}</Checkbox>
                </Form.Item>
                <Button type="text" icon={<DeleteOutlined />} aria-label={t('powers.removeRow')} onClick={() => remove(field.name)} />
              </Flex>
            ))}
            <Form.ErrorList errors={errors} />
            <Button type="dashed" icon={<PlusOutlined />} data-testid="power-material-add" onClick={() => add({ required: true, form: null, copies: 1 })}>
              {t('powers.addMaterial')}
            </Button>
          </>
        )}
      </Form.List>

      <Divider titlePlacement="start">{t('powers.limitsAndService')}</Divider>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="statutoryLimit" label={t('powers.statutoryLimit')}>
            {days('power-statutory')}
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="promisedLimit"
            label={t('powers.promisedLimit')}
            dependencies={['statutoryLimit']}
            rules={[
              ({ getFieldValue }) => ({
                validator: async (_, value: number | null | undefined) => {
                  const statutory = getFieldValue('statutoryLimit') as number | null | undefined;
                  if (value != null && statutory != null && value > statutory) throw new Error(t('powers.err.promisedOverStatutory'));
                },
              }),
            ]}
          >
            {days('power-promised')}
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="fees" label={t('powers.fees')}>
        <Input.TextArea data-testid="power-fees" autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="serviceObject" label={t('powers.serviceObject')}>
            <Input data-testid="power-object" maxLength={500} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="supervisionPhone" label={t('powers.supervisionPhone')}>
            <Input data-testid="power-phone" maxLength={100} inputMode="tel" />
          </Form.Item>
        </Col>
      </Row>

      <Divider titlePlacement="start">{t('powers.responsibilities')}</Divider>
      <Form.List name="responsibilities">
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((field) => (
              <Flex key={field.key} gap={8} align="flex-start" data-testid="power-responsibility-row">
                <Form.Item name={[field.name, 'stage']} style={{ width: 160 }} rules={[required(t('powers.stage'))]}>
                  <AutoComplete
                    placeholder={t('powers.stage')}
                    aria-label={t('powers.stage')}
                    options={RESPONSIBILITY_STAGES.map((s) => ({ value: s }))}
                    showSearch={{ filterOption: (input, option) => String(option?.value ?? '').includes(input) }}
                  />
                </Form.Item>
                <Form.Item name={[field.name, 'text']} style={{ flex: 1 }}>
                  <Input.TextArea
                    placeholder={t('powers.responsibilityText')}
                    aria-label={t('powers.responsibilityText')}
                    autoSize={{ minRows: 1, maxRows: 6 }}
                  />
                </Form.Item>
                <Button type="text" icon={<DeleteOutlined />} aria-label={t('powers.removeRow')} onClick={() => remove(field.name)} />
              </Flex>
            ))}
            <Form.ErrorList errors={errors} />
            <Button type="dashed" icon={<PlusOutlined />} data-testid="power-responsibility-add" onClick={() => add({ stage: '', text: '' })}>
              {t('powers.addResponsibility')}
            </Button>
          </>
        )}
      </Form.List>

      <Divider titlePlacement="start">{t('powers.accountability')}</Divider>
      <Form.List name="accountability">
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((field) => (
              <Flex key={field.key} gap={8} align="flex-start" data-testid="power-accountability-row">
                <Form.Item name={[field.name, 'situation']} style={{ flex: 2 }} rules={[required(t('powers.situation'))]}>
                  <Input.TextArea placeholder={t('powers.situation')} aria-label={t('powers.situation')} autoSize={{ minRows: 1, maxRows: 6 }} />
                </Form.Item>
                <Form.Item name={[field.name, 'basis']} style={{ flex: 1 }}>
                  <Input placeholder={t('powers.situationBasis')} aria-label={t('powers.situationBasis')} maxLength={500} />
                </Form.Item>
                <Button type="text" icon={<DeleteOutlined />} aria-label={t('powers.removeRow')} onClick={() => remove(field.name)} />
              </Flex>
            ))}
            <Form.ErrorList errors={errors} />
            <Button type="dashed" icon={<PlusOutlined />} data-testid="power-accountability-add" onClick={() => add({ situation: '' })}>
              {t('powers.addAccountability')}
            </Button>
          </>
        )}
      </Form.List>
    </ActionModal>
  );
}
