import { useState } from 'react';
import { Empty, Flex, Typography } from 'antd';
import { EditOutlined, EyeOutlined } from '@ant-design/icons';
import { ButtonLink } from '../../components/ButtonLink';
import type { PowerItem } from '../../lib/api-types';
import { useT } from '../../lib/i18n';
import { processApi } from './api';
import { BpmnExportButton } from './BpmnActions';
import { DrawingDownloads, DrawingToggle, type DrawingView } from './DrawingPanel';
import { SavedSeparationRules } from './SeparationRules';

/**
 * The item page's 流程与风险点 tab: the saved drawing of the latest revision, its downloads (drawings, BPMN) and the
 * way to the editor (where those who edit the item also import BPMN).
 */
export function ProcessTab({ item, canEdit }: { item: PowerItem; canEdit: boolean }) {
  const t = useT();
  const [view, setView] = useState<DrawingView>('flow');
  const [failed, setFailed] = useState<Record<DrawingView, boolean>>({ flow: false, risk: false });
  const process = item.latest.content.process ?? null;
  const editor = `/workbench/powers/${encodeURIComponent(item.id)}/process`;
  const steps = process?.nodes.filter((n) => n.kind === 'step').map((n) => n.name) ?? [];

  const open = (
    <ButtonLink to={editor} type={canEdit ? 'primary' : 'default'} icon={canEdit ? <EditOutlined /> : <EyeOutlined />} data-testid="process-open-editor">
      {canEdit ? (process ? t('process.edit') : t('process.start')) : t('process.view')}
    </ButtonLink>
  );

  if (!process) {
    return (
      <Flex vertical align="center" gap={12} data-testid="process-tab" style={{ padding: '16px 0' }}>
        <Empty description={t('process.noneYet')} />
        {canEdit ? open : null}
      </Flex>
    );
  }

  return (
    <Flex vertical gap={12} data-testid="process-tab">
      <Flex gap={8} wrap align="center" justify="space-between">
        <DrawingToggle value={view} onChange={setView} />
        <Flex gap={8} wrap>
          <DrawingDownloads itemId={item.id} revision={item.latestRevision} />
          <BpmnExportButton itemId={item.id} revision={item.latestRevision} />
          {open}
        </Flex>
      </Flex>
      <Typography.Text type="secondary">{t('process.tabNote', { n: item.latestRevision })}</Typography.Text>
      <SavedSeparationRules rules={process.separations} />
      <div className="process-drawing process-drawing-saved">
        {failed[view] ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('process.imageFailed')} />
        ) : (
          <img
            key={view}
            data-testid="process-tab-image"
            src={processApi.drawingUrl(item.id, 'svg', view === 'risk', item.latestRevision)}
            alt={t('process.drawingAlt', { steps: steps.join(' → ') })}
            onError={() => setFailed((f) => ({ ...f, [view]: true }))}
          />
        )}
      </div>
    </Flex>
  );
}
