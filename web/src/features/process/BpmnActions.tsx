import { useState } from 'react';
import { App, Button, Dropdown } from 'antd';
import type { MenuProps } from 'antd';
import { DownOutlined, ExportOutlined, ImportOutlined } from '@ant-design/icons';
import { ApiError } from '../../lib/api-client';
import { useT } from '../../lib/i18n';
import { bpmnApi } from './api';

/** Hands a fetched file to the browser as a download. */
function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The download has started by the next turn; the address is no longer needed after it.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** 导出 BPMN: downloads a revision's process as `CODE-rN.bpmn`, telling the user when the server cannot. */
export function useBpmnExport(itemId: string, revision: number) {
  const t = useT();
  const { message } = App.useApp();
  const [exporting, setExporting] = useState(false);
  const run = async () => {
    setExporting(true);
    try {
      const { blob, fileName } = await bpmnApi.exportFile(itemId, revision);
      saveFile(blob, fileName);
    } catch (cause) {
      const error = cause instanceof ApiError ? cause : new ApiError(0, 'unknown', String(cause));
      message.error(t('process.bpmn.exportFailed', { message: error.message }));
    } finally {
      setExporting(false);
    }
  };
  return { exporting, run };
}

/** The 导出 BPMN button, for those who read the process (the item page's tab). */
export function BpmnExportButton({ itemId, revision }: { itemId: string; revision: number }) {
  const t = useT();
  const { exporting, run } = useBpmnExport(itemId, revision);
  return (
    <Button
      icon={<ExportOutlined />}
      loading={exporting}
      data-testid="bpmn-export"
      title={t('process.bpmn.exportTitle', { n: revision })}
      onClick={() => void run()}
    >
      {t('process.bpmn.export')}
    </Button>
  );
}

interface Props {
  itemId: string;
  /** The revision the page shows; exported as it was saved. */
  revision: number;
  /** The revision has a process to export. */
  hasProcess: boolean;
  /** The user may edit the item: import is offered too. */
  canImport: boolean;
  onImport: () => void;
}

/**
 * The editor's BPMN actions: for those who edit the item a menu with 导出 and 导入; for the others the export button
 * alone (or nothing, while there is no process).
 */
export function BpmnActions({ itemId, revision, hasProcess, canImport, onImport }: Props) {
  const t = useT();
  const { exporting, run } = useBpmnExport(itemId, revision);
  if (!canImport) return hasProcess ? <BpmnExportButton itemId={itemId} revision={revision} /> : null;
  const menu: MenuProps = {
    items: [
      {
        key: 'export',
        icon: <ExportOutlined />,
        disabled: !hasProcess,
        title: t('process.bpmn.exportTitle', { n: revision }),
        label: <span data-testid="bpmn-export">{t('process.bpmn.exportRevision', { n: revision })}</span>,
      },
      { key: 'import', icon: <ImportOutlined />, label: <span data-testid="bpmn-import">{t('process.bpmn.importMenu')}</span> },
    ],
    onClick: ({ key }) => (key === 'export' ? void run() : onImport()),
  };
  return (
    <Dropdown menu={menu} trigger={['click']}>
      <Button data-testid="bpmn-menu" loading={exporting}>
        {t('process.bpmn.menu')} <DownOutlined />
      </Button>
    </Dropdown>
  );
}
