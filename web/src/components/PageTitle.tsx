import type { ReactNode } from 'react';
import { Flex, Typography } from 'antd';

interface Props {
  title: string;
  hint?: ReactNode;
  extra?: ReactNode;
}

/** Title row shared by the workbench pages: heading left, page actions right. */
export function PageTitle({ title, hint, extra }: Props) {
  return (
    <Flex justify="space-between" align="flex-start" wrap gap={12} className="page-title">
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {hint ? <Typography.Text type="secondary">{hint}</Typography.Text> : null}
      </div>
      {extra ? (
        <Flex gap={8} wrap align="center">
          {extra}
        </Flex>
      ) : null}
    </Flex>
  );
}
