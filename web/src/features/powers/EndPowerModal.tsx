import { Alert, Form, Input, Radio } from 'antd';
import { ActionModal } from '../../components/ActionModal';
import { UnitSelect } from '../../components/UnitSelect';
import { api, type ApiError } from '../../lib/api-client';
import type { PowerEnding, PowerItem, Unit } from '../../lib/api-types';
import { useT } from '../../lib/i18n';

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

interface Values {
  ending: PowerEnding;
  reason: string;
  date?: string;
  /** Free text where devolved; a unit code where transferred. */
  to?: string;
}

interface Props {
  item: PowerItem;
  open: boolean;
  /** Units an item may be transferred to (active ones other than its own). */
  units: readonly Unit[] | undefined;
  unitsError?: ApiError;
  onClose: () => void;
  onDone: (item: PowerItem) => void;
}

/** 取消 / 下放 / 划转: the item stays readable with its date, reason and destination; it cannot be edited afterwards. */
export function EndPowerModal({ item, open, units, unitsError, onClose, onDone }: Props) {
  const t = useT();

  return (
    <ActionModal<Values, PowerItem>
      open={open}
      title={t('powers.endTitle', { code: item.code, name: item.latest.content.name })}
      okText={t('powers.endSubmit')}
      danger
      testId="power-end-form"
      intro={<Alert type="warning" showIcon title={t('powers.endIntro')} />}
      initialValues={{ ending: 'abolished' }}
      onClose={onClose}
      onSubmit={(v) =>
        api.endPower(item.id, {
          ending: v.ending,
          reason: v.reason.trim(),
          date: v.date?.trim() ? v.date.trim() : undefined,
          to: v.ending === 'abolished' ? undefined : v.to?.trim(),
        })
      }
      successText={(i) => t('powers.ended', { code: i.code, status: t(`powerStatus.${i.status as PowerEnding}`) })}
      onDone={onDone}
    >
      <Form.Item name="ending" label={t('powers.ending')} rules={[{ required: true }]}>
        <Radio.Group
          data-testid="power-end-kind"
          optionType="button"
          options={(['abolished', 'devolved', 'transferred'] as const).map((e) => ({ value: e, label: t(`powerEnding.${e}`) }))}
        />
      </Form.Item>
      <EndingDestination units={units?.filter((u) => u.code !== item.unit.code)} unitsError={unitsError} />
      <Form.Item
        name="reason"
        label={t('powers.endReason')}
        rules={[
          { required: true, whitespace: true, message: t('form.enter', { field: t('powers.endReason') }) },
          { max: 1000, message: t('form.tooLong', { n: 1000 }) },
        ]}
      >
        <Input.TextArea data-testid="power-end-reason" rows={3} maxLength={1000} showCount />
      </Form.Item>
      <Form.Item name="date" label={t('powers.endDate')} extra={t('powers.endDateHint')} rules={[{ pattern: DATE_RE, message: t('powers.endDateHint') }]}>
        <Input data-testid="power-end-date" placeholder="YYYY-MM-DD" maxLength={10} />
      </Form.Item>
    </ActionModal>
  );
}

/** Where the item goes: asked only when devolved (text) or transferred (a unit). */
function EndingDestination({ units, unitsError }: { units: readonly Unit[] | undefined; unitsError?: ApiError }) {
  const t = useT();
  // Inside the modal's form: watch its choice through the form context.
  const ending = Form.useWatch<PowerEnding | undefined>('ending');
  if (ending === 'devolved') {
    return (
      <Form.Item
        name="to"
        label={t('powers.devolvedTo')}
        rules={[{ required: true, whitespace: true, message: t('form.enter', { field: t('powers.devolvedTo') }) }]}
      >
        <Input data-testid="power-end-to" maxLength={200} />
      </Form.Item>
    );
  }
  if (ending === 'transferred') {
    return (
      <Form.Item name="to" label={t('powers.transferredTo')} rules={[{ required: true, message: t('form.choose', { field: t('powers.transferredTo') }) }]}>
        <UnitSelect testId="power-end-unit" units={units} loadError={unitsError} />
      </Form.Item>
    );
  }
  return null;
}
