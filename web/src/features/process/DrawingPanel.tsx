import { Alert, Button, Card, Dropdown, Empty, Flex, Segmented, Spin } from 'antd';
import type { MenuProps } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useT } from '../../lib/i18n';
import { processApi } from './api';
import type { ProcessCheck } from './use-process-check';
import { SvgDrawing } from './SvgDrawing';

export type DrawingView = 'flow' | 'risk';

/** 流程图 / 风险防控图: which of the two drawings is shown. */
export function DrawingToggle({ value, onChange }: { value: DrawingView; onChange: (v: DrawingView) => void }) {
  const t = useT();
  return (
    <Segmented<DrawingView>
      aria-label={t('process.drawingView')}
      data-testid="process-drawing-view"
      value={value}
      onChange={onChange}
      options={[
        { value: 'flow', label: t('process.viewFlow') },
        { value: 'risk', label: t('process.viewRisk') },
      ]}
    />
  );
}

/** 下载流程图 / 风险防控图 as SVG or PNG, of a saved revision. */
export function DrawingDownloads({ itemId, revision }: { itemId: string; revision: number }) {
  const t = useT();
  const link = (risk: boolean, format: 'svg' | 'png') => ({
    key: `${risk ? 'risk' : 'flow'}-${format}`,
    label: (
      <a href={processApi.drawingUrl(itemId, format, risk, revision)} download data-testid={`process-download-${risk ? 'risk' : 'flow'}-${format}`}>
        {t(risk ? 'process.downloadRisk' : 'process.downloadFlow', { format: format.toUpperCase() })}
      </a>
    ),
  });
  const menu: MenuProps = { items: [link(false, 'svg'), link(false, 'png'), { type: 'divider' }, link(true, 'svg'), link(true, 'png')] };
  return (
    <Dropdown menu={menu} trigger={['click']}>
      <Button icon={<DownloadOutlined />} data-testid="process-downloads">
        {t('process.download', { n: revision })}
      </Button>
    </Dropdown>
  );
}

interface Props {
  check: ProcessCheck;
  view: DrawingView;
  onView: (v: DrawingView) => void;
  /** The steps in order, as the drawing's text alternative. */
  alt: string;
  /** The saved revision to download, when the item has a saved process. */
  saved: { itemId: string; revision: number } | null;
}

/** The editor's drawing, redrawn by the live check as the process changes. */
export function DrawingPanel({ check, view, onView, alt, saved }: Props) {
  const t = useT();
  const svg = check.result?.svg ?? null;
  const undrawable = check.result !== undefined && svg === null;
  return (
    <Card
      size="small"
      className="process-drawing-panel"
      title={<DrawingToggle value={view} onChange={onView} />}
      extra={saved ? <DrawingDownloads itemId={saved.itemId} revision={saved.revision} /> : null}
    >
      <Spin spinning={check.pending} delay={150} description={t('process.drawing')}>
        <div
          data-testid="process-drawing"
          data-view={view}
          data-pending={check.pending ? 'true' : 'false'}
          className="process-drawing"
          aria-live="polite"
          aria-busy={check.pending}
        >
          {check.error ? <Alert type="error" showIcon title={t('process.checkFailed')} description={check.error.message} style={{ marginBottom: 8 }} /> : null}
          {svg ? (
            <SvgDrawing svg={svg} label={alt} />
          ) : undrawable ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('process.undrawable')} />
          ) : check.result === undefined && !check.error ? (
            <div className="process-drawing-placeholder" />
          ) : null}
        </div>
      </Spin>
      <Flex className="muted process-drawing-note">{view === 'risk' ? t('process.riskMapNote') : t('process.flowNote')}</Flex>
    </Card>
  );
}
