import { useState, type HTMLAttributes } from 'react';
import { Alert, Button, Card, Collapse, Descriptions, Empty, Flex, Form, Input, Table, Tag, Timeline, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ArrowLeftOutlined, FieldTimeOutlined } from '@ant-design/icons';
import { useParams } from 'react-router-dom';
import { ActionModal } from '../../components/ActionModal';
import { ButtonLink } from '../../components/ButtonLink';
import { LocalTime } from '../../components/LocalTime';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import { pickLabel, useLang, useT, type MessageKey } from '../../lib/i18n';
import { useApiQuery } from '../../lib/use-api-query';
import { DeadlineExplanation } from '../calendar/DeadlineExplanation';
import { casesApi, type CaseView, type TaskView } from './api';
import { bareReceipt, CaseStateTag, DeadlineTime, formatReceipt, formatSize, Receipt, TaskStateTag, useDutyName, WarningTag } from './case-shared';

/**
 * 办件详情 (`/workbench/cases/:id`): the case as staff see it — the applicant in full, the item revision it runs
 * under, its deadlines and how they were counted, every step with who did it and what they recorded, extensions and
 * suspensions with what the applicant was told, the timeline and the audit trail. The unit head extends from here.
 */
export default function CasePage() {
  const { id = '' } = useParams();
  const t = useT();
  const query = useApiQuery((signal) => casesApi.get(id, signal), [id]);
  return (
    <>
      <div style={{ marginBottom: 8 }}>
        <ButtonLink to="/workbench/cases" type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
          {t('cases.backToList')}
        </ButtonLink>
      </div>
      <QueryState query={query} emptyText="">
        {(view) => <CaseDetail view={view} onChanged={query.reload} />}
      </QueryState>
    </>
  );
}

function CaseDetail({ view, onChanged }: { view: CaseView; onChanged: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const dutyName = useDutyName();
  const [extending, setExtending] = useState(false);
  const none = <span className="muted">{t('common.none')}</span>;
  const d = view.deadlines;

  const taskColumns: TableColumnsType<TaskView> = [
    {
      title: t('cases.col.step'),
      key: 'step',
      render: (_, task) => (
        <span>
          {task.stepName} <Typography.Text type="secondary">· {dutyName(task.duty)}</Typography.Text>
        </span>
      ),
    },
    { title: t('cases.col.taskState'), key: 'state', render: (_, task) => <TaskStateTag state={task.state} /> },
    { title: t('cases.col.unit'), key: 'unit', render: (_, task) => task.unit.name },
    { title: t('cases.col.createdAt'), key: 'createdAt', render: (_, task) => <LocalTime iso={task.createdAt} /> },
    { title: t('cases.col.stepDue'), key: 'due', render: (_, task) => <DeadlineTime iso={task.due} /> },
    {
      title: t('cases.col.claimedBy'),
      key: 'claimed',
      render: (_, task) =>
        task.claimedBy ? (
          <span>
            {task.claimedBy} <span className="muted">{task.claimedAt ? <LocalTime iso={task.claimedAt} /> : null}</span>
          </span>
        ) : (
          none
        ),
    },
    {
      title: t('cases.col.completedBy'),
      key: 'completed',
      render: (_, task) =>
        task.completedBy ? (
          <span>
            {task.completedBy} <span className="muted">{task.completedAt ? <LocalTime iso={task.completedAt} /> : null}</span>
          </span>
        ) : (
          none
        ),
    },
    { title: t('cases.col.outcome'), key: 'outcome', render: (_, task) => (task.outcome ? <Tag>{task.outcome}</Tag> : none) },
    {
      title: t('cases.col.comment'),
      key: 'comment',
      render: (_, task) =>
        task.comment || task.notice ? (
          <div style={{ whiteSpace: 'pre-wrap', maxWidth: 300 }}>
            {task.comment}
            {task.notice ? (
              <div>
                <Typography.Text type="secondary">{t('cases.noticeToApplicant')}</Typography.Text>
                {task.notice}
              </div>
            ) : null}
            {task.attachments.length > 0 ? <div className="muted">{t('cases.attachmentsN', { n: task.attachments.length })}</div> : null}
          </div>
        ) : (
          none
        ),
    },
  ];

  return (
    <div data-testid="case-page" data-state={view.state} data-receipt={bareReceipt(view.receipt)} data-warning={d.warning}>
      <PageTitle
        title={t('cases.caseTitle', { receipt: formatReceipt(view.receipt) })}
        hint={
          <span>
            <span className="mono">{view.itemCode}</span> {view.itemName} · {view.unit.name}
          </span>
        }
        extra={
          view.can.extend ? (
            <Button icon={<FieldTimeOutlined />} data-testid="case-extend" onClick={() => setExtending(true)}>
              {t('cases.extend')}
            </Button>
          ) : null
        }
      />
      <Flex vertical gap={16}>
        <Card size="small" data-testid="case-header">
          <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
            <Descriptions.Item label={t('cases.col.receipt')}>
              <span data-testid="case-receipt">
                <Receipt receipt={view.receipt} />
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('cases.col.item')}>
              <span>
                <span className="mono">{view.itemCode}</span> {view.itemName} <span className="muted">{t('cases.revisionN', { n: view.revision })}</span>
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('cases.col.unit')}>{view.unit.name}</Descriptions.Item>
            <Descriptions.Item label={t('cases.col.state')}>
              <span data-testid="case-state">
                <CaseStateTag state={view.state} />
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('cases.col.outcome')}>
              <span data-testid="case-outcome">{view.outcome ?? none}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('cases.channel')}>
              {t(`cases.channel.${view.channel === 'online' ? 'online' : 'counter'}` as MessageKey)}
            </Descriptions.Item>
            <Descriptions.Item label={t('cases.col.current')}>
              <span data-testid="case-current">{view.current.length > 0 ? view.current.join('、') : none}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('cases.col.arrived')}>
              <LocalTime iso={view.arrivedAt} />
            </Descriptions.Item>
            <Descriptions.Item label={t('cases.acceptedAt')}>
              <LocalTime iso={view.acceptedAt} />
            </Descriptions.Item>
            <Descriptions.Item label={t('cases.closedAt')}>
              <LocalTime iso={view.closedAt} />
            </Descriptions.Item>
            {view.workdaysTaken !== null ? (
              <Descriptions.Item label={t('cases.workdaysTaken')}>{t('cases.workdaysN', { n: view.workdaysTaken })}</Descriptions.Item>
            ) : null}
          </Descriptions>
          {view.deemedAccepted ? <Alert style={{ marginTop: 12 }} type="warning" showIcon data-testid="case-deemed" title={t('cases.deemed')} /> : null}
        </Card>

        <Card size="small" title={t('cases.applicant')} data-testid="case-applicant">
          <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
            <Descriptions.Item label={t('cases.applicantName')}>{view.applicant.name}</Descriptions.Item>
            <Descriptions.Item label={t('cases.applicantId')}>{view.applicant.idNumber ?? none}</Descriptions.Item>
            <Descriptions.Item label={t('cases.applicantPhone')}>{view.applicant.phone ?? none}</Descriptions.Item>
            <Descriptions.Item label={t('cases.applicantOrg')}>{view.applicant.organisation ?? none}</Descriptions.Item>
            <Descriptions.Item label={t('cases.summary')} span={2}>
              <span style={{ whiteSpace: 'pre-wrap' }}>{view.summary ?? none}</span>
            </Descriptions.Item>
          </Descriptions>
          {view.materials.length > 0 ? (
            <>
              <Typography.Text strong>{t('cases.materials')}</Typography.Text>
              <ul data-testid="case-materials" style={{ marginTop: 4 }}>
                {view.materials.map((m) => (
                  <li key={m.name}>
                    {m.name}
                    {m.files.length === 0 ? (
                      <span className="muted"> · {t('cases.materialNoFiles')}</span>
                    ) : (
                      m.files.map((f) => (
                        <span key={f.id} className="muted" title={`SHA-256 ${f.sha256}`}>
                          {' '}
                          · {f.name} ({formatSize(f.size)})
                        </span>
                      ))
                    )}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </Card>

        <Card size="small" title={t('cases.deadlines')} data-testid="case-deadlines">
          <Flex gap={8} wrap align="center" style={{ marginBottom: 8 }}>
            <WarningTag warning={d.warning} />
            {d.provisional ? <Tag color="orange">{t('cases.provisional')}</Tag> : null}
            {d.passedStatutory ? (
              <Tag color="red" data-testid="case-passed-statutory">
                {t('cases.passedStatutory')}
              </Tag>
            ) : null}
            {d.limitDays !== null && d.limitKind ? (
              <Typography.Text type="secondary">
                {t(d.limitKind === 'promised' ? 'cases.limitPromised' : 'cases.limitStatutory', { n: d.limitDays })}
              </Typography.Text>
            ) : (
              <Typography.Text type="secondary">{t('cases.noLimit')}</Typography.Text>
            )}
          </Flex>
          <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }}>
            <Descriptions.Item label={t('cases.col.due')}>
              <span data-testid="case-due">
                <DeadlineTime iso={d.due} />
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('cases.yellowAt')}>
              <DeadlineTime iso={d.yellowAt} />
            </Descriptions.Item>
            <Descriptions.Item label={t('cases.redAt')}>
              <DeadlineTime iso={d.redAt} />
            </Descriptions.Item>
            <Descriptions.Item label={t('cases.statutoryDue')}>
              <DeadlineTime iso={d.statutoryDue} />
            </Descriptions.Item>
          </Descriptions>
          {view.explanation ? (
            <Collapse
              size="small"
              items={[
                {
                  key: 'explanation',
                  label: t('cases.explanation'),
                  children: <DeadlineExplanation explanation={view.explanation} testId="case-explanation" />,
                },
              ]}
            />
          ) : view.acceptedAt === null && !view.deemedAccepted && view.state !== 'done' ? (
            <Typography.Text type="secondary">{t('cases.clockNotStarted')}</Typography.Text>
          ) : null}
        </Card>

        <Card size="small" title={t('cases.tasks')}>
          <Table<TaskView>
            data-testid="case-tasks"
            rowKey="id"
            size="small"
            columns={taskColumns}
            dataSource={view.tasks}
            scroll={{ x: 'max-content' }}
            pagination={false}
            onRow={(task) => ({ 'data-testid': `case-task-${task.stepId}`, 'data-state': task.state }) as HTMLAttributes<HTMLElement>}
          />
        </Card>

        {view.extensions.length > 0 || view.suspensions.length > 0 ? (
          <Card size="small" title={t('cases.extensionsAndSuspensions')}>
            {view.extensions.length > 0 ? (
              <div data-testid="case-extensions">
                <Typography.Text strong>{t('cases.extensions')}</Typography.Text>
                <ul>
                  {view.extensions.map((x) => (
                    <li key={x.at}>
                      {t('cases.extensionLine', { days: x.days, by: x.approvedBy, reason: x.reason })} <LocalTime iso={x.at} />
                      <div>
                        <Typography.Text type="secondary">{t('cases.toldApplicant')}</Typography.Text>
                        {x.toldApplicant}
                      </div>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            {view.suspensions.length > 0 ? (
              <div data-testid="case-suspensions">
                <Typography.Text strong>{t('cases.suspensions')}</Typography.Text>
                <ul>
                  {view.suspensions.map((s) => (
                    <li key={s.from}>
                      <LocalTime iso={s.from} /> – {s.to ? <LocalTime iso={s.to} /> : t('cases.suspensionOpen')} · {s.reason}
                      {s.notice ? (
                        <div>
                          <Typography.Text type="secondary">{t('cases.noticeToApplicant')}</Typography.Text>
                          {s.notice}
                        </div>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
          </Card>
        ) : null}

        <Card size="small" title={t('cases.timeline')}>
          {view.timeline.length === 0 ? (
            <Empty description={t('cases.timelineEmpty')} />
          ) : (
            <Timeline
              data-testid="case-timeline"
              items={view.timeline.map((e, i) => ({
                key: `${e.at}-${i}`,
                content: (
                  <div data-testid="case-timeline-entry" data-kind={e.kind}>
                    <LocalTime iso={e.at} /> <Typography.Text strong>{pickLabel(e.label, lang)}</Typography.Text>
                    {e.by ? <span className="muted"> · {e.by}</span> : null}
                    {e.detail ? <div style={{ whiteSpace: 'pre-wrap' }}>{e.detail}</div> : null}
                  </div>
                ),
              }))}
            />
          )}
        </Card>

        <Card size="small" title={t('cases.audit')}>
          <Table
            data-testid="case-audit"
            rowKey="seq"
            size="small"
            dataSource={view.audit}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: t('cases.auditSeq'), dataIndex: 'seq', key: 'seq' },
              { title: t('cases.auditAt'), key: 'at', render: (_, a) => <LocalTime iso={a.at} withSeconds /> },
              { title: t('cases.auditActor'), dataIndex: 'actor', key: 'actor' },
              { title: t('cases.auditAction'), key: 'action', render: (_, a) => <span className="mono">{a.action}</span> },
            ]}
          />
        </Card>
      </Flex>
      {view.can.extend ? <ExtendModal view={view} open={extending} onClose={() => setExtending(false)} onDone={onChanged} /> : null}
    </div>
  );
}

interface ExtendValues {
  reason: string;
  toldApplicant: string;
}

/** 第四十二条: the unit head extends a 行政许可 case once by ten working days; the reasons are told to the applicant. */
function ExtendModal({ view, open, onClose, onDone }: { view: CaseView; open: boolean; onClose: () => void; onDone: () => void }) {
  const t = useT();
  return (
    <ActionModal<ExtendValues, CaseView>
      open={open}
      title={t('cases.extendTitle', { receipt: formatReceipt(view.receipt) })}
      okText={t('cases.extendSubmit')}
      testId="case-extend-form"
      intro={<Typography.Text type="secondary">{t('cases.extendIntro')}</Typography.Text>}
      onClose={onClose}
      onSubmit={(v) => casesApi.extend(view.id, { reason: v.reason.trim(), toldApplicant: v.toldApplicant.trim() })}
      successText={(answer) => t('cases.extended', { date: answer.deadlines.dueDate ?? '' })}
      onDone={onDone}
    >
      <Form.Item
        name="reason"
        label={t('cases.extendReason')}
        rules={[{ required: true, whitespace: true, message: t('cases.extendReasonRequired') }, { max: 500 }]}
      >
        <Input.TextArea data-testid="extend-reason" rows={3} maxLength={500} showCount />
      </Form.Item>
      <Form.Item
        name="toldApplicant"
        label={t('cases.toldApplicantField')}
        extra={t('cases.toldApplicantHint')}
        rules={[{ required: true, whitespace: true, message: t('cases.toldApplicantRequired') }, { max: 1000 }]}
      >
        <Input.TextArea data-testid="extend-told" rows={3} maxLength={1000} showCount />
      </Form.Item>
    </ActionModal>
  );
}
