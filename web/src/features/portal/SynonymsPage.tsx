import { useState } from 'react';
import { Alert, App, Button, Empty, Flex, Form, Input, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import { ApiError } from '../../lib/api-client';
import { useT, type TFunction } from '../../lib/i18n';
import { formatInstant } from '../../lib/time';
import { useApiQuery } from '../../lib/use-api-query';
import { portalApi, type SynonymEntry, type SynonymList } from './api';

/** One entry as the form holds it: the full terms as lines of text. */
interface Row {
  term: string;
  expansions: string;
  note: string;
}

interface Values {
  items: Row[];
}

const toRow = (e: SynonymEntry): Row => ({ term: e.term, expansions: e.expansions.join('\n'), note: e.note ?? '' });
const lines = (s: string | undefined) =>
  (s ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
const toEntry = (r: Row): SynonymEntry => ({ term: (r.term ?? '').trim(), expansions: lines(r.expansions), note: (r.note ?? '').trim() || null });

/**
 * The county's synonym list for the public search (`/workbench/search-synonyms`, legal reviewers): each short name
 * with the full terms it stands for. Saved as a whole; the server's objections are shown on the rows they concern.
 */
export default function SynonymsPage() {
  const t = useT();
  const list = useApiQuery((signal) => portalApi.synonyms(signal), []);
  return (
    <>
      <PageTitle title={t('synonyms.title')} />
      <Alert type="info" showIcon style={{ marginBottom: 16 }} description={t('synonyms.intro')} />
      <QueryState query={list} emptyText="">
        {(data) => <SynonymsForm list={data} />}
      </QueryState>
    </>
  );
}

function SynonymsForm({ list }: { list: SynonymList }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saved, setSaved] = useState(list);
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<{ error: ApiError; unplaced: string[] }>();
  const [filter, setFilter] = useState('');
  const rows = Form.useWatch('items', form);
  const needle = filter.trim().toLowerCase();
  const visible = (r: Row | undefined) => !needle || !r || `${r.term}\n${r.expansions}`.toLowerCase().includes(needle);

  const onFinish = async (values: Values) => {
    setSaving(true);
    setFailure(undefined);
    try {
      const answer = await portalApi.saveSynonyms((values.items ?? []).map(toEntry));
      setSaved(answer);
      form.setFieldsValue({ items: answer.items.map(toRow) });
      setDirty(false);
      void message.success(t('synonyms.saved', { n: answer.items.length }));
    } catch (cause) {
      const error = cause instanceof ApiError ? cause : new ApiError(0, 'unknown', String(cause));
      const { fields, unplaced } = rowErrors(error, t);
      form.setFields(fields);
      // A marked row must not hide behind the filter.
      if (fields.length > 0) setFilter('');
      setFailure({ error, unplaced });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      data-testid="synonyms-form"
      initialValues={{ items: list.items.map(toRow) }}
      onValuesChange={() => setDirty(true)}
      onFinish={onFinish}
      onFinishFailed={() => setFilter('')}
    >
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary" data-testid="synonyms-updated">
          {saved.updatedAt
            ? t('synonyms.updated', { time: formatInstant(saved.updatedAt), by: (saved.updatedBy ?? '').replace(/^user:/, '') })
            : t('synonyms.neverSaved')}
        </Typography.Text>
        <Input.Search
          allowClear
          data-testid="synonyms-filter"
          placeholder={t('synonyms.filter')}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          style={{ maxWidth: 280 }}
        />
      </Flex>

      {failure ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="synonyms-error"
          title={failure.error.code === 'validation' ? t('synonyms.saveFailed') : failure.error.message}
          description={failure.unplaced.length > 0 ? failure.unplaced.map((u) => <div key={u}>{u}</div>) : undefined}
        />
      ) : null}

      <Form.List name="items">
        {(fields, { add, remove }) => (
          <>
            {fields.length === 0 ? (
              <Empty description={t('synonyms.empty')} />
            ) : (
              // Column heads on wide screens; on a phone each field keeps its own label.
              <div className="synonym-head" aria-hidden>
                <span className="synonym-term">{t('synonyms.term')}</span>
                <span className="synonym-expansions">{t('synonyms.expansions')}</span>
                <span className="synonym-note">{t('synonyms.note')}</span>
                <span className="synonym-remove" />
              </div>
            )}
            {needle && fields.every((f) => !visible(rows?.[f.name])) && fields.length > 0 ? <Empty description={t('synonyms.noMatch')} /> : null}
            {fields.map((field) => (
              <div key={field.key} className="synonym-row" data-testid="synonym-row" style={visible(rows?.[field.name]) ? undefined : { display: 'none' }}>
                <Form.Item
                  name={[field.name, 'term']}
                  label={t('synonyms.term')}
                  className="synonym-term"
                  rules={[{ validator: (_, v: string | undefined) => (v?.trim() ? Promise.resolve() : Promise.reject(new Error(t('synonyms.errTerm')))) }]}
                >
                  <Input data-testid="synonym-term" maxLength={20} placeholder={t('synonyms.termPlaceholder')} />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'expansions']}
                  label={t('synonyms.expansions')}
                  className="synonym-expansions"
                  rules={[
                    {
                      validator: (_, v: string | undefined) =>
                        lines(v).length > 0 ? Promise.resolve() : Promise.reject(new Error(t('synonyms.errExpansions'))),
                    },
                  ]}
                >
                  <Input.TextArea data-testid="synonym-expansions" autoSize={{ minRows: 1, maxRows: 6 }} placeholder={t('synonyms.expansionsPlaceholder')} />
                </Form.Item>
                <Form.Item name={[field.name, 'note']} label={t('synonyms.note')} className="synonym-note">
                  <Input data-testid="synonym-note" maxLength={200} placeholder={t('synonyms.notePlaceholder')} />
                </Form.Item>
                <Button
                  type="text"
                  danger
                  className="synonym-remove"
                  icon={<DeleteOutlined />}
                  aria-label={t('synonyms.remove')}
                  title={t('synonyms.remove')}
                  data-testid="synonym-remove"
                  onClick={() => remove(field.name)}
                />
              </div>
            ))}
            <Flex gap={8} wrap align="center" className="synonyms-actions">
              <Button
                icon={<PlusOutlined />}
                data-testid="synonyms-add"
                onClick={() => {
                  setFilter('');
                  add({ term: '', expansions: '', note: '' });
                  // At the end, so the server's "duplicate of entry N" points at the new one; brought into view.
                  const index = fields.length;
                  setTimeout(() => form.focusField(['items', index, 'term']));
                }}
              >
                {t('synonyms.add')}
              </Button>
              <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={saving} data-testid="synonyms-save">
                {t('synonyms.save')}
              </Button>
              {dirty ? (
                <>
                  <Button
                    data-testid="synonyms-reset"
                    onClick={() => {
                      form.resetFields();
                      form.setFieldsValue({ items: saved.items.map(toRow) });
                      setDirty(false);
                      setFailure(undefined);
                    }}
                  >
                    {t('synonyms.reset')}
                  </Button>
                  <Tag color="orange">{t('synonyms.dirty')}</Tag>
                </>
              ) : null}
              <Typography.Text type="secondary">{t('synonyms.count', { n: fields.length })}</Typography.Text>
            </Flex>
          </>
        )}
      </Form.List>
    </Form>
  );
}

interface RowError {
  name: ['items', number, keyof Row];
  errors: string[];
}

/** The server's objections (`items.3.term`, `body.items.3.expansions.1`) as errors on the rows' fields. */
function rowErrors(error: ApiError, t: TFunction): { fields: RowError[]; unplaced: string[] } {
  const problems = error.details.fields;
  const byField = new Map<string, RowError>();
  const unplaced: string[] = [];
  if (typeof problems !== 'object' || problems === null) return { fields: [], unplaced };
  for (const [key, problem] of Object.entries(problems as Record<string, unknown>)) {
    const m = /^(?:body\.)?items\.(\d+)\.(term|expansions|note)(?:\.(\d+))?$/.exec(key);
    const text = problemText(problem, t);
    if (!m) {
      unplaced.push(text);
      continue;
    }
    const index = Number(m[1]);
    const field = m[2] as keyof Row;
    const said = m[3] === undefined ? text : t('synonyms.expansionN', { n: Number(m[3]) + 1, problem: text });
    const id = `${index}.${field}`;
    const entry = byField.get(id) ?? { name: ['items', index, field], errors: [] };
    if (!entry.errors.includes(said)) entry.errors.push(said);
    byField.set(id, entry);
  }
  return { fields: [...byField.values()], unplaced };
}

/** The service explains in words; the schema check speaks JSON Schema, said here in the reader's language. */
function problemText(problem: unknown, t: TFunction): string {
  const text = typeof problem === 'string' ? problem : '';
  const tooLong = /^must NOT have more than (\d+) characters$/.exec(text);
  if (tooLong) return t('form.tooLong', { n: Number(tooLong[1]) });
  if (text.startsWith('must have required property')) return t('form.fieldRequired');
  if (text === 'is not allowed') return t('form.fieldNotAllowed');
  if (text === '' || text.startsWith('must')) return t('form.fieldInvalid');
  return text;
}
