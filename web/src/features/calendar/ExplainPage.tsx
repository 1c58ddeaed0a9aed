import { useEffect } from 'react';
import { Button, Empty, Flex, Form, Input, InputNumber } from 'antd';
import { CalculatorOutlined, CalendarOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router-dom';
import { ButtonLink } from '../../components/ButtonLink';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import { useT } from '../../lib/i18n';
import { useApiQuery } from '../../lib/use-api-query';
import { calendarApi, NATIONAL_REGION } from './api';
import { isDate } from './calendar-model';
import { DeadlineExplanation } from './DeadlineExplanation';
import { RegionSelect, useRegions } from './RegionSelect';
import './calendar.css';

interface Values {
  date: string;
  time?: string;
  days: number | null;
  region: string;
}

const MAX_DAYS = 2500;
/** A start typed with a time is an instant in Beijing time. */
const SHANGHAI = '+08:00';

/** The form's fields from the address: `start` is a date, or a Beijing-time instant (2024-09-27T10:30:00+08:00). */
function fieldsOf(params: URLSearchParams): Values {
  const start = params.get('start') ?? '';
  const time = start.endsWith(SHANGHAI) ? /T(\d{2}:\d{2})/.exec(start)?.[1] : undefined;
  const days = params.get('days');
  return {
    date: start.slice(0, 10),
    time,
    days: days !== null && /^\d+$/.test(days) ? Number(days) : null,
    region: params.get('region') || NATIONAL_REGION,
  };
}

/**
 * 期限计算说明 (`/workbench/calendar/explain?start=&days=&region=`): a start day (or moment) plus N working days on a
 * region's calendar — the due date, its 24:00 instant, 暂定 and why, and the count day by day. The inputs live in the
 * address, so an explanation can be linked to (the calendar page and, later, a case's deadline do).
 */
export default function ExplainPage() {
  const t = useT();
  const regions = useRegions();
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const start = params.get('start') ?? '';
  const fields = fieldsOf(params);
  const ready = isDate(start.slice(0, 10)) && fields.days !== null && fields.days <= MAX_DAYS;
  const region = fields.region === NATIONAL_REGION ? undefined : fields.region;

  // The address is the truth: back and forward, or a link followed, put its values in the form.
  const search = params.toString();
  useEffect(() => {
    form.setFieldsValue(fieldsOf(new URLSearchParams(search)));
  }, [search, form]);

  const explanation = useApiQuery(
    (signal) => (ready ? calendarApi.explain(start, fields.days!, region, signal) : Promise.resolve(undefined)),
    [ready, start, fields.days, region],
  );

  const submit = (v: Values) => {
    const next = new URLSearchParams();
    next.set('start', v.time ? `${v.date}T${v.time}:00${SHANGHAI}` : v.date);
    next.set('days', String(v.days));
    if (v.region && v.region !== NATIONAL_REGION) next.set('region', v.region);
    setParams(next);
  };

  const calendarLink = `/workbench/calendar${fields.region !== NATIONAL_REGION ? `?region=${encodeURIComponent(fields.region)}` : ''}`;

  return (
    <>
      <PageTitle
        title={t('explain.title')}
        hint={t('explain.intro')}
        extra={
          <ButtonLink to={calendarLink} icon={<CalendarOutlined />} data-testid="explain-to-calendar">
            {t('explain.backToCalendar')}
          </ButtonLink>
        }
      />
      <Form<Values>
        form={form}
        layout="vertical"
        className="explain-form"
        data-testid="explain-form"
        initialValues={fields}
        requiredMark="optional"
        onFinish={submit}
      >
        <Flex wrap gap={12} align="flex-end">
          <Form.Item
            name="date"
            label={t('explain.start')}
            rules={[
              { required: true, message: t('explain.err.start') },
              { validator: async (_, v: string) => (!v || isDate(v) ? undefined : Promise.reject(new Error(t('explain.err.start')))) },
            ]}
          >
            <Input type="date" aria-label={t('explain.startAria')} data-testid="explain-start" style={{ width: 170 }} />
          </Form.Item>
          <Form.Item name="time" label={t('explain.time')} required={false}>
            <Input type="time" aria-label={t('explain.timeAria')} data-testid="explain-time" style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="days" label={t('explain.days')} rules={[{ required: true, type: 'integer', min: 0, max: MAX_DAYS, message: t('explain.err.days') }]}>
            <InputNumber min={0} max={MAX_DAYS} precision={0} aria-label={t('explain.daysAria')} data-testid="explain-days" style={{ width: 110 }} />
          </Form.Item>
          <Form.Item name="region" label={t('calendar.region')}>
            <RegionSelect
              regions={regions}
              extra={[fields.region]}
              testId="explain-region"
              aria-label={t('calendar.regionAria')}
              style={{ width: 220, maxWidth: '100%' }}
            />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" icon={<CalculatorOutlined />} data-testid="explain-submit">
              {t('explain.submit')}
            </Button>
          </Form.Item>
        </Flex>
      </Form>

      {ready ? (
        <QueryState query={explanation} emptyText="">
          {(data) => (data ? <DeadlineExplanation explanation={data} regionName={regions.nameOf} /> : null)}
        </QueryState>
      ) : (
        <Empty data-testid="explain-empty" description={t('explain.empty')} />
      )}
    </>
  );
}
