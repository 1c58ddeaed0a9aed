import { Select } from 'antd';
import type { SelectProps } from 'antd';
import type { ApiError } from '../lib/api-client';
import type { Unit } from '../lib/api-types';
import { useT } from '../lib/i18n';
import { unitOptionLabel } from '../lib/labels';
import { unitsInTreeOrder } from '../features/org/unit-tree';

type Props = Omit<SelectProps<string>, 'options' | 'showSearch'> & {
  /** The units to offer (already filtered by the caller); undefined while they load. */
  units: readonly Unit[] | undefined;
  /** Why the units could not be loaded, shown in the empty list. */
  loadError?: ApiError;
  testId: string;
};

/** Pick a unit by name or code; the value is the unit's code, which is what the API takes. */
export function UnitSelect({ units, loadError, testId, ...rest }: Props) {
  const t = useT();
  const options = unitsInTreeOrder(units ?? []).map((u) => ({ value: u.code, label: unitOptionLabel(u) }));
  return (
    <Select<string>
      data-testid={testId}
      placeholder={t('form.search')}
      loading={units === undefined && !loadError}
      notFoundContent={loadError ? <span className="muted">{loadError.message}</span> : undefined}
      showSearch={{ optionFilterProp: 'label' }}
      options={options}
      {...rest}
    />
  );
}
