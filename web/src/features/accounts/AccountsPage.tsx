import { Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import { api } from '../../lib/api-client';
import type { Account } from '../../lib/api-types';
import { pickLabel, useLang, useT } from '../../lib/i18n';
import { formatInstant, isFuture } from '../../lib/time';
import { useApiQuery } from '../../lib/use-api-query';

/** Accounts with their status, lock state and grants (for the system and security administrators). */
export default function AccountsPage() {
  const t = useT();
  const { lang } = useLang();
  const query = useApiQuery((signal) => api.accounts(signal), []);

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
            {a.grants.map((g) => (
              <Tag key={g.id} color="blue">
                {pickLabel(g.roleLabel, lang)} · {g.unit.name}
              </Tag>
            ))}
          </Space>
        ),
    },
  ];

  return (
    <>
      <PageTitle title={t('accounts.title')} hint={query.data ? t('accounts.count', { n: query.data.items.length }) : undefined} />
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
    </>
  );
}
