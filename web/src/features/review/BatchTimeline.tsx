import { Card, Empty, Flex, Timeline, Typography } from 'antd';
import { LocalTime } from '../../components/LocalTime';
import { useT } from '../../lib/i18n';
import type { Transition } from './api';
import { BatchStateTag, personName, useReviewWords } from './review-shared';

const COLOR: Record<string, string> = { return: 'orange', send_back: 'orange', pass: 'green', publish: 'green' };

/** 流转记录: every move of the batch in order — action, from → to, round, who, comment, when. */
export function BatchTimeline({ transitions }: { transitions: readonly Transition[] }) {
  const t = useT();
  const words = useReviewWords();
  return (
    <Card size="small" title={t('review.timeline')} data-testid="review-timeline">
      {transitions.length === 0 ? (
        <Empty description={t('review.timelineEmpty')} />
      ) : (
        <Timeline
          items={transitions.map((x) => ({
            key: x.seq,
            color: COLOR[x.action] ?? 'blue',
            content: (
              <Flex vertical gap={2} data-testid="review-timeline-entry" data-action={x.action}>
                <Flex gap={8} wrap align="center">
                  <Typography.Text strong>{words.action(x.action)}</Typography.Text>
                  <span>
                    {x.fromState ? <BatchStateTag state={x.fromState} /> : null}
                    {x.fromState ? '→ ' : null}
                    <BatchStateTag state={x.toState} />
                  </span>
                  {x.round > 0 ? <span className="muted">{t('review.timelineRound', { n: x.round })}</span> : null}
                </Flex>
                <span className="muted">
                  {personName(x.actor)} · <LocalTime iso={x.at} />
                </span>
                {x.comment ? <span style={{ whiteSpace: 'pre-wrap' }}>{x.comment}</span> : null}
              </Flex>
            ),
          }))}
        />
      )}
    </Card>
  );
}
