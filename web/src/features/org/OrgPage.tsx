import { useMemo, useState, type Key } from 'react';
import { Button, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMe } from '../../app/auth-context';
import { hasRole } from '../../app/nav';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import { api } from '../../lib/api-client';
import type { Unit } from '../../lib/api-types';
import { pickLabel, useLang, useT } from '../../lib/i18n';
import { useApiQuery } from '../../lib/use-api-query';
import { useModalTarget } from '../../lib/use-modal-target';
import { AbolishUnitModal } from './AbolishUnitModal';
import { AddUnitModal } from './AddUnitModal';
import { buildUnitTree, type UnitNode } from './unit-tree';
import { UnitStatusTag } from './UnitStatusTag';

/** The units visible to me, as a tree (county → departments / townships → villages); the system administrator edits it. */
export default function OrgPage() {
  const t = useT();
  const { lang } = useLang();
  const me = useMe();
  const isSysadmin = hasRole(me.grants, 'sysadmin');
  const query = useApiQuery((signal) => api.units(signal), []);
  const units = useMemo(() => query.data?.items ?? [], [query.data]);
  const tree = useMemo(() => buildUnitTree(units), [units]);
  const byId = useMemo(() => new Map(units.map((u) => [u.id, u])), [units]);
  const activeChildren = useMemo(() => {
    const counts = new Map<string, number>();
    for (const u of units) if (u.parentId && u.status === 'active') counts.set(u.parentId, (counts.get(u.parentId) ?? 0) + 1);
    return counts;
  }, [units]);

  // Open the top level only at first (a county has hundreds of villages); after the user's own clicks, theirs.
  const [expanded, setExpanded] = useState<readonly Key[] | null>(null);
  const expandedKeys = expanded ?? tree.map((u) => u.id);

  const [adding, setAdding] = useState(false);
  const abolish = useModalTarget<Unit>();

  /** Show a unit just added: open the rows above it. */
  const reveal = (unit: Unit) => {
    const keys = new Set<Key>(expandedKeys);
    const seen = new Set<string>();
    for (let id = unit.parentId; id && !seen.has(id); id = byId.get(id)?.parentId ?? null) {
      seen.add(id);
      keys.add(id);
    }
    setExpanded([...keys]);
    query.reload();
  };

  const none = <span className="muted">{t('common.none')}</span>;
  const columns: TableColumnsType<UnitNode> = [
    { title: t('org.name'), dataIndex: 'name', key: 'name' },
    { title: t('org.code'), dataIndex: 'code', key: 'code', render: (code: string) => <span className="mono">{code}</span> },
    { title: t('org.type'), key: 'type', render: (_, u) => <Tag>{pickLabel(u.typeLabel, lang)}</Tag> },
    { title: t('org.status'), key: 'status', render: (_, u) => <UnitStatusTag status={u.status} /> },
    { title: t('org.endedOn'), key: 'endedOn', render: (_, u) => (u.status === 'active' || !u.effectiveTo ? none : u.effectiveTo) },
    {
      title: t('org.reason'),
      key: 'reason',
      render: (_, u) => {
        if (u.status === 'active') return none;
        const target = u.mergedIntoId ? byId.get(u.mergedIntoId) : undefined;
        return (
          <Typography.Text style={{ maxWidth: 320 }} ellipsis={{ tooltip: true }}>
            {target ? `${t('org.mergedInto', { name: target.name })}${u.statusReason ? ` · ${u.statusReason}` : ''}` : (u.statusReason ?? t('common.none'))}
          </Typography.Text>
        );
      },
    },
  ];
  if (isSysadmin) {
    columns.push({
      title: t('org.actions'),
      key: 'actions',
      // Wide tables scroll sideways; the actions stay in view.
      fixed: 'right',
      render: (_, u) => {
        if (u.status !== 'active' || u.type === 'county') return null;
        const blocked = (activeChildren.get(u.id) ?? 0) > 0;
        const button = (
          <Button size="small" danger type="link" data-testid={`unit-abolish-${u.code}`} disabled={blocked} onClick={() => abolish.show(u)}>
            {t('org.abolish')}
          </Button>
        );
        return blocked ? <Tooltip title={t('org.abolishHasChildren')}>{button}</Tooltip> : button;
      },
    });
  }

  return (
    <>
      <PageTitle
        title={t('org.title')}
        hint={query.data ? `${t('org.hint')} ${t('org.count', { n: query.data.items.length })}` : t('org.hint')}
        extra={
          isSysadmin ? (
            <Button type="primary" icon={<PlusOutlined />} data-testid="org-add-unit" disabled={!query.data} onClick={() => setAdding(true)}>
              {t('org.add')}
            </Button>
          ) : undefined
        }
      />
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
            rowClassName={(u) => (u.status === 'active' ? '' : 'row-ended')}
            expandable={{ expandedRowKeys: expandedKeys, onExpandedRowsChange: (keys) => setExpanded(keys) }}
          />
        )}
      </QueryState>
      {isSysadmin ? (
        <>
          <AddUnitModal open={adding} units={units} onClose={() => setAdding(false)} onAdded={reveal} />
          <AbolishUnitModal unit={abolish.target} open={abolish.open} onClose={abolish.hide} onDone={query.reload} />
        </>
      ) : null}
    </>
  );
}
