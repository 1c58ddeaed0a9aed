import { Alert, Form, Input } from 'antd';
import { ActionModal } from '../../components/ActionModal';
import { api } from '../../lib/api-client';
import type { Unit } from '../../lib/api-types';
import { useT } from '../../lib/i18n';

interface Props {
  unit: Unit | undefined;
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}

/** 撤销: asks for the reason and confirms; the unit stays in the list, marked with the date and reason. */
export function AbolishUnitModal({ unit, open, onClose, onDone }: Props) {
  const t = useT();
  return (
    <ActionModal<{ reason: string }, Unit>
      open={open}
      title={t('org.abolishTitle', { name: unit?.name ?? '' })}
      okText={t('org.abolishSubmit')}
      danger
      testId="unit-abolish-form"
      intro={<Alert type="warning" showIcon title={t('org.abolishIntro')} />}
      onClose={onClose}
      onSubmit={(v) => api.endUnit(unit!.id, v.reason.trim())}
      successText={(ended) => t('org.abolished', { name: ended.name })}
      onDone={onDone}
    >
      <Form.Item
        name="reason"
        label={t('org.abolishReason')}
        rules={[
          { required: true, whitespace: true, message: t('form.enter', { field: t('org.abolishReason') }) },
          { max: 500, message: t('form.tooLong', { n: 500 }) },
        ]}
      >
        <Input.TextArea data-testid="unit-abolish-reason" rows={3} maxLength={500} showCount />
      </Form.Item>
    </ActionModal>
  );
}
