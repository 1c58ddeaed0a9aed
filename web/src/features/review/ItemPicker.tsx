import type { ReactNode } from 'react';
import { Alert, Select } from 'antd';
import { api, type ApiError } from '../../lib/api-client';
import type { PowerItem } from '../../lib/api-types';
import { useT } from '../../lib/i18n';
import { useApiQuery } from '../../lib/use-api-query';

const PAGE = 200;
const MAX_PAGES = 20;

/** The unit's items (its subtree) that a batch may take: active, with a latest revision not yet published. */
async function reviewableItems(unit: string, signal: AbortSignal): Promise<PowerItem[]> {
  const out: PowerItem[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const answer = await api.powers({ unit, status: 'active', page, pageSize: PAGE }, signal);
    out.push(...answer.items);
    if (page * PAGE >= answer.total) break;
  }
  return out.filter((i) => i.publishedRevision !== i.latestRevision);
}

interface Props {
  /** The batch's unit; nothing is offered until it is chosen. */
  unitCode: string | undefined;
  /** Codes already in the batch. */
  exclude?: readonly string[];
  value?: string[];
  onChange?: (value: string[]) => void;
  testId: string;
}

/** Pick items by code or name; the value is the list of codes, which is what the review API takes. */
export function ItemPicker({ unitCode, exclude = [], value, onChange, testId }: Props) {
  const t = useT();
  const query = useApiQuery((signal) => (unitCode ? reviewableItems(unitCode, signal) : Promise.resolve(undefined)), [unitCode]);
  const items = (query.data ?? []).filter((i) => !exclude.includes(i.code));
  const empty = !unitCode ? t('review.chooseUnitFirst') : query.error ? query.error.message : query.loading ? t('review.itemsLoading') : t('review.itemsNone');
  return (
    <Select<string[]>
      data-testid={testId}
      mode="multiple"
      placeholder={t('review.itemsHint')}
      loading={query.loading && !!unitCode}
      notFoundContent={<span className="muted">{empty}</span>}
      showSearch={{ optionFilterProp: 'label' }}
      value={value}
      onChange={onChange}
      options={items.map((i) => ({ value: i.code, label: `${i.code} ${i.latest.content.name}` }))}
    />
  );
}

/** A refused batch change names the reason per item code (`details.items`): list them beside the message. */
export function itemProblemsError(error: ApiError): ReactNode | undefined {
  const items = error.details.items;
  if (typeof items !== 'object' || items === null || Array.isArray(items)) return undefined;
  const entries = Object.entries(items as Record<string, unknown>);
  if (entries.length === 0) return undefined;
  return (
    <Alert
      type="error"
      showIcon
      title={error.message}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {entries.map(([code, reason]) => (
            <li key={code}>
              <span className="mono">{code}</span>：{String(reason)}
            </li>
          ))}
        </ul>
      }
    />
  );
}
