import { Collapse, Flex, Tag, Typography } from 'antd';
import { useLang, useT } from '../../lib/i18n';
import type { BpmnReport, BpmnReportEntry, BpmnReportKind } from './api';

/** The kinds in the order they matter: what stops the import first, then what was lost, changed, left to fill in. */
export const REPORT_KINDS: readonly BpmnReportKind[] = ['refused', 'unsupported', 'adapted', 'warning'];

export const KIND_COLOR: Record<BpmnReportKind, string> = { refused: 'red', unsupported: 'purple', adapted: 'blue', warning: 'gold' };

/** 拒绝 / 不支持 / 已调整 / 警告 in its colour. */
export function KindTag({ kind }: { kind: BpmnReportKind }) {
  const t = useT();
  return (
    <Tag color={KIND_COLOR[kind]} style={{ marginInlineEnd: 0, whiteSpace: 'nowrap' }}>
      {t(`process.bpmn.kind.${kind}`)}
    </Tag>
  );
}

/** What the imported process holds: steps, choices, parallel gateways, ends and flows. */
export function BpmnCounts({ counts }: { counts: NonNullable<BpmnReport['counts']> }) {
  const t = useT();
  const cells = [
    ['steps', counts.steps],
    ['choices', counts.choices],
    ['parallels', counts.parallels],
    ['ends', counts.ends],
    ['flows', counts.flows],
  ] as const;
  return (
    <Flex wrap gap={8} data-testid="bpmn-counts" aria-label={t('process.bpmn.counts')} role="list">
      {cells.map(([key, n]) => (
        <div
          key={key}
          role="listitem"
          data-count={key}
          style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: '4px 12px', minWidth: 72, textAlign: 'center' }}
        >
          <div style={{ fontSize: 20, fontWeight: 600, lineHeight: 1.3 }}>{n}</div>
          <div className="muted" style={{ fontSize: 12 }}>
            {t(`process.bpmn.count.${key}`)}
          </div>
        </div>
      ))}
    </Flex>
  );
}

/** One entry: its message in the UI language, then where it is in the file (line, element, id, name). */
function Entry({ entry }: { entry: BpmnReportEntry }) {
  const t = useT();
  const { lang } = useLang();
  const where = [entry.line !== null ? t('process.bpmn.line', { n: entry.line }) : null, entry.element, entry.id, entry.name ? `“${entry.name}”` : null].filter(
    (x) => x !== null,
  );
  return (
    <li data-testid="bpmn-entry" data-kind={entry.kind} data-code={entry.code} style={{ padding: '6px 0', borderBottom: '1px solid #f5f5f5' }}>
      <div style={{ wordBreak: 'break-word' }}>{lang === 'en' ? entry.message.en : entry.message.zh}</div>
      {where.length > 0 ? (
        <div className="muted" style={{ fontSize: 12, wordBreak: 'break-all' }}>
          {where.join(' · ')}
        </div>
      ) : null}
    </li>
  );
}

/**
 * The entries of an import report grouped by kind, each group in its colour with what the kind means; every group
 * starts open, so nothing is hidden until one closes it.
 */
export function BpmnEntries({ entries }: { entries: readonly BpmnReportEntry[] }) {
  const t = useT();
  const groups = REPORT_KINDS.map((kind) => ({ kind, entries: entries.filter((e) => e.kind === kind) })).filter((g) => g.entries.length > 0);
  if (groups.length === 0) return <Typography.Text type="secondary">{t('process.bpmn.entriesNone')}</Typography.Text>;
  return (
    <Collapse
      size="small"
      data-testid="bpmn-entries"
      defaultActiveKey={groups.map((g) => g.kind)}
      items={groups.map((g) => ({
        key: g.kind,
        label: (
          <Flex gap={8} wrap align="center" data-testid={`bpmn-kind-${g.kind}`} data-count={g.entries.length}>
            <KindTag kind={g.kind} />
            <strong>{g.entries.length}</strong>
            <span className="muted" style={{ fontSize: 12 }}>
              {t(`process.bpmn.kindHint.${g.kind}`)}
            </span>
          </Flex>
        ),
        children: (
          <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {g.entries.map((e, i) => (
              <Entry key={i} entry={e} />
            ))}
          </ul>
        ),
      }))}
    />
  );
}
