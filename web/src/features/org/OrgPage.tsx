import { useMemo } from 'react';
import { Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import { api } from '../../lib/api-client';
import { pickLabel, useLang, useT } from '../../lib/i18n';
import { useApiQuery } from '../../lib/use-api-query';
import { buildUnitTree, type UnitNode } from './unit-tree';
import { UnitStatusTag } from './UnitStatusTag';

/** The units visible to me, as a tree (county → departments / townships → villages). */
export default function OrgPage() {
  const t = useT();
  const { lang } = useLang();
  const query = useApiQuery((signal) => api.units(signal), []);
  const tree = useMemo(() => buildUnitTree(query.data?.items ?? []), [query.data]);

  const columns: TableColumnsType<UnitNode> = [
    { title: t('org.name'), dataIndex: 'name', key: 'name' },
    { title: t('org.code'), dataIndex: 'code', key: 'code', render: (code: string) => <span className="mono">{code}</span> },
    { title: t('org.type'), key: 'type', render: (_, u) => <Tag>{pickLabel(u.typeLabel, lang)}</Tag> },
    { title: t('org.status'), key: 'status', render: (_, u) => <UnitStatusTag status={u.status} /> },
  ];

  return (
    <>
      <PageTitle title={t('org.title')} hint={query.data ? `${t('org.hint')} ${t('org.count', { n: query.data.items.length })}` : t('org.hint')} />
      <QueryState query={query} isEmpty={(d) => d.items.length === 0} emptyText={t('org.empty')}>
        {() => (
          <Table<UnitNode>
            data-testid="org-table"
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={tree}
            pagination={false}
            scroll={{ x: 'max-content' }}
            // Open the top level only: a county has hundreds of villages.
            expandable={{ defaultExpandedRowKeys: tree.map((u) => u.id) }}
          />
        )}
      </QueryState>
    </>
  );
}
