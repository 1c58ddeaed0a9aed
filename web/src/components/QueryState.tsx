import type { ReactNode } from 'react';
import { Empty, Skeleton, Spin } from 'antd';
import type { ApiQuery } from '../lib/use-api-query';
import { ErrorAlert } from './ErrorAlert';

interface Props<T> {
  query: ApiQuery<T>;
  /** Decides when the answer counts as "nothing to show". */
  isEmpty?: (data: T) => boolean;
  /** A full sentence telling the user what is (not) there. */
  emptyText: string;
  children: (data: T) => ReactNode;
}

/**
 * The loading / error / empty / content switch every data page needs, so each page only
 * describes its content.
 */
export function QueryState<T>({ query, isEmpty, emptyText, children }: Props<T>) {
  const { data, error, loading, reload } = query;
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (data === undefined) {
    return (
      <div data-testid="page-loading">
        <Skeleton active paragraph={{ rows: 6 }} />
      </div>
    );
  }
  // While a new filter or page loads, keep the old content visible under a spinner.
  return <Spin spinning={loading}>{isEmpty?.(data) ? <Empty data-testid="page-empty" description={emptyText} /> : children(data)}</Spin>;
}
