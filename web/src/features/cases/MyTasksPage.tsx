import { useState, type HTMLAttributes, type ReactNode } from 'react';
import { App, Button, Card, Flex, Input, Space, Table, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { LocalTime } from '../../components/LocalTime';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import { ApiError } from '../../lib/api-client';
import { useT } from '../../lib/i18n';
import { useApiQuery } from '../../lib/use-api-query';
import { useModalTarget } from '../../lib/use-modal-target';
import { casesApi, type TaskView } from './api';
import { bareReceipt, DeadlineTime, Receipt, useDutyName, WarningTag } from './case-shared';
import { ClaimNoticeModal, ClaimRefusedModal, CompleteTaskModal } from './TaskModals';

type Scope = 'mine' | 'claimable';

/**
 * 我的待办 (`/workbench/tasks`): the steps I claimed, to complete, and the open steps of my roles and units, to claim.
 * Each row names the case (receipt, item, masked applicant), the step and its deadline, and the case's warning.
 */
export default function MyTasksPage() {
  const t = useT();
  const { message } = App.useApp();
  const mine = useApiQuery((signal) => casesApi.tasks('mine', signal), []);
  const claimable = useApiQuery((signal) => casesApi.tasks('claimable', signal), []);
  const noticeClaim = useModalTarget<TaskView>();
  const completing = useModalTarget<TaskView>();
  const [claiming, setClaiming] = useState<string>();
  const [refusal, setRefusal] = useState<{ task: TaskView; error: ApiError }>();
  const [filter, setFilter] = useState('');
  const matches = taskFilter(filter);

  const reload = () => {
    mine.reload();
    claimable.reload();
  };

  const claim = async (task: TaskView) => {
    if (task.clockStop) {
      noticeClaim.show(task);
      return;
    }
    setClaiming(task.id);
    try {
      await casesApi.claim(task.id);
      void message.success(t('cases.claimed'));
    } catch (cause) {
      setRefusal({ task, error: cause instanceof ApiError ? cause : new ApiError(0, 'unknown', String(cause)) });
    } finally {
      setClaiming(undefined);
      reload();
    }
  };

  const release = async (task: TaskView) => {
    setClaiming(task.id);
    try {
      await casesApi.release(task.id);
      void message.success(t('cases.released'));
    } catch (cause) {
      void message.error(cause instanceof ApiError ? cause.message : String(cause));
    } finally {
      setClaiming(undefined);
      reload();
    }
  };

  const action = (scope: Scope, task: TaskView) =>
    scope === 'mine' ? (
      <Space size={4}>
        <Button type="primary" size="small" data-testid={`task-complete-${task.id}`} onClick={() => completing.show(task)}>
          {t('cases.complete')}
        </Button>
        <Button size="small" data-testid={`task-release-${task.id}`} disabled={claiming !== undefined} onClick={() => void release(task)}>
          {t('cases.release')}
        </Button>
      </Space>
    ) : (
      <Space size={4}>
        <Tooltip title={task.clockStop ? t('cases.clockStopTip', { reason: task.clockStop }) : undefined}>
          <Button
            size="small"
            data-testid={`task-claim-${task.id}`}
            loading={claiming === task.id}
            disabled={claiming !== undefined}
            onClick={() => void claim(task)}
          >
            {t('cases.claim')}
          </Button>
        </Tooltip>
        {/* A step that stops the clock is claimed first, with the notice; any other may be taken and done at once. */}
        {task.clockStop ? null : (
          <Button type="primary" size="small" data-testid={`task-do-${task.id}`} disabled={claiming !== undefined} onClick={() => completing.show(task)}>
            {t('cases.complete')}
          </Button>
        )}
      </Space>
    );

  return (
    <>
      <PageTitle
        title={t('cases.tasksTitle')}
        hint={t('cases.tasksIntro')}
        extra={
          <>
            <Input.Search
              data-testid="tasks-filter"
              style={{ width: 280 }}
              allowClear
              placeholder={t('cases.tasksFilter')}
              onChange={(e) => setFilter(e.target.value)}
              onSearch={setFilter}
            />
            <Button icon={<ReloadOutlined />} data-testid="tasks-reload" onClick={reload}>
              {t('cases.reload')}
            </Button>
          </>
        }
      />
      <Flex vertical gap={16}>
        <Card title={t('cases.tasksMine')} size="small" data-testid="tasks-mine">
          <QueryState
            query={mine}
            isEmpty={(d) => d.filter(matches).length === 0}
            emptyText={filter ? t('cases.tasksFilteredEmpty') : t('cases.tasksMineEmpty')}
          >
            {(data) => <TaskTable scope="mine" tasks={data.filter(matches)} action={action} />}
          </QueryState>
        </Card>
        <Card title={t('cases.tasksClaimable')} size="small" data-testid="tasks-claimable">
          <QueryState
            query={claimable}
            isEmpty={(d) => d.filter(matches).length === 0}
            emptyText={filter ? t('cases.tasksFilteredEmpty') : t('cases.tasksClaimableEmpty')}
          >
            {(data) => <TaskTable scope="claimable" tasks={data.filter(matches)} action={action} />}
          </QueryState>
        </Card>
      </Flex>
      <ClaimNoticeModal task={noticeClaim.target} open={noticeClaim.open} onClose={noticeClaim.hide} onDone={reload} />
      <CompleteTaskModal task={completing.target} open={completing.open} onClose={completing.hide} onDone={reload} />
      <ClaimRefusedModal refusal={refusal} onClose={() => setRefusal(undefined)} />
    </>
  );
}

/** Narrows the lists to tasks whose receipt (with or without hyphens), item, step or applicant contains the text. */
function taskFilter(text: string): (task: TaskView) => boolean {
  const q = text.trim().toLowerCase();
  if (!q) return () => true;
  const bare = bareReceipt(q).toLowerCase();
  return (task) =>
    (bare !== '' && bareReceipt(task.receipt).toLowerCase().includes(bare)) ||
    [task.itemCode, task.itemName, task.stepName, task.applicantMasked].some((s) => s.toLowerCase().includes(q));
}

function TaskTable({ scope, tasks, action }: { scope: Scope; tasks: TaskView[]; action: (scope: Scope, task: TaskView) => ReactNode }) {
  const t = useT();
  const dutyName = useDutyName();
  const columns: TableColumnsType<TaskView> = [
    {
      title: t('cases.col.receipt'),
      key: 'receipt',
      render: (_, task) => (
        <Link to={`/workbench/cases/${task.caseId}`} data-testid={`task-case-${task.id}`}>
          <Receipt receipt={task.receipt} />
        </Link>
      ),
    },
    {
      title: t('cases.col.item'),
      key: 'item',
      render: (_, task) => (
        <span>
          <span className="mono">{task.itemCode}</span> {task.itemName}
        </span>
      ),
    },
    {
      title: t('cases.col.step'),
      key: 'step',
      render: (_, task) => (
        <span>
          {task.stepName} <Typography.Text type="secondary">· {dutyName(task.duty)}</Typography.Text>
          {task.clockStop ? <Typography.Text type="warning"> · {t('cases.clockStop')}</Typography.Text> : null}
        </span>
      ),
    },
    { title: t('cases.col.unit'), key: 'unit', render: (_, task) => task.unit.name },
    { title: t('cases.col.applicant'), key: 'applicant', render: (_, task) => task.applicantMasked },
    { title: t('cases.col.stepDue'), key: 'due', render: (_, task) => <DeadlineTime iso={task.due} /> },
    { title: t('cases.col.warning'), key: 'warning', render: (_, task) => <WarningTag warning={task.caseWarning} /> },
    scope === 'mine'
      ? { title: t('cases.col.claimedAt'), key: 'claimedAt', render: (_, task) => <LocalTime iso={task.claimedAt} /> }
      : { title: t('cases.col.createdAt'), key: 'createdAt', render: (_, task) => <LocalTime iso={task.createdAt} /> },
    { title: t('cases.col.actions'), key: 'actions', fixed: 'right', render: (_, task) => action(scope, task) },
  ];
  return (
    <Table<TaskView>
      data-testid={`tasks-${scope}-table`}
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={tasks}
      scroll={{ x: 'max-content' }}
      pagination={{ defaultPageSize: 50, hideOnSinglePage: true, showSizeChanger: true }}
      onRow={(task) =>
        ({
          'data-testid': `task-row-${task.id}`,
          'data-step': task.stepId,
          'data-receipt': bareReceipt(task.receipt),
          'data-case': task.caseId,
        }) as HTMLAttributes<HTMLElement>
      }
    />
  );
}
