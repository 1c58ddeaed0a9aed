import { Collapse, Flex, Tag, Typography } from 'antd';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import { useT } from '../../lib/i18n';
import { useApiQuery } from '../../lib/use-api-query';
import { calendarApi } from './api';
import { DeadlineExplanation } from './DeadlineExplanation';
import './calendar.css';

/**
 * 我的期限 (`/workbench/deadlines`): the deadlines of open work the user answers for, soonest first, each marked 暂定
 * or moved by a new holiday notice (with the date it had), and each explaining itself where it is listed.
 */
export default function MyDeadlinesPage() {
  const t = useT();
  const query = useApiQuery((signal) => calendarApi.myDeadlines(signal), []);
  return (
    <>
      <PageTitle title={t('mine.title')} hint={t('mine.intro')} />
      <QueryState query={query} isEmpty={(d) => d.items.length === 0} emptyText={t('mine.empty')}>
        {(d) => (
          <Collapse
            data-testid="my-deadlines"
            items={d.items.map((item) => ({
              key: item.subject,
              label: (
                <Flex wrap gap={8} align="center" data-testid={`deadline-${item.subject}`}>
                  <Typography.Text strong>{item.title}</Typography.Text>
                  <Typography.Text>{t('mine.due', { date: item.dueDate })}</Typography.Text>
                  {item.provisional && <Tag color="orange">{t('mine.provisional')}</Tag>}
                  {item.movedFrom && (
                    <Tag color="blue" data-testid="deadline-moved">
                      {t('mine.moved', { from: item.movedFrom })}
                    </Tag>
                  )}
                </Flex>
              ),
              children: <DeadlineExplanation explanation={item.explanation} testId={`explanation-${item.subject}`} />,
            }))}
          />
        )}
      </QueryState>
    </>
  );
}
