import { Empty, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMe } from '../../app/auth-context';
import { PageTitle } from '../../components/PageTitle';
import type { Grant } from '../../lib/api-types';
import { pickLabel, useLang, useT } from '../../lib/i18n';

/** Landing page of the workbench: who I am and what I am allowed to do, and where. */
export default function OverviewPage() {
  const t = useT();
  const { lang } = useLang();
  const me = useMe();

  const columns: TableColumnsType<Grant> = [
    { title: t('overview.role'), key: 'role', render: (_, g) => pickLabel(g.roleLabel, lang) },
    { title: t('overview.unit'), key: 'unit', render: (_, g) => g.unit.name },
    { title: t('overview.unitCode'), key: 'code', render: (_, g) => <span className="mono">{g.unit.code}</span> },
  ];

  return (
    <>
      <PageTitle title={t('overview.greeting', { name: me.account.name })} hint={t('overview.county', { county: me.account.county.name })} />
      <Typography.Title level={5}>{t('overview.grantsTitle')}</Typography.Title>
      {me.grants.length === 0 ? (
        <Empty data-testid="page-empty" description={t('overview.noGrants')} />
      ) : (
        <Table<Grant>
          data-testid="overview-grants"
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={me.grants}
          pagination={false}
          scroll={{ x: 'max-content' }}
        />
      )}
    </>
  );
}
