import { Tooltip } from 'antd';

/** First characters of a hash, enough to compare by eye; the full value is in the tooltip. */
export function ShortHash({ hash, length = 12 }: { hash: string; length?: number }) {
  return (
    <Tooltip title={<span className="hash">{hash}</span>}>
      <span className="mono">{hash.length > length ? `${hash.slice(0, length)}…` : hash}</span>
    </Tooltip>
  );
}
