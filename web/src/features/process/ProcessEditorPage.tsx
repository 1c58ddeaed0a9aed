import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Col, ConfigProvider, Dropdown, Flex, Row, Skeleton, Space, Tag, Typography } from 'antd';
import type { ButtonProps, MenuProps } from 'antd';
import {
  ArrowLeftOutlined,
  BranchesOutlined,
  ForkOutlined,
  ImportOutlined,
  PlusOutlined,
  SaveOutlined,
  StopOutlined,
  UndoOutlined,
  AppstoreOutlined,
} from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router-dom';
import { useMe } from '../../app/auth-context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import { api, ApiError } from '../../lib/api-client';
import type { PowerItem } from '../../lib/api-types';
import { useT } from '../../lib/i18n';
import { useApiQuery } from '../../lib/use-api-query';
import { editableUnits, RevisionStateTag } from '../powers/power-shared';
import type { NodeKind, ProcessDefinition, ProcessNode, ProcessProblem, ProcessVocabulary } from './api';
import { BpmnActions } from './BpmnActions';
import { BpmnImportDialog } from './BpmnImportDialog';
import { DrawingPanel, type DrawingView } from './DrawingPanel';
import { NodeCard, type Edit } from './NodeCard';
import { LongestPath, ProblemList, showNode } from './ProblemList';
import { addNode, cloneProcess, forServer, fromTemplate, localProblems, nodeName, removeNode, sameProcess, templatesFor } from './process-model';
import { useProcessVocabulary, useProcessWords, type ProcessWords } from './process-shared';
import { SeparationRules } from './SeparationRules';
import { TemplatePicker } from './TemplatePicker';
import { useProcessCheck } from './use-process-check';

/** 流程与风险点 (`/workbench/powers/:id/process`): the item's process edited on the left, drawn live on the right. */
export default function ProcessEditorPage() {
  const { id = '' } = useParams();
  const t = useT();
  const navigate = useNavigate();
  const item = useApiQuery((signal) => api.power(id, signal), [id]);
  const vocabulary = useProcessVocabulary();
  const back = `/workbench/powers/${encodeURIComponent(id)}`;
  // 导入 BPMN lives here, above the editor: the editor starts afresh on the imported revision while the dialog stays
  // open to say what happened. `dirty`: the editor held unsaved changes when it was opened.
  const [importing, setImporting] = useState<{ dirty: boolean } | null>(null);

  return (
    <>
      <div style={{ marginBottom: 8 }}>
        <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }} href={back} onClick={(e) => (e.preventDefault(), navigate(back))}>
          {t('process.backToItem')}
        </Button>
      </div>
      <QueryState query={item} emptyText={t('powers.notFound')}>
        {(data) =>
          vocabulary.error ? (
            <ErrorAlert error={vocabulary.error} onRetry={vocabulary.reload} />
          ) : vocabulary.data === undefined ? (
            <Skeleton active paragraph={{ rows: 6 }} />
          ) : (
            // A new revision (after saving or reloading) starts the editor afresh from what was saved.
            <ProcessEditor
              key={`${data.id}-${data.latestRevision}`}
              item={data}
              vocabulary={vocabulary.data}
              reload={item.reload}
              onImportBpmn={(dirty) => setImporting({ dirty })}
            />
          )
        }
      </QueryState>
      {item.data ? (
        <BpmnImportDialog
          open={importing !== null}
          item={item.data}
          hasProcess={Boolean(item.data.latest.content.process)}
          dirty={importing?.dirty ?? false}
          onClose={() => setImporting(null)}
          onImported={item.reload}
          onReload={item.reload}
        />
      ) : null}
    </>
  );
}

interface SaveFailure {
  error: ApiError;
  /** The server's problems when it refused the process (422 `process.invalid`). */
  problems: ProcessProblem[];
}

function ProcessEditor({
  item,
  vocabulary,
  reload,
  onImportBpmn,
}: {
  item: PowerItem;
  vocabulary: ProcessVocabulary;
  reload: () => void;
  /** Opens 导入 BPMN, saying whether the editor holds unsaved changes. */
  onImportBpmn: (dirty: boolean) => void;
}) {
  const t = useT();
  const { message, modal } = App.useApp();
  const me = useMe();
  const words = useProcessWords(vocabulary);
  const units = useApiQuery((signal) => api.units(signal), []);
  const writable = useMemo(() => editableUnits(me.grants, units.data?.items), [me.grants, units.data]);
  const canEdit = item.status === 'active' && writable.some((u) => u.code === item.unit.code);

  const content = item.latest.content;
  const saved = content.process ?? null;
  const [draft, setDraft] = useState<ProcessDefinition | null>(() => (saved ? cloneProcess(saved) : null));
  const [view, setView] = useState<DrawingView>('flow');
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<SaveFailure>();
  const dirty = !sameProcess(draft, saved);

  // Leaving or reloading the page with changes not saved asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const check = useProcessCheck(
    draft
      ? {
          process: forServer(draft),
          statutoryLimit: content.statutoryLimit,
          promisedLimit: content.promisedLimit,
          name: content.name,
          basis: content.basis,
          supervisionPhone: content.supervisionPhone,
          unitCode: item.unit.code,
          risk: view === 'risk',
        }
      : null,
  );

  const edit: Edit = (change) => {
    setDraft((p) => (p ? change(p) : p));
    setFailure(undefined);
  };

  const local = draft ? localProblems(draft, words.kind) : [];
  const problems = [...local, ...(check.result?.problems ?? [])];
  const checkedErrors = !check.pending && problems.some((x) => x.severity === 'error');

  const add = (kind: Exclude<NodeKind, 'start'>) => {
    if (!draft) return;
    const { process, id } = addNode(draft, kind);
    edit(() => process);
    // After React has drawn the new card.
    window.setTimeout(() => showNode(id), 50);
  };

  const remove = (node: ProcessNode) => {
    const name = nodeName(node, words.kind);
    const flows = draft?.flows.filter((f) => f.from === node.id || f.to === node.id).length ?? 0;
    modal.confirm({
      title: t('process.removeConfirm', { name }),
      content: flows > 0 ? t('process.removeConfirmFlows', { n: flows }) : undefined,
      okText: t('process.removeNode'),
      okButtonProps: { danger: true, 'data-testid': 'process-remove-ok' } as ButtonProps,
      cancelText: t('process.cancel'),
      onOk: () => edit((p) => removeNode(p, node.id)),
    });
  };

  const applyTemplate = (process: ProcessDefinition) => {
    modal.confirm({
      title: t('process.applyConfirm'),
      content: t('process.applyConfirmBody'),
      okText: t('process.apply'),
      okButtonProps: { 'data-testid': 'process-apply-ok' } as ButtonProps,
      cancelText: t('process.cancel'),
      onOk: () => edit((current) => fromTemplate(process, current)),
    });
  };

  const save = async () => {
    if (!draft) return;
    if (local.length > 0) {
      message.error(t('process.fixFirst'));
      showNode(local[0]!.nodeId ?? '');
      return;
    }
    setSaving(true);
    setFailure(undefined);
    try {
      const next = await api.revisePower(item.id, item.latestRevision, { ...content, process: forServer(draft) });
      message.success(t('process.saved', { revision: next.latestRevision }));
      reload();
    } catch (cause) {
      const error = cause instanceof ApiError ? cause : new ApiError(0, 'unknown', String(cause));
      const listed = error.code === 'process.invalid' && Array.isArray(error.details.problems) ? (error.details.problems as ProcessProblem[]) : [];
      setFailure({ error, problems: listed });
    } finally {
      setSaving(false);
    }
  };

  const templateMenu: MenuProps = {
    items: templatesFor(vocabulary.templates, content.category).map((x) => ({
      key: x.code,
      label: <span data-testid={`process-apply-${x.code}`}>{words.pick(x)}</span>,
    })),
    onClick: ({ key }) => {
      const found = vocabulary.templates.find((x) => x.code === key);
      if (found) applyTemplate(found.process);
    },
  };

  const steps = draft?.nodes.filter((n) => n.kind === 'step') ?? [];
  const alt = steps.length > 0 ? t('process.drawingAlt', { steps: steps.map((s) => nodeName(s, words.kind)).join(' → ') }) : t('process.viewFlow');

  return (
    <>
      <PageTitle
        title={t('process.title', { code: item.code, name: content.name })}
        hint={
          <Flex gap={8} align="center" wrap component="span">
            <span data-testid="process-revision">{t('powers.revisionN', { n: item.latestRevision })}</span>
            <RevisionStateTag state={item.latest.state} />
            {dirty ? (
              <Tag color="gold" data-testid="process-dirty">
                {t('process.dirty')}
              </Tag>
            ) : null}
            {!canEdit && units.data ? <Tag>{t('process.readOnly')}</Tag> : null}
          </Flex>
        }
        extra={
          <>
            {canEdit && draft ? (
              <Dropdown menu={templateMenu} trigger={['click']}>
                <Button icon={<AppstoreOutlined />} data-testid="process-apply-template">
                  {t('process.applyTemplate')}
                </Button>
              </Dropdown>
            ) : null}
            <BpmnActions itemId={item.id} revision={item.latestRevision} hasProcess={saved !== null} canImport={canEdit} onImport={() => onImportBpmn(dirty)} />
            {canEdit && draft && dirty ? (
              <Button icon={<UndoOutlined />} data-testid="process-discard" onClick={() => setDraft(saved ? cloneProcess(saved) : null)}>
                {t('process.discard')}
              </Button>
            ) : null}
            {canEdit && draft ? (
              <Button
                type="primary"
                icon={<SaveOutlined />}
                data-testid="process-save"
                loading={saving}
                disabled={!dirty || checkedErrors}
                title={checkedErrors ? t('process.errorsTitleShort') : undefined}
                onClick={save}
              >
                {t('process.save')}
              </Button>
            ) : null}
          </>
        }
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {t('process.intro')}
      </Typography.Paragraph>

      {failure ? <SaveFailureAlert failure={failure} words={words} onReload={reload} /> : null}

      {draft === null ? (
        canEdit ? (
          <Flex vertical gap={12}>
            <Alert
              type="info"
              showIcon
              icon={<ImportOutlined />}
              data-testid="process-bpmn-hint"
              title={t('process.bpmn.noneHint')}
              action={
                <Button size="small" icon={<ImportOutlined />} data-testid="process-bpmn-import" onClick={() => onImportBpmn(false)}>
                  {t('process.bpmn.import')}
                </Button>
              }
            />
            <TemplatePicker templates={vocabulary.templates} category={content.category} words={words} onPick={setDraft} />
          </Flex>
        ) : (
          <Alert type="info" showIcon data-testid="process-none" title={t('process.noneYet')} />
        )
      ) : (
        <Row gutter={[16, 16]} align="stretch">
          <Col xs={24} lg={13}>
            <Flex vertical gap={12}>
              <ProblemList problems={problems} checked={!check.pending && check.result !== undefined} words={words} />
              <LongestPath
                longest={check.result?.longest}
                process={draft}
                statutoryLimit={content.statutoryLimit}
                promisedLimit={content.promisedLimit}
                words={words}
              />
              <SeparationRules rules={draft.separations} words={words} />
              <ConfigProvider componentDisabled={!canEdit}>
                <NodeList
                  draft={draft}
                  vocabulary={vocabulary}
                  words={words}
                  units={units.data?.items}
                  problems={problems}
                  readOnly={!canEdit}
                  edit={edit}
                  onRemove={remove}
                />
              </ConfigProvider>
              {canEdit ? (
                <Space wrap className="process-add-bar">
                  <Button icon={<PlusOutlined />} data-testid="process-add-step" onClick={() => add('step')}>
                    {t('process.addStep')}
                  </Button>
                  <Button icon={<BranchesOutlined />} data-testid="process-add-exclusive" onClick={() => add('exclusive')}>
                    {t('process.addExclusive')}
                  </Button>
                  <Button icon={<ForkOutlined />} data-testid="process-add-parallel" onClick={() => add('parallel')}>
                    {t('process.addParallel')}
                  </Button>
                  <Button icon={<StopOutlined />} data-testid="process-add-end" onClick={() => add('end')}>
                    {t('process.addEnd')}
                  </Button>
                </Space>
              ) : null}
            </Flex>
          </Col>
          <Col xs={24} lg={11}>
            <div className="process-drawing-sticky">
              <DrawingPanel check={check} view={view} onView={setView} alt={alt} saved={saved ? { itemId: item.id, revision: item.latestRevision } : null} />
            </div>
          </Col>
        </Row>
      )}
    </>
  );
}

function NodeList({
  draft,
  vocabulary,
  words,
  units,
  problems,
  readOnly,
  edit,
  onRemove,
}: {
  draft: ProcessDefinition;
  vocabulary: ProcessVocabulary;
  words: ProcessWords;
  units: Parameters<typeof NodeCard>[0]['units'];
  problems: readonly ProcessProblem[];
  readOnly: boolean;
  edit: Edit;
  onRemove: (node: ProcessNode) => void;
}) {
  return (
    <Flex vertical gap={10} data-testid="process-nodes">
      {draft.nodes.map((node, i) => (
        <NodeCard
          key={node.id}
          node={node}
          position={i + 1}
          process={draft}
          vocabulary={vocabulary}
          words={words}
          units={units}
          problems={problems.filter((x) => x.nodeId === node.id)}
          readOnly={readOnly}
          edit={edit}
          onRemove={onRemove}
        />
      ))}
    </Flex>
  );
}

/** Why saving failed: the process's errors (422), a newer revision saved meanwhile (409), or the server's message. */
function SaveFailureAlert({ failure, words, onReload }: { failure: SaveFailure; words: ProcessWords; onReload: () => void }) {
  const t = useT();
  const { error, problems } = failure;
  if (error.status === 409) {
    return (
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        data-testid="process-stale"
        title={t('process.staleTitle')}
        description={t('process.staleBody')}
        action={
          <Button size="small" data-testid="process-stale-reload" onClick={onReload}>
            {t('powers.staleReload')}
          </Button>
        }
      />
    );
  }
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="process-save-error"
      title={problems.length > 0 ? t('process.refused') : error.message}
      description={
        problems.length > 0 ? (
          <ul className="process-problem-list">
            {problems.map((x, i) => (
              <li key={i} className={x.severity === 'error' ? 'is-error' : 'is-warning'}>
                {x.nodeId ? (
                  <button type="button" className="process-problem-link" onClick={() => showNode(x.nodeId!)}>
                    {words.pick(x.message)}
                  </button>
                ) : (
                  words.pick(x.message)
                )}
              </li>
            ))}
          </ul>
        ) : (
          <span className="muted">{t('common.errorCode', { code: error.code })}</span>
        )
      }
    />
  );
}
