import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Flex, Form, Modal, Radio, Result, Spin, Tag, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ApiError } from '../../lib/api-client';
import { useT } from '../../lib/i18n';
import { bpmnApi, refusedReport, type BpmnImportResult, type BpmnProcessSummary, type BpmnReport } from './api';
import { BpmnCounts, BpmnEntries } from './BpmnReportView';

/** The route's body limit (process.routes.ts MAX_BPMN_BYTES). */
const MAX_BYTES = 10 * 1024 * 1024;
const SEVERAL = 'bpmn.several_processes';

const asApiError = (cause: unknown) => (cause instanceof ApiError ? cause : new ApiError(0, 'unknown', String(cause)));

/** The newer revision someone saved meanwhile (409 `conflict` with `latestRevision`); an ended item is another 409. */
function newerRevision(error: ApiError): number | undefined {
  const n = error.details.latestRevision;
  return error.status === 409 && typeof n === 'number' ? n : undefined;
}

/** What the last check of the file said, and for which of its processes. */
type Checked =
  | { ok: true; processId: string | undefined; result: BpmnImportResult }
  | { ok: false; processId: string | undefined; report: BpmnReport }
  | { ok: false; processId: string | undefined; error: ApiError };

interface Props {
  open: boolean;
  /** The item, at the revision the page shows (the import is based on it). */
  item: { id: string; latestRevision: number };
  /** Whether the item has a saved process (the intro says the current one stays in the history). */
  hasProcess: boolean;
  /** The editor holds unsaved changes that the import would replace. */
  dirty: boolean;
  onClose: () => void;
  /** After a revision was made (or the file's process turned out to be the saved one): reload the page's item. */
  onImported: (result: BpmnImportResult) => void;
  /** Someone saved a newer revision: reload the page's item. */
  onReload: () => void;
}

/**
 * 导入 BPMN: a file from another modeler, checked first (dry run) with its report shown — what refuses it, what Sunlit
 * cannot run, what it changed, what is left to fill in — then, on confirmation, imported as a new draft revision.
 * A file with several processes is checked again with the one the user picks.
 */
export function BpmnImportDialog({ open, item, hasProcess, dirty, onClose, onImported, onReload }: Props) {
  const t = useT();
  const { modal } = App.useApp();
  const [file, setFile] = useState<File>();
  const [fileError, setFileError] = useState<string>();
  const [chosen, setChosen] = useState<string>();
  const [checking, setChecking] = useState(false);
  const [checked, setChecked] = useState<Checked>();
  /** The file's processes, as its first check listed them: kept while another of them is checked. */
  const [processes, setProcesses] = useState<BpmnProcessSummary[]>([]);
  const [importing, setImporting] = useState(false);
  const [importError, setImportError] = useState<ApiError>();
  const [done, setDone] = useState<BpmnImportResult>();
  const fileInput = useRef<HTMLInputElement>(null);
  // Answers to an earlier check (another file, another process) must not overwrite a later one.
  const generation = useRef(0);

  // Each opening starts afresh.
  useEffect(() => {
    if (!open) return;
    generation.current += 1;
    setFile(undefined);
    setFileError(undefined);
    setChosen(undefined);
    setChecking(false);
    setChecked(undefined);
    setProcesses([]);
    setImporting(false);
    setImportError(undefined);
    setDone(undefined);
    if (fileInput.current) fileInput.current.value = '';
  }, [open]);

  const check = async (target: File, processId: string | undefined) => {
    const mine = ++generation.current;
    setChecking(true);
    setChecked(undefined);
    setImportError(undefined);
    try {
      const result = await bpmnApi.importFile(item.id, target, { process: processId, dryRun: true });
      if (mine !== generation.current) return;
      setChecked({ ok: true, processId, result });
      setProcesses(result.report.processes);
    } catch (cause) {
      if (mine !== generation.current) return;
      const error = asApiError(cause);
      const report = refusedReport(error);
      setChecked(report ? { ok: false, processId, report } : { ok: false, processId, error });
      if (report) setProcesses(report.processes);
    } finally {
      if (mine === generation.current) setChecking(false);
    }
  };

  const choose = (chosenFile: File | undefined) => {
    setFile(chosenFile);
    setChosen(undefined);
    setChecked(undefined);
    setProcesses([]);
    setImportError(undefined);
    generation.current += 1;
    setChecking(false);
    if (!chosenFile) return setFileError(undefined);
    const ext = chosenFile.name.toLowerCase().split('.').pop();
    if (ext !== 'bpmn' && ext !== 'xml') return setFileError(t('process.bpmn.badExtension'));
    if (chosenFile.size > MAX_BYTES) return setFileError(t('process.bpmn.tooLarge'));
    setFileError(undefined);
    void check(chosenFile, undefined);
  };

  const runImport = async () => {
    if (!file || !checked?.ok) return;
    setImporting(true);
    setImportError(undefined);
    try {
      const result = await bpmnApi.importFile(item.id, file, { process: checked.processId, basedOn: item.latestRevision });
      setDone(result);
      onImported(result);
    } catch (cause) {
      const error = asApiError(cause);
      const report = refusedReport(error);
      // The item changed between the check and the import (its limits, say): show why, as a check would.
      if (report) setChecked({ ok: false, processId: checked.processId, report });
      else setImportError(error);
    } finally {
      setImporting(false);
    }
  };

  const confirmImport = () => {
    if (!dirty) return void runImport();
    modal.confirm({
      title: t('process.bpmn.dirtyConfirm'),
      content: t('process.bpmn.dirtyConfirmBody'),
      okText: t('process.bpmn.dirtyConfirmOk'),
      okButtonProps: { danger: true, 'data-testid': 'bpmn-dirty-ok' } as ButtonProps,
      cancelText: t('process.bpmn.cancel'),
      onOk: () => void runImport(),
    });
  };

  // Several processes: the user picks one and checks again; a report for another pick than the current one is stale.
  const several = processes.length > 1;
  const needsChoice = several && (chosen === undefined || chosen !== checked?.processId);
  const canImport = checked?.ok === true && !needsChoice && !done;
  const busy = checking || importing;

  const footer = done
    ? [
        <Button key="done" type="primary" data-testid="bpmn-done-close" onClick={onClose}>
          {t('process.bpmn.done')}
        </Button>,
      ]
    : [
        <Button key="cancel" data-testid="bpmn-cancel" onClick={onClose} disabled={importing}>
          {t('process.bpmn.cancel')}
        </Button>,
        canImport ? (
          <Button key="import" type="primary" danger={dirty} data-testid="bpmn-import-submit" loading={importing} disabled={checking} onClick={confirmImport}>
            {t('process.bpmn.importSubmit')}
          </Button>
        ) : null,
      ];

  return (
    <Modal
      open={open}
      width={760}
      title={t('process.bpmn.importTitle')}
      onCancel={() => !importing && onClose()}
      maskClosable={!busy}
      keyboard={!importing}
      footer={footer}
    >
      <div data-testid="bpmn-import-dialog">
        {done ? (
          <Done result={done} basedOn={item.latestRevision} />
        ) : (
          <Flex vertical gap={12}>
            <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
              {hasProcess ? t('process.bpmn.importIntro', { n: item.latestRevision }) : t('process.bpmn.importIntroNone')}
            </Typography.Paragraph>
            {dirty ? <Alert type="warning" showIcon data-testid="bpmn-dirty" title={t('process.bpmn.dirtyWarning')} /> : null}
            <Form layout="vertical" disabled={importing} style={{ marginBottom: -16 }}>
              <Form.Item
                label={t('process.bpmn.file')}
                extra={t('process.bpmn.fileHint')}
                validateStatus={fileError ? 'error' : undefined}
                help={fileError}
                htmlFor="bpmn-file"
              >
                <input
                  id="bpmn-file"
                  ref={fileInput}
                  type="file"
                  accept=".bpmn,.xml,application/xml,text/xml"
                  data-testid="bpmn-file"
                  disabled={importing}
                  style={{ maxWidth: '100%' }}
                  onChange={(e) => choose(e.target.files?.[0])}
                />
              </Form.Item>
            </Form>

            {checking ? (
              <Flex justify="center" align="center" gap={12} data-testid="bpmn-checking" style={{ padding: 24 }} role="status">
                <Spin />
                <span>{t('process.bpmn.checking')}</span>
              </Flex>
            ) : null}

            {several && file ? (
              <ProcessChoice
                processes={processes}
                chosen={chosen}
                onChoose={setChosen}
                needsChoice={needsChoice}
                checking={checking}
                onCheck={() => chosen !== undefined && void check(file, chosen)}
              />
            ) : null}

            {!checking && checked && !needsChoice ? <Outcome checked={checked} onRetry={() => file && void check(file, checked.processId)} /> : null}

            {importError ? (
              newerRevision(importError) !== undefined ? (
                <Alert
                  type="warning"
                  showIcon
                  data-testid="bpmn-stale"
                  title={t('process.bpmn.staleTitle')}
                  description={t('process.bpmn.staleBody', { n: newerRevision(importError) ?? '' })}
                  action={
                    <Button
                      size="small"
                      icon={<ReloadOutlined />}
                      data-testid="bpmn-stale-reload"
                      onClick={() => {
                        onReload();
                        onClose();
                      }}
                    >
                      {t('process.bpmn.reload')}
                    </Button>
                  }
                />
              ) : (
                <ErrorAlert error={importError} title={t('process.bpmn.importFailed')} testId="bpmn-import-error" />
              )
            ) : null}
          </Flex>
        )}
      </div>
    </Modal>
  );
}

/**
 * The file's processes, one to pick (name, node count, id), and the check of the one picked. Once a pick has been
 * checked the list folds into one line, so the report below is in view; "choose another" opens it again.
 */
function ProcessChoice({
  processes,
  chosen,
  onChoose,
  needsChoice,
  checking,
  onCheck,
}: {
  processes: readonly BpmnProcessSummary[];
  chosen: string | undefined;
  onChoose: (id: string) => void;
  needsChoice: boolean;
  checking: boolean;
  onCheck: () => void;
}) {
  const t = useT();
  const [expanded, setExpanded] = useState(false);
  const nameOf = (p: BpmnProcessSummary) => p.name ?? t('process.bpmn.unnamedProcess');
  const picked = processes.find((p) => p.id === chosen);

  if (!needsChoice && !expanded && picked) {
    return (
      <Flex gap={8} wrap align="center" data-testid="bpmn-several" data-folded="true" style={{ minWidth: 0 }}>
        <span className="muted">{t('process.bpmn.chosenOf', { n: processes.length })}</span>
        <strong style={{ wordBreak: 'break-word' }}>{nameOf(picked)}</strong>
        <span className="muted" style={{ fontSize: 12, wordBreak: 'break-all' }}>
          {picked.id}
        </span>
        <Button size="small" type="link" data-testid="bpmn-choose-another" style={{ paddingInline: 0 }} onClick={() => setExpanded(true)}>
          {t('process.bpmn.chooseAnother')}
        </Button>
      </Flex>
    );
  }

  return (
    <Alert
      type="info"
      showIcon
      data-testid="bpmn-several"
      title={t('process.bpmn.severalTitle', { n: processes.length })}
      description={
        <Flex vertical gap={8} style={{ minWidth: 0 }}>
          <span>{t('process.bpmn.severalBody')}</span>
          <div
            data-testid="bpmn-processes"
            style={{ maxHeight: 280, overflowY: 'auto', background: '#fff', border: '1px solid #f0f0f0', borderRadius: 6, padding: '4px 8px' }}
          >
            <Radio.Group value={chosen} onChange={(e) => onChoose(e.target.value as string)} aria-label={t('process.bpmn.processes')} disabled={checking}>
              <Flex vertical>
                {processes.map((p) => (
                  <Radio key={p.id} value={p.id} style={{ padding: '6px 0', alignItems: 'flex-start' }}>
                    <Flex vertical style={{ minWidth: 0 }}>
                      <Flex gap={6} wrap align="center">
                        <span style={{ fontWeight: 500, wordBreak: 'break-word' }}>{nameOf(p)}</span>
                        <Tag style={{ marginInlineEnd: 0 }}>{t('process.bpmn.nodesN', { n: p.flowNodes })}</Tag>
                      </Flex>
                      <span className="muted" style={{ fontSize: 12, wordBreak: 'break-all' }}>
                        {p.id}
                      </span>
                    </Flex>
                  </Radio>
                ))}
              </Flex>
            </Radio.Group>
          </div>
          <div>
            <Button
              type="primary"
              data-testid="bpmn-check-chosen"
              disabled={chosen === undefined || !needsChoice}
              loading={checking}
              title={chosen === undefined ? t('process.bpmn.chooseFirst') : undefined}
              onClick={() => {
                setExpanded(false);
                onCheck();
              }}
            >
              {t('process.bpmn.checkChosen')}
            </Button>
          </div>
        </Flex>
      }
    />
  );
}

/** What the check said: ready (the counts and notes), refused (the reasons and notes), or that it failed. */
function Outcome({ checked, onRetry }: { checked: Checked; onRetry: () => void }) {
  const t = useT();
  if ('error' in checked) {
    return (
      <ErrorAlert
        error={checked.error}
        title={checked.error.status === 0 ? undefined : t('process.bpmn.checkFailed')}
        onRetry={onRetry}
        testId="bpmn-check-error"
      />
    );
  }
  if (checked.ok) {
    const { report } = checked.result;
    const name = report.process ? (report.process.name ?? report.process.id) : '';
    return (
      <Flex vertical gap={12} data-testid="bpmn-report" data-outcome="imported">
        <Alert
          type="success"
          showIcon
          data-testid="bpmn-ok"
          title={t('process.bpmn.okTitle', { name })}
          description={report.entries.length > 0 ? t('process.bpmn.okNotes', { n: report.entries.length }) : t('process.bpmn.okClean')}
        />
        {report.counts ? <BpmnCounts counts={report.counts} /> : null}
        {report.entries.length > 0 ? <BpmnEntries entries={report.entries} /> : null}
      </Flex>
    );
  }
  // Refused for holding several processes: the choice above says it, better than the entry (which names the CLI).
  const entries = checked.report.entries.filter((e) => e.code !== SEVERAL);
  return (
    <Flex vertical gap={12} data-testid="bpmn-report" data-outcome="refused">
      <Alert type="error" showIcon data-testid="bpmn-refused" title={t('process.bpmn.refusedTitle')} description={t('process.bpmn.refusedBody')} />
      <BpmnEntries entries={entries} />
    </Flex>
  );
}

/** The import is done: the new revision, or that the file's process was the saved one. */
function Done({ result, basedOn }: { result: BpmnImportResult; basedOn: number }) {
  const t = useT();
  const warnings = result.report.entries.filter((e) => e.kind === 'warning').length;
  return result.changed && result.revision !== null ? (
    <Result
      status="success"
      data-testid="bpmn-done"
      data-revision={result.revision}
      title={t('process.bpmn.doneTitle', { n: result.revision })}
      subTitle={
        <Flex vertical gap={4}>
          <span>{t('process.bpmn.doneBody')}</span>
          {warnings > 0 ? <span>{t('process.bpmn.doneWarnings', { n: warnings })}</span> : null}
        </Flex>
      }
    />
  ) : (
    <Result
      status="info"
      data-testid="bpmn-done"
      data-unchanged="true"
      title={t('process.bpmn.unchangedTitle')}
      subTitle={t('process.bpmn.unchangedBody', { n: result.revision ?? basedOn })}
    />
  );
}
