import { Form, Input, Select } from 'antd';
import { ActionModal } from '../../components/ActionModal';
import { UnitSelect } from '../../components/UnitSelect';
import { api, type ApiError } from '../../lib/api-client';
import type { NewUnitInput, Unit, UnitType } from '../../lib/api-types';
import { useLang, useT } from '../../lib/i18n';
import { unitTypeName } from '../../lib/labels';

type NewUnitType = NewUnitInput['type'];

/** The server's placement rule (src/modules/org/unit.rules.ts): which unit types may sit under which. */
const ALLOWED_PARENTS: Record<NewUnitType, readonly UnitType[]> = {
  department: ['county'],
  township: ['county'],
  section: ['department', 'township'],
  village: ['township'],
};
const TYPES: readonly NewUnitType[] = ['department', 'section', 'township', 'village'];

const UNIT_CODE_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/;

interface Values {
  code: string;
  name: string;
  type: NewUnitType;
  parentCode: string;
}

interface Props {
  open: boolean;
  units: readonly Unit[];
  onClose: () => void;
  onAdded: (unit: Unit) => void;
}

/** 新增单位: code, name, type and parent; the parent list follows the chosen type. */
export function AddUnitModal({ open, units, onClose, onAdded }: Props) {
  const t = useT();
  return (
    <ActionModal<Values, Unit>
      open={open}
      title={t('org.addTitle')}
      okText={t('org.addSubmit')}
      testId="unit-form"
      onClose={onClose}
      onSubmit={(v) => api.createUnit({ code: v.code.trim(), name: v.name.trim(), type: v.type, parentCode: v.parentCode })}
      successText={(unit) => t('org.added', { name: unit.name })}
      onDone={onAdded}
      fieldOfError={(e: ApiError) => (e.code === 'unit.invalid_parent' ? 'parentCode' : e.code === 'conflict' && e.details.code ? 'code' : undefined)}
    >
      <UnitFields units={units} />
    </ActionModal>
  );
}

function UnitFields({ units }: { units: readonly Unit[] }) {
  const t = useT();
  const { lang } = useLang();
  const form = Form.useFormInstance<Values>();
  const type = Form.useWatch('type', form);
  const parents = type ? units.filter((u) => u.status === 'active' && ALLOWED_PARENTS[type].includes(u.type as UnitType)) : [];

  const onTypeChange = (next: NewUnitType) => {
    const candidates = units.filter((u) => u.status === 'active' && ALLOWED_PARENTS[next].includes(u.type as UnitType));
    const current = form.getFieldValue('parentCode') as string | undefined;
    // Keep a parent that still fits; when only one fits (the county, for a department), choose it.
    if (!candidates.some((u) => u.code === current)) form.setFieldValue('parentCode', candidates.length === 1 ? candidates[0]!.code : undefined);
  };

  return (
    <>
      <Form.Item
        name="code"
        label={t('org.code')}
        extra={t('org.codeHint')}
        rules={[
          { required: true, whitespace: true, message: t('form.enter', { field: t('org.code') }) },
          { pattern: UNIT_CODE_RE, message: t('org.codeHint') },
        ]}
      >
        <Input data-testid="unit-code" autoComplete="off" spellCheck={false} maxLength={40} />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('org.name')}
        rules={[
          { required: true, whitespace: true, message: t('form.enter', { field: t('org.name') }) },
          { max: 100, message: t('form.tooLong', { n: 100 }) },
        ]}
      >
        <Input data-testid="unit-name" autoComplete="off" />
      </Form.Item>
      <Form.Item name="type" label={t('org.type')} rules={[{ required: true, message: t('form.choose', { field: t('org.type') }) }]}>
        <Select<NewUnitType>
          data-testid="unit-type"
          options={TYPES.map((value) => ({ value, label: unitTypeName(value, lang, units) }))}
          onChange={onTypeChange}
        />
      </Form.Item>
      <Form.Item
        name="parentCode"
        label={t('org.parent')}
        extra={t('org.parentHint')}
        rules={[{ required: true, message: t('form.choose', { field: t('org.parent') }) }]}
      >
        <UnitSelect testId="unit-parent" units={parents} disabled={!type} placeholder={type ? undefined : t('org.parentNeedsType')} />
      </Form.Item>
    </>
  );
}
