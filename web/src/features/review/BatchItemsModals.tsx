import { useEffect, useRef } from 'react';
import { Alert, Form, Input } from 'antd';
import { ActionModal } from '../../components/ActionModal';
import { UnitSelect } from '../../components/UnitSelect';
import type { ApiError } from '../../lib/api-client';
import type { Unit } from '../../lib/api-types';
import { useT } from '../../lib/i18n';
import { reviewApi, type BatchView } from './api';
import { ItemPicker, itemProblemsError } from './ItemPicker';

interface NewValues {
  unitCode: string;
  title: string;
  itemCodes?: string[];
}

interface NewProps {
  open: boolean;
  /** Units the user compiles lists for; undefined while they load. */
  units: readonly Unit[] | undefined;
  unitsError?: ApiError;
  defaultUnit?: string;
  onClose: () => void;
  onDone: (view: BatchView) => void;
}

/** 新建批次: the unit's clerk picks the unit, names the batch and chooses items whose latest revision is unpublished. */
export function NewBatchModal({ open, units, unitsError, defaultUnit, onClose, onDone }: NewProps) {
  const t = useT();
  return (
    <ActionModal<NewValues, BatchView>
      open={open}
      title={t('review.newTitle')}
      okText={t('review.newSubmit')}
      testId="review-new-form"
      width={640}
      intro={<Alert type="info" showIcon title={t('review.newIntro')} />}
      initialValues={{ unitCode: defaultUnit, itemCodes: [] }}
      onClose={onClose}
      onSubmit={(v) => reviewApi.createBatch({ unitCode: v.unitCode, title: v.title.trim(), itemCodes: v.itemCodes ?? [] })}
      successText={(v) => t('review.created', { title: v.batch.title })}
      renderError={itemProblemsError}
      onDone={onDone}
    >
      <Form.Item name="unitCode" label={t('review.unit')} rules={[{ required: true, message: t('form.choose', { field: t('review.unit') }) }]}>
        <UnitSelect testId="review-new-unit" units={units} loadError={unitsError} />
      </Form.Item>
      <Form.Item
        name="title"
        label={t('review.batchTitle')}
        rules={[
          { required: true, whitespace: true, message: t('form.enter', { field: t('review.batchTitle') }) },
          { max: 200, message: t('form.tooLong', { n: 200 }) },
        ]}
      >
        <Input data-testid="review-new-title" maxLength={200} />
      </Form.Item>
      <NewBatchItems />
    </ActionModal>
  );
}

/** The item picker follows the unit chosen above it; changing the unit clears the choice. */
function NewBatchItems() {
  const t = useT();
  const form = Form.useFormInstance<NewValues>();
  const unitCode = Form.useWatch<string | undefined>('unitCode');
  const shown = useRef(unitCode);
  useEffect(() => {
    if (shown.current !== unitCode) form.setFieldValue('itemCodes', []);
    shown.current = unitCode;
  }, [unitCode, form]);
  return (
    <Form.Item name="itemCodes" label={t('review.items')}>
      <ItemPicker unitCode={unitCode} testId="review-new-items" />
    </Form.Item>
  );
}

interface AddProps {
  open: boolean;
  view: BatchView;
  onClose: () => void;
  onDone: (view: BatchView) => void;
}

/** 添加事项: while the unit holds the batch (compiling it, or adding an omitted item before resubmitting). */
export function AddItemsModal({ open, view, onClose, onDone }: AddProps) {
  const t = useT();
  return (
    <ActionModal<{ itemCodes: string[] }, BatchView>
      open={open}
      title={t('review.addItemsTitle')}
      okText={t('review.addItemsSubmit')}
      testId="review-add-form"
      width={640}
      onClose={onClose}
      onSubmit={(v) => reviewApi.addItems(view.batch.id, v.itemCodes)}
      successText={(v) => t('review.addedItems', { n: v.items.length - view.items.length })}
      renderError={itemProblemsError}
      onDone={onDone}
    >
      <Form.Item name="itemCodes" label={t('review.items')} rules={[{ required: true, message: t('form.choose', { field: t('review.items') }) }]}>
        <ItemPicker unitCode={view.batch.unit.code} exclude={view.items.map((i) => i.code)} testId="review-add-items" />
      </Form.Item>
    </ActionModal>
  );
}
