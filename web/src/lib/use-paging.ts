import { useState } from 'react';
import type { PaginationProps } from 'antd';

/** The page sizes every server-paged list offers. */
export const PAGE_SIZES = [20, 50, 100];

/**
 * A server-paged list's page and page size, and the table's pagination for a total: a new page size starts again
 * from the first page (so does any filter change, through `setPage(1)`).
 */
export function usePaging() {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(PAGE_SIZES[0]!);
  const pagination = (total: number, showTotal: (n: number) => string): PaginationProps => ({
    current: page,
    pageSize,
    total,
    showSizeChanger: true,
    pageSizeOptions: PAGE_SIZES,
    showTotal,
    onChange: (p, size) => {
      if (size !== pageSize) {
        setPageSize(size);
        setPage(1);
      } else setPage(p);
    },
  });
  return { page, pageSize, setPage, pagination };
}
