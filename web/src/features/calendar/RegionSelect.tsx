import { useMemo } from 'react';
import { Select } from 'antd';
import type { SelectProps } from 'antd';
import { useMe } from '../../app/auth-context';
import { api } from '../../lib/api-client';
import type { Unit } from '../../lib/api-types';
import { useT } from '../../lib/i18n';
import { unitOptionLabel } from '../../lib/labels';
import { useApiQuery } from '../../lib/use-api-query';
import { unitsInTreeOrder } from '../org/unit-tree';
import { NATIONAL_REGION } from './api';

export interface Regions {
  /** The units of the county the user may read, in tree order (empty for those who read no units). */
  units: readonly Unit[];
  loading: boolean;
  /** How a region is named: 全国 for CN, the unit's name and code, or the bare code of a unit the user cannot read. */
  nameOf: (code: string) => string;
}

/**
 * The calendar's regions: CN and every unit of the county (each may have its own holidays). Units come from the
 * organisation list; who may not read it (the auditor) still has CN and the regions named in notices.
 */
export function useRegions(): Regions {
  const t = useT();
  const me = useMe();
  // The auditor reads the audit log only (三员分立): asking for the units would only be refused.
  const readsUnits = me.grants.some((g) => g.role !== 'auditor');
  const units = useApiQuery((signal) => (readsUnits ? api.units(signal) : Promise.resolve({ items: [] as Unit[] })), [readsUnits]);
  const items = units.data?.items;
  return useMemo(() => {
    const list = unitsInTreeOrder(items ?? []).filter((u) => u.status === 'active');
    const byCode = new Map((items ?? []).map((u) => [u.code, u]));
    return {
      units: list,
      loading: items === undefined && !units.error,
      nameOf: (code: string) => {
        if (code === NATIONAL_REGION) return t('calendar.national');
        const u = byCode.get(code);
        return u ? unitOptionLabel(u) : code;
      },
    };
  }, [items, units.error, t]);
}

type Props = Omit<SelectProps<string>, 'options' | 'showSearch'> & {
  regions: Regions;
  /** Region codes to offer even when they are not among the units read (e.g. named in a stored notice). */
  extra?: readonly string[];
  testId: string;
};

/** Pick the calendar's region: 全国 (CN) first, then the county's units by name or code. */
export function RegionSelect({ regions, extra = [], testId, ...rest }: Props) {
  const t = useT();
  const codes = new Set(regions.units.map((u) => u.code));
  const options = [
    { value: NATIONAL_REGION, label: `${t('calendar.national')} · ${NATIONAL_REGION}` },
    ...extra.filter((c) => c !== NATIONAL_REGION && !codes.has(c)).map((c) => ({ value: c, label: regions.nameOf(c) })),
    ...regions.units.map((u) => ({ value: u.code, label: unitOptionLabel(u) })),
  ];
  return (
    <Select<string>
      data-testid={testId}
      loading={regions.loading}
      showSearch={{ optionFilterProp: 'label' }}
      options={options}
      popupMatchSelectWidth={false}
      {...rest}
    />
  );
}
