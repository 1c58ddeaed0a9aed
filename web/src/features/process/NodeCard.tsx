// One node of the process in the editor's list: a step as a card with its performer, limit, ways on and risk points;
// the start, choices, parallel gateways and ends as smaller cards with their name and ways on.
import type { ReactNode } from 'react';
import { AutoComplete, Button, Card, Col, Flex, Input, InputNumber, Row, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, CloseCircleFilled, DeleteOutlined, ExclamationCircleFilled, PlusOutlined } from '@ant-design/icons';
import { UnitSelect } from '../../components/UnitSelect';
import type { Unit } from '../../lib/api-types';
import { useT } from '../../lib/i18n';
import type { Performer, PerformerRole, ProcessDefinition, ProcessNode, ProcessProblem, ProcessVocabulary, RiskGrade, StepDuty, StepNode } from './api';
import { addFlow, dutyOfName, moveNode, nodeName, removeFlow, updateFlow, updateNode, updateRisk, updateStep } from './process-model';
import type { ProcessWords } from './process-shared';

/** Applies one change to the process being edited. */
export type Edit = (change: (p: ProcessDefinition) => ProcessDefinition) => void;

interface Props {
  node: ProcessNode;
  /** Position in the list, from 1. */
  position: number;
  process: ProcessDefinition;
  vocabulary: ProcessVocabulary;
  words: ProcessWords;
  units: readonly Unit[] | undefined;
  /** The problems the check found on this node. */
  problems: readonly ProcessProblem[];
  readOnly: boolean;
  edit: Edit;
  onRemove: (node: ProcessNode) => void;
}

const END_NAMES = ['办结', '不予许可', '不予受理', '不予处罚', '退回', '撤回', '终止'];
const KIND_COLOR: Record<ProcessNode['kind'], string> = { start: 'green', step: 'blue', exclusive: 'orange', parallel: 'purple', end: 'default' };

/** The editor of one node; the start cannot be moved or removed. */
export function NodeCard({ node, position, process, vocabulary, words, units, problems, readOnly, edit, onRemove }: Props) {
  const t = useT();
  const name = nodeName(node, words.kind);
  const index = process.nodes.indexOf(node);
  const movable = node.kind !== 'start' && !readOnly;

  const title = (
    <Flex gap={8} align="center" wrap>
      <span className="muted">{position}.</span>
      <Tag color={KIND_COLOR[node.kind]} style={{ marginInlineEnd: 0 }}>
        {words.kind(node.kind)}
      </Tag>
      <span className="process-node-title">{node.kind === 'step' || node.kind === 'end' || node.name ? name : null}</span>
      <Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>
        {node.id}
      </Typography.Text>
    </Flex>
  );

  const actions = movable ? (
    <Space size={0}>
      <Tooltip title={t('process.moveUp')}>
        <Button
          type="text"
          size="small"
          icon={<ArrowUpOutlined />}
          aria-label={t('process.moveUpAria', { name })}
          disabled={index <= 1}
          onClick={() => edit((p) => moveNode(p, node.id, -1))}
        />
      </Tooltip>
      <Tooltip title={t('process.moveDown')}>
        <Button
          type="text"
          size="small"
          icon={<ArrowDownOutlined />}
          aria-label={t('process.moveDownAria', { name })}
          disabled={index >= process.nodes.length - 1}
          onClick={() => edit((p) => moveNode(p, node.id, 1))}
        />
      </Tooltip>
      <Tooltip title={t('process.removeNode')}>
        <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('process.removeNodeAria', { name })} onClick={() => onRemove(node)} />
      </Tooltip>
    </Space>
  ) : null;

  const worst = problems.some((x) => x.severity === 'error') ? 'error' : problems.length > 0 ? 'warning' : undefined;

  return (
    <Card
      size="small"
      id={`process-node-${node.id}`}
      data-testid={`process-node-${node.id}`}
      data-kind={node.kind}
      className={`process-node process-node-${node.kind}${worst ? ` process-node-has-${worst}` : ''}`}
      title={title}
      extra={actions}
    >
      <Flex vertical gap={10}>
        <NodeProblems problems={problems} words={words} />
        {node.kind === 'step' ? (
          <StepFields step={node} vocabulary={vocabulary} words={words} units={units} edit={edit} />
        ) : (
          <NameField node={node} edit={edit} />
        )}
        {node.kind !== 'end' ? <FlowRows node={node} process={process} words={words} edit={edit} readOnly={readOnly} /> : null}
        {node.kind === 'step' ? <RiskRows step={node} vocabulary={vocabulary} words={words} edit={edit} readOnly={readOnly} /> : null}
      </Flex>
    </Card>
  );
}

function NodeProblems({ problems, words }: { problems: readonly ProcessProblem[]; words: ProcessWords }) {
  if (problems.length === 0) return null;
  return (
    <ul className="process-node-problems">
      {problems.map((x, i) => (
        <li key={i} className={x.severity === 'error' ? 'is-error' : 'is-warning'}>
          {x.severity === 'error' ? <CloseCircleFilled /> : <ExclamationCircleFilled />} {words.pick(x.message)}
        </li>
      ))}
    </ul>
  );
}

/** A labelled control: the label is shown above and also given to the control itself (aria-label). */
function Field({ label, children, span = 12, md }: { label: string; children: ReactNode; span?: number; md?: number }) {
  return (
    <Col xs={24} sm={span} md={md ?? span}>
      <div className="process-field-label" aria-hidden>
        {label}
      </div>
      {children}
    </Col>
  );
}

function NameField({ node, edit }: { node: Exclude<ProcessNode, StepNode>; edit: Edit }) {
  const t = useT();
  const set = (value: string) =>
    edit((p) =>
      updateNode(p, node.id, (n) => (n.kind === 'end' ? { ...n, name: value } : n.kind !== 'step' ? { ...n, name: value === '' ? null : value } : n)),
    );
  const label = t(`process.nameOf.${node.kind}`);
  if (node.kind === 'end') {
    return (
      <Row gutter={12}>
        <Field label={label} span={24} md={14}>
          <AutoComplete
            value={node.name}
            aria-label={label}
            placeholder={t('process.endPlaceholder')}
            options={END_NAMES.map((value) => ({ value }))}
            onChange={(v: string) => set(v)}
            style={{ width: '100%' }}
          />
        </Field>
      </Row>
    );
  }
  return (
    <Row gutter={12}>
      <Field label={label} span={24} md={14}>
        <Input
          value={node.name ?? ''}
          aria-label={label}
          maxLength={100}
          placeholder={node.kind === 'exclusive' ? t('process.exclusivePlaceholder') : t('process.optional')}
          onChange={(e) => set(e.target.value)}
        />
      </Field>
    </Row>
  );
}

function StepFields({
  step,
  vocabulary,
  words,
  units,
  edit,
}: {
  step: StepNode;
  vocabulary: ProcessVocabulary;
  words: ProcessWords;
  units: readonly Unit[] | undefined;
  edit: Edit;
}) {
  const t = useT();
  const set = (patch: Partial<StepNode>) => edit((p) => updateStep(p, step.id, patch));
  const setPerformer = (patch: Partial<Performer>) => set({ performer: { ...step.performer, ...patch } });
  return (
    <>
      <Row gutter={[12, 8]}>
        <Field label={t('process.stepName')} span={24} md={14}>
          <Input
            value={step.name}
            aria-label={t('process.stepName')}
            maxLength={100}
            status={step.name.trim() ? undefined : 'error'}
            placeholder={t('process.stepNamePlaceholder')}
            onChange={(e) => {
              const name = e.target.value;
              // A new step takes the duty its name suggests (调查 → 审查) until one is chosen.
              const suggested = step.duty === null || step.duty === 'other' ? dutyOfName(name, vocabulary.duties) : null;
              set(suggested ? { name, duty: suggested } : { name });
            }}
          />
        </Field>
        <Field label={t('process.duty')} span={24} md={10}>
          <Select<StepDuty | ''>
            value={step.duty ?? ''}
            aria-label={t('process.duty')}
            style={{ width: '100%' }}
            status={step.duty ? undefined : 'warning'}
            options={[
              { value: '', label: t('process.undecided') },
              ...vocabulary.duties.map((d) => ({ value: d.code as StepDuty, label: words.pick(d), title: d.alsoCalled.join('、') })),
            ]}
            onChange={(duty) => set({ duty: duty === '' ? null : duty })}
          />
        </Field>
        <Field label={t('process.role')} span={24} md={8}>
          <Select<PerformerRole | ''>
            value={step.performer.role ?? ''}
            aria-label={t('process.role')}
            style={{ width: '100%' }}
            status={step.performer.role ? undefined : 'warning'}
            options={[{ value: '', label: t('process.undecided') }, ...vocabulary.roles.map((r) => ({ value: r.code as PerformerRole, label: words.pick(r) }))]}
            onChange={(role) => setPerformer({ role: role === '' ? null : role })}
          />
        </Field>
        <Field label={t('process.unit')} span={24} md={8}>
          <Select<Performer['unit']>
            value={step.performer.unit}
            aria-label={t('process.unit')}
            style={{ width: '100%' }}
            options={(['own', 'parent', 'named'] as const).map((u) => ({ value: u, label: t(`process.unit.${u}`) }))}
            onChange={(unit) => setPerformer({ unit, unitCode: unit === 'named' ? step.performer.unitCode : null })}
          />
        </Field>
        {step.performer.unit === 'named' ? (
          <Field label={t('process.namedUnit')} span={24} md={8}>
            <UnitSelect
              testId={`process-unit-${step.id}`}
              aria-label={t('process.namedUnit')}
              style={{ width: '100%' }}
              status={step.performer.unitCode ? undefined : 'warning'}
              units={units?.filter((u) => u.status === 'active')}
              value={step.performer.unitCode ?? undefined}
              onChange={(code) => setPerformer({ unitCode: code ?? null })}
              allowClear
            />
          </Field>
        ) : null}
      </Row>
      <Row gutter={[12, 8]}>
        <Field label={t('process.limit')} span={24} md={8}>
          <InputNumber<number>
            value={step.limitDays}
            aria-label={t('process.limitAria')}
            min={0}
            max={3650}
            precision={0}
            placeholder={t('process.undecided')}
            suffix={t('powers.workingDays')}
            status={step.limitDays === null && step.clockStop === null ? 'warning' : undefined}
            style={{ width: '100%' }}
            onChange={(v) => set({ limitDays: v ?? null })}
          />
        </Field>
        <Field label={t('process.clockStop')} span={24} md={16}>
          <Tooltip title={t('process.clockStopHint', { source: vocabulary.clockStopSource })}>
            <Select<string>
              value={step.clockStop ?? ''}
              aria-label={t('process.clockStop')}
              style={{ width: '100%' }}
              options={[
                { value: '', label: t('process.clockStopNone') },
                ...vocabulary.clockStopReasons.map((r) => ({ value: r, label: t('process.clockStopOption', { reason: r }) })),
              ]}
              onChange={(v) => set({ clockStop: v === '' ? null : v })}
            />
          </Tooltip>
        </Field>
      </Row>
    </>
  );
}

function FlowRows({
  node,
  process,
  words,
  edit,
  readOnly,
}: {
  node: ProcessNode;
  process: ProcessDefinition;
  words: ProcessWords;
  edit: Edit;
  readOnly: boolean;
}) {
  const t = useT();
  const rows = process.flows.map((flow, index) => ({ flow, index })).filter((x) => x.flow.from === node.id);
  // A parallel split runs every way at once: its ways need no outcome.
  const named = node.kind !== 'parallel';
  const targets = process.nodes
    .filter((n) => n.id !== node.id && n.kind !== 'start')
    .map((n) => ({ value: n.id, label: `${nodeName(n, words.kind)} · ${words.kind(n.kind)} · ${n.id}` }));
  return (
    <div className="process-flows">
      <div className="process-section-label">{t('process.flows')}</div>
      {rows.length === 0 ? <div className="muted process-empty-line">{t('process.noFlows')}</div> : null}
      {rows.map(({ flow, index }, i) => (
        // On a phone the outcome and the next node wrap onto two lines rather than squeezing each other.
        <Flex key={index} gap={8} align="center" wrap className="process-flow-row" data-testid="process-flow-row">
          <span className="muted" aria-hidden>
            →
          </span>
          {named ? (
            <Input
              value={flow.outcome ?? ''}
              aria-label={t('process.flowOutcomeAria', { n: i + 1 })}
              placeholder={rows.length > 1 ? t('process.flowOutcomePlaceholder') : t('process.flowOutcomeOptional')}
              maxLength={50}
              status={rows.length > 1 && !flow.outcome?.trim() ? 'error' : undefined}
              style={{ flex: '1 1 120px', minWidth: 0 }}
              onChange={(e) => edit((p) => updateFlow(p, index, { outcome: e.target.value }))}
            />
          ) : null}
          <Select<string>
            value={flow.to || undefined}
            aria-label={t('process.flowTargetAria', { n: i + 1 })}
            placeholder={t('process.flowTargetPlaceholder')}
            status={flow.to ? undefined : 'error'}
            showSearch={{ optionFilterProp: 'label' }}
            options={targets}
            style={{ flex: '2 1 180px', minWidth: 0 }}
            onChange={(to) => edit((p) => updateFlow(p, index, { to }))}
          />
          {readOnly ? null : (
            <Button
              type="text"
              icon={<DeleteOutlined />}
              aria-label={t('process.flowRemoveAria', { n: i + 1 })}
              onClick={() => edit((p) => removeFlow(p, index))}
            />
          )}
        </Flex>
      ))}
      {readOnly ? null : (
        <Button
          size="small"
          type="dashed"
          icon={<PlusOutlined />}
          aria-label={t('process.flowAddAria', { name: nodeName(node, words.kind) })}
          onClick={() => edit((p) => addFlow(p, node.id))}
        >
          {t('process.flowAdd')}
        </Button>
      )}
    </div>
  );
}

function RiskRows({
  step,
  vocabulary,
  words,
  edit,
  readOnly,
}: {
  step: StepNode;
  vocabulary: ProcessVocabulary;
  words: ProcessWords;
  edit: Edit;
  readOnly: boolean;
}) {
  const t = useT();
  const setRisks = (risks: StepNode['risks']) => edit((p) => updateStep(p, step.id, { risks }));
  return (
    <div className="process-risks">
      <div className="process-section-label">{t('process.risks')}</div>
      {step.risks.length === 0 ? <div className="muted process-empty-line">{t('process.noRisks')}</div> : null}
      {step.risks.map((risk, i) => {
        const n = i + 1;
        const set = (patch: Partial<typeof risk>) => edit((p) => updateRisk(p, step.id, i, patch));
        return (
          <div key={i} className="process-risk" data-testid="process-risk-row">
            <Flex justify="space-between" align="center">
              <Typography.Text strong>{t('process.riskN', { n })}</Typography.Text>
              {readOnly ? null : (
                <Button
                  type="text"
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('process.riskRemoveAria', { n })}
                  onClick={() => setRisks(step.risks.filter((_, j) => j !== i))}
                />
              )}
            </Flex>
            <Row gutter={[12, 8]}>
              <Field label={t('process.riskDescription')} span={24}>
                <Input.TextArea
                  value={risk.description}
                  aria-label={t('process.riskDescriptionAria', { n })}
                  placeholder={t('process.riskDescriptionPlaceholder')}
                  status={risk.description.trim() ? undefined : 'error'}
                  maxLength={1000}
                  autoSize={{ minRows: 1, maxRows: 4 }}
                  onChange={(e) => set({ description: e.target.value })}
                />
              </Field>
              <Field label={t('process.riskGrade')} span={12} md={8}>
                <Select<RiskGrade>
                  value={risk.grade}
                  aria-label={t('process.riskGradeAria', { n })}
                  style={{ width: '100%' }}
                  options={vocabulary.riskGrades.map((g) => ({ value: g.code, label: `${g.stars} ${words.pick(g)}` }))}
                  onChange={(grade) => set({ grade })}
                />
              </Field>
              <Field label={t('process.riskCategory')} span={12} md={8}>
                <Select<string>
                  value={risk.category}
                  aria-label={t('process.riskCategoryAria', { n })}
                  style={{ width: '100%' }}
                  options={vocabulary.riskCategories.map((c) => ({ value: c.code, label: words.pick(c) }))}
                  onChange={(category) => set({ category })}
                />
              </Field>
              <Field label={t('process.riskPost')} span={24} md={8}>
                <Input
                  value={risk.post ?? ''}
                  aria-label={t('process.riskPostAria', { n })}
                  placeholder={t('process.riskPostPlaceholder')}
                  maxLength={100}
                  onChange={(e) => set({ post: e.target.value === '' ? null : e.target.value })}
                />
              </Field>
              <Field label={t('process.riskMeasures')} span={24}>
                <Input.TextArea
                  value={risk.measures}
                  aria-label={t('process.riskMeasuresAria', { n })}
                  placeholder={t('process.riskMeasuresPlaceholder')}
                  status={risk.measures.trim() ? undefined : 'warning'}
                  maxLength={2000}
                  autoSize={{ minRows: 1, maxRows: 4 }}
                  onChange={(e) => set({ measures: e.target.value })}
                />
              </Field>
            </Row>
          </div>
        );
      })}
      {readOnly ? null : (
        <Button
          size="small"
          type="dashed"
          icon={<PlusOutlined />}
          aria-label={t('process.riskAddAria', { name: nodeName(step, words.kind) })}
          disabled={step.risks.length >= 20}
          onClick={() =>
            setRisks([...step.risks, { description: '', grade: 2, category: vocabulary.riskCategories[0]?.code ?? 'discretion', measures: '', post: null }])
          }
        >
          {t('process.riskAdd')}
        </Button>
      )}
    </div>
  );
}
