import { Alert, Button, Checkbox, Flex, Form, Input, InputNumber, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { ActionModal } from '../../components/ActionModal';
import { useT, type TFunction } from '../../lib/i18n';
import { calendarApi, CALENDAR_YEARS, type AddedYear, type NewCalendarYear } from './api';
import { dayNumber, isDate, isoOf } from './calendar-model';
import { RegionSelect, type Regions } from './RegionSelect';

interface HolidayRow {
  from?: string;
  to?: string;
  name?: string;
}

interface Values {
  region: string;
  year: number;
  notice: string;
  published?: string;
  holidays: HolidayRow[];
  workdays: { date?: string }[];
  replace?: boolean;
}

/** No holiday span is longer than a year (the server's limit on a notice's days). */
const MAX_SPAN = 366;

/** The notice as the API takes it: each span of the form becomes its days, every day with the span's name. */
export function toNewYear(v: Values): NewCalendarYear {
  const holidays: NewCalendarYear['holidays'] = [];
  for (const h of v.holidays ?? []) {
    const from = dayNumber(h.from ?? '');
    const to = h.to ? dayNumber(h.to) : from;
    for (let d = from; d <= to; d++) holidays.push({ date: isoOf(d), name: (h.name ?? '').trim() });
  }
  return {
    region: v.region,
    year: v.year,
    notice: v.notice.trim(),
    published: v.published || null,
    holidays,
    workdays: (v.workdays ?? []).map((w) => w.date ?? '').filter(Boolean),
    replace: v.replace === true,
  };
}

interface Props {
  open: boolean;
  regions: Regions;
  region: string;
  year: number;
  onClose: () => void;
  onDone: (result: AddedYear) => void;
}

/**
 * 添加年度通知: a year's notice entered by hand — its number and date, the holiday spans with their names, and the
 * adjusted working days. The server checks the whole (dates in the year, no day twice, adjusted days on weekends) and
 * refuses a year already there unless it is replaced.
 */
export function AddNoticeModal({ open, regions, region, year, onClose, onDone }: Props) {
  const t = useT();
  const regionName = regions.nameOf;
  return (
    <ActionModal<Values, AddedYear>
      open={open}
      width={720}
      title={t('calendar.addTitle')}
      intro={<Typography.Text type="secondary">{t('calendar.addIntro')}</Typography.Text>}
      okText={t('calendar.addSubmit')}
      testId="calendar-add"
      initialValues={{ region, year, holidays: [{}], workdays: [] }}
      onClose={onClose}
      onSubmit={(v) => calendarApi.addYear(toNewYear(v))}
      successText={(r) =>
        t(r.replaced ? 'calendar.replaced' : 'calendar.added', { region: regionName(r.notice.region), year: r.notice.year, notice: r.notice.notice }) +
        (r.deadlinesMoved.length ? t('calendar.moved', { n: r.deadlinesMoved.length }) : '')
      }
      onDone={onDone}
      fieldOfError={(e) => (e.code === 'conflict' ? 'replace' : undefined)}
      // The server's message names every wrong day in the user's language; field keys like holidays.3.date mean
      // the expanded list, not the form's rows.
      renderError={(e) => (e.code === 'validation' ? <Alert type="error" showIcon title={e.message} /> : undefined)}
    >
      <Flex wrap gap={12}>
        <Form.Item name="region" label={t('calendar.region')} rules={[{ required: true }]} style={{ minWidth: 220, flex: '1 1 220px' }}>
          <RegionSelect regions={regions} extra={[region]} testId="calendar-add-region" aria-label={t('calendar.regionAria')} />
        </Form.Item>
        <Form.Item
          name="year"
          label={t('calendar.year')}
          rules={[{ required: true, type: 'integer', min: CALENDAR_YEARS.from, max: CALENDAR_YEARS.to, message: t('calendar.err.year', CALENDAR_YEARS) }]}
        >
          <InputNumber precision={0} aria-label={t('calendar.year')} data-testid="calendar-add-year" style={{ width: 110 }} />
        </Form.Item>
      </Flex>
      <Flex wrap gap={12}>
        <Form.Item
          name="notice"
          label={t('calendar.noticeNumber')}
          extra={t('calendar.noticeNumberHint')}
          rules={[{ required: true, whitespace: true, message: t('form.enter', { field: t('calendar.noticeNumber') }) }, { max: 200 }]}
          style={{ flex: '1 1 260px' }}
        >
          <Input data-testid="calendar-add-notice" maxLength={200} />
        </Form.Item>
        <Form.Item name="published" label={t('calendar.publishedDate')}>
          <Input type="date" data-testid="calendar-add-published" aria-label={t('calendar.publishedDate')} style={{ width: 170 }} />
        </Form.Item>
      </Flex>

      <Typography.Text strong>{t('calendar.holidays')}</Typography.Text>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('calendar.holidaysHint')}
      </Typography.Paragraph>
      <Form.List
        name="holidays"
        rules={[{ validator: async (_, rows?: HolidayRow[]) => (rows && rows.length > 0 ? undefined : Promise.reject(new Error(t('calendar.err.holidays')))) }]}
      >
        {(rows, { add, remove }, { errors }) => (
          <>
            {rows.map((row, i) => (
              <Flex key={row.key} wrap gap={8} align="flex-start" data-testid={`calendar-add-holiday-${i}`}>
                <Form.Item name={[row.name, 'from']} rules={[dateRule(t)]} style={{ marginBottom: 8 }}>
                  <Input type="date" aria-label={t('calendar.holidayFromAria', { n: i + 1 })} placeholder={t('calendar.holidayFrom')} style={{ width: 160 }} />
                </Form.Item>
                <Form.Item name={[row.name, 'to']} dependencies={[['holidays', row.name, 'from']]} rules={[spanRule(t, row.name)]} style={{ marginBottom: 8 }}>
                  <Input type="date" aria-label={t('calendar.holidayToAria', { n: i + 1 })} placeholder={t('calendar.holidayTo')} style={{ width: 160 }} />
                </Form.Item>
                <Form.Item
                  name={[row.name, 'name']}
                  rules={[{ required: true, whitespace: true, message: t('form.enter', { field: t('calendar.holidayName') }) }, { max: 50 }]}
                  style={{ marginBottom: 8, flex: '1 1 120px' }}
                >
                  <Input aria-label={t('calendar.holidayNameAria', { n: i + 1 })} placeholder={t('calendar.holidayName')} maxLength={50} />
                </Form.Item>
                <Button
                  type="text"
                  icon={<DeleteOutlined />}
                  aria-label={t('calendar.removeRow')}
                  onClick={() => remove(row.name)}
                  disabled={rows.length === 1}
                />
              </Flex>
            ))}
            <Form.ErrorList errors={errors} />
            <Button icon={<PlusOutlined />} onClick={() => add({})} data-testid="calendar-add-holiday" style={{ marginBottom: 16 }}>
              {t('calendar.addHoliday')}
            </Button>
          </>
        )}
      </Form.List>

      <div>
        <Typography.Text strong>{t('calendar.workdays')}</Typography.Text>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('calendar.workdaysHint')}
        </Typography.Paragraph>
      </div>
      <Form.List name="workdays">
        {(rows, { add, remove }) => (
          <>
            <Flex wrap gap={8}>
              {rows.map((row, i) => (
                <Flex key={row.key} gap={4} align="flex-start">
                  <Form.Item name={[row.name, 'date']} rules={[dateRule(t)]} style={{ marginBottom: 8 }}>
                    <Input type="date" aria-label={t('calendar.workdayAria', { n: i + 1 })} style={{ width: 160 }} />
                  </Form.Item>
                  <Button type="text" icon={<DeleteOutlined />} aria-label={t('calendar.removeRow')} onClick={() => remove(row.name)} />
                </Flex>
              ))}
            </Flex>
            <Button icon={<PlusOutlined />} onClick={() => add({})} data-testid="calendar-add-workday" style={{ marginBottom: 16 }}>
              {t('calendar.addWorkday')}
            </Button>
          </>
        )}
      </Form.List>

      <Form.Item name="replace" valuePropName="checked" style={{ marginBottom: 0 }}>
        <Checkbox data-testid="calendar-add-replace">{t('calendar.replace')}</Checkbox>
      </Form.Item>
    </ActionModal>
  );
}

const dateRule = (t: TFunction) => ({
  validator: async (_: unknown, v?: string) => (v && isDate(v) ? undefined : Promise.reject(new Error(t('calendar.err.date')))),
});

/** The span's last day, if given: a date, not before the first, at most a year on. */
const spanRule =
  (t: TFunction, row: number) =>
  ({ getFieldValue }: { getFieldValue: (name: (string | number)[]) => unknown }) => ({
    validator: async (_: unknown, v?: string) => {
      if (!v) return;
      if (!isDate(v)) throw new Error(t('calendar.err.date'));
      const from = dayNumber(String(getFieldValue(['holidays', row, 'from']) ?? ''));
      if (Number.isNaN(from)) return;
      const to = dayNumber(v);
      if (to < from) throw new Error(t('calendar.err.order'));
      if (to - from + 1 > MAX_SPAN) throw new Error(t('calendar.err.span', { n: MAX_SPAN }));
    },
  });
