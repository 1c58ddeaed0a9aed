import { useMemo, useState, type ReactNode } from 'react';
import { App, Button, Space, Table, Tag, Tooltip } from 'antd';
import type { ButtonProps, TableColumnsType } from 'antd';
import { UserAddOutlined } from '@ant-design/icons';
import { useMe } from '../../app/auth-context';
import { hasRole } from '../../app/nav';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import { api, ApiError } from '../../lib/api-client';
import type { Account, Grant, RoleCode } from '../../lib/api-types';
import { pickLabel, useLang, useT } from '../../lib/i18n';
import { ADMIN_ROLES, roleLabels } from '../../lib/labels';
import { formatInstant, isFuture } from '../../lib/time';
import { useApiQuery } from '../../lib/use-api-query';
import { useModalTarget } from '../../lib/use-modal-target';
import { AccountStatusModal, ResetPasswordModal } from './AccountModals';
import { GrantModal } from './GrantModal';
import { NewAccountModal } from './NewAccountModal';

const holdsAdminRole = (a: Account) => a.grants.some((g) => ADMIN_ROLES.includes(g.role as RoleCode));

/**
 * Accounts with their status, lock state and grants. The system administrator creates, disables and unlocks
 * accounts and resets passwords; the security administrator grants and revokes roles (三员分立).
 */
export default function AccountsPage() {
  const t = useT();
  const { lang } = useLang();
  const { message, modal } = App.useApp();
  const me = useMe();
  const isSysadmin = hasRole(me.grants, 'sysadmin');
  const isSecadmin = hasRole(me.grants, 'secadmin');
  const query = useApiQuery((signal) => api.accounts(signal), []);
  // Only the forms need units; both administrators may list them.
  const unitsQuery = useApiQuery((signal) => api.units(signal), []);
  const activeUnits = useMemo(() => unitsQuery.data?.items.filter((u) => u.status === 'active'), [unitsQuery.data]);
  const labels = useMemo(() => roleLabels([...me.grants, ...(query.data?.items.flatMap((a) => a.grants) ?? [])]), [me.grants, query.data]);

  const [creating, setCreating] = useState(false);
  const statusModal = useModalTarget<Account>();
  const resetModal = useModalTarget<Account>();
  const grantModal = useModalTarget<Account>();

  const failed = (cause: unknown) => void message.error(cause instanceof ApiError ? cause.message : String(cause));

  const confirmUnlock = (a: Account) =>
    modal.confirm({
      title: t('accounts.unlockTitle', { login: a.login }),
      content: a.lockedUntil ? t('accounts.unlockBody', { time: formatInstant(a.lockedUntil) }) : undefined,
      okText: t('accounts.unlock'),
      okButtonProps: { 'data-testid': 'account-unlock-confirm' } as ButtonProps,
      onOk: async () => {
        try {
          await api.unlockAccount(a.id);
          void message.success(t('accounts.unlocked', { login: a.login }));
          query.reload();
        } catch (cause) {
          failed(cause);
        }
      },
    });

  const confirmRevoke = (a: Account, g: Grant) =>
    modal.confirm({
      title: t('grants.revokeTitle'),
      content: t('grants.revokeBody', { name: a.name, login: a.login, unit: g.unit.name, role: pickLabel(g.roleLabel, lang) }),
      okText: t('grants.revokeOk'),
      okButtonProps: { danger: true, 'data-testid': 'grant-revoke-confirm' } as ButtonProps,
      onOk: async () => {
        try {
          await api.revokeGrant(g.id);
          void message.success(t('grants.revoked'));
          query.reload();
        } catch (cause) {
          failed(cause);
        }
      },
    });

  /** The row's actions for my role; none on my own account, which the server would refuse anyway. */
  const actions = (a: Account): ReactNode[] => {
    if (a.id === me.account.id) return [];
    const out: ReactNode[] = [];
    if (isSysadmin) {
      // 三员 accounts are kept by their holders or the CLI: say so rather than offer a button that fails.
      const kept = holdsAdminRole(a);
      const guarded = (key: string, button: ReactNode) =>
        kept ? (
          <Tooltip key={key} title={t('accounts.adminKept')}>
            {button}
          </Tooltip>
        ) : (
          <span key={key}>{button}</span>
        );
      out.push(
        guarded(
          'status',
          <Button
            size="small"
            type="link"
            danger={a.status === 'active'}
            disabled={kept}
            data-testid={`account-status-${a.login}`}
            onClick={() => statusModal.show(a)}
          >
            {a.status === 'active' ? t('accounts.disable') : t('accounts.enable')}
          </Button>,
        ),
      );
      if (isFuture(a.lockedUntil)) {
        out.push(
          <Button key="unlock" size="small" type="link" data-testid={`account-unlock-${a.login}`} onClick={() => confirmUnlock(a)}>
            {t('accounts.unlock')}
          </Button>,
        );
      }
      out.push(
        guarded(
          'reset',
          <Button size="small" type="link" disabled={kept} data-testid={`account-reset-${a.login}`} onClick={() => resetModal.show(a)}>
            {t('accounts.resetPassword')}
          </Button>,
        ),
      );
    }
    if (isSecadmin) {
      out.push(
        <Button key="grant" size="small" type="link" data-testid={`account-grant-${a.login}`} onClick={() => grantModal.show(a)}>
          {t('accounts.grant')}
        </Button>,
      );
    }
    return out;
  };

  const columns: TableColumnsType<Account> = [
    { title: t('accounts.login'), dataIndex: 'login', key: 'login', render: (v: string) => <span className="mono">{v}</span> },
    { title: t('accounts.name'), dataIndex: 'name', key: 'name' },
    { title: t('accounts.unit'), key: 'unit', render: (_, a) => a.unit?.name ?? <span className="muted">{t('common.none')}</span> },
    {
      title: t('accounts.status'),
      key: 'status',
      render: (_, a) => <Tag color={a.status === 'active' ? 'green' : 'default'}>{t(`accountStatus.${a.status}`)}</Tag>,
    },
    {
      title: t('accounts.lock'),
      key: 'lock',
      // A lock whose time has passed no longer applies, even if the server still reports it.
      render: (_, a) =>
        a.lockedUntil && isFuture(a.lockedUntil) ? (
          <Tag color="red" title={a.lockedUntil}>
            {t('accounts.lockedUntil', { time: formatInstant(a.lockedUntil) })}
          </Tag>
        ) : (
          <span className="muted">{t('accounts.notLocked')}</span>
        ),
    },
    {
      title: t('accounts.grants'),
      key: 'grants',
      render: (_, a) =>
        a.grants.length === 0 ? (
          <span className="muted">{t('accounts.noGrants')}</span>
        ) : (
          <Space size={[4, 4]} wrap>
            {a.grants.map((g) => {
              const text = `${pickLabel(g.roleLabel, lang)} · ${g.unit.name}`;
              // The security administrator revokes by closing the tag (never on their own account: no locking oneself out).
              const revocable = isSecadmin && a.id !== me.account.id;
              return (
                <Tag
                  key={g.id}
                  color="blue"
                  data-testid={`grant-${a.login}-${g.role}-${g.unit.code}`}
                  closable={revocable ? { 'aria-label': t('grants.revokeAria', { role: pickLabel(g.roleLabel, lang), unit: g.unit.name }) } : false}
                  onClose={(e) => {
                    // Keep the tag until the server has revoked the grant; the reload then removes it.
                    e.preventDefault();
                    confirmRevoke(a, g);
                  }}
                >
                  {text}
                </Tag>
              );
            })}
          </Space>
        ),
    },
  ];
  if (isSysadmin || isSecadmin) {
    columns.push({
      title: t('accounts.actions'),
      key: 'actions',
      // Wide tables scroll sideways; the actions stay in view.
      fixed: 'right',
      render: (_, a) => {
        const items = actions(a);
        return items.length > 0 ? <Space size={0}>{items}</Space> : null;
      },
    });
  }

  return (
    <>
      <PageTitle
        title={t('accounts.title')}
        hint={query.data ? t('accounts.count', { n: query.data.items.length }) : undefined}
        extra={
          isSysadmin ? (
            <Button type="primary" icon={<UserAddOutlined />} data-testid="accounts-new" onClick={() => setCreating(true)}>
              {t('accounts.new')}
            </Button>
          ) : undefined
        }
      />
      <QueryState query={query} isEmpty={(d) => d.items.length === 0} emptyText={t('accounts.empty')}>
        {(data) => (
          <Table<Account>
            data-testid="accounts-table"
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={data.items}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
            scroll={{ x: 'max-content' }}
          />
        )}
      </QueryState>
      {isSysadmin ? (
        <>
          <NewAccountModal open={creating} units={activeUnits} unitsError={unitsQuery.error} onClose={() => setCreating(false)} onDone={query.reload} />
          <AccountStatusModal account={statusModal.target} open={statusModal.open} onClose={statusModal.hide} onDone={query.reload} />
          <ResetPasswordModal account={resetModal.target} open={resetModal.open} onClose={resetModal.hide} onDone={query.reload} />
        </>
      ) : null}
      {isSecadmin ? (
        <GrantModal
          account={grantModal.target}
          open={grantModal.open}
          units={activeUnits}
          unitsError={unitsQuery.error}
          roleLabels={labels}
          onClose={grantModal.hide}
          onDone={query.reload}
        />
      ) : null}
    </>
  );
}
