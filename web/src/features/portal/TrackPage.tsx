import { useState, type FormEvent, type ReactNode } from 'react';
import { Alert, Button, Input, Skeleton, Spin, Tag } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router-dom';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ApiError } from '../../lib/api-client';
import { useT, type MessageKey } from '../../lib/i18n';
import { formatInstant } from '../../lib/time';
import { useApiQuery } from '../../lib/use-api-query';
import { casesPublicApi, formatReceipt, normaliseReceipt, type CaseState, type PublicCase } from './cases-api';
import { PortalLayout } from './PortalLayout';
import './cases.css';

const STATE_COLOR: Record<CaseState, string> = { pending: 'gold', running: 'blue', suspended: 'purple', done: 'green' };

/** 办件查询 (`/track`, `/track/:receipt`): an applicant follows a case with the receipt code, without an account, on a phone. */
export default function TrackPage() {
  const { receipt } = useParams();
  const t = useT();
  return (
    <PortalLayout testId="track-page">
      <div className="track">
        {receipt === undefined ? (
          <>
            <h1 className="portal-page-title">{t('track.title')}</h1>
            <p className="muted track-intro">{t('track.intro')}</p>
            <TrackBox />
          </>
        ) : (
          <>
            <TrackResult typed={receipt} />
            <details className="track-again">
              <summary>{t('track.another')}</summary>
              <TrackBox />
            </details>
          </>
        )}
      </div>
    </PortalLayout>
  );
}

/** The receipt code box: takes codes with or without hyphens, in any case, and opens the case's page. */
function TrackBox({ initial = '' }: { initial?: string }) {
  const t = useT();
  const navigate = useNavigate();
  const [value, setValue] = useState(initial);
  const [empty, setEmpty] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const typed = value.trim();
    if (typed === '') {
      setEmpty(true);
      return;
    }
    // A code that cannot be one goes to the page as typed, which says it was not found.
    const code = normaliseReceipt(typed) ?? typed.replace(/\s+/g, '');
    navigate(`/track/${encodeURIComponent(code)}`);
  };
  return (
    <form className="track-box" onSubmit={submit} role="search" aria-label={t('track.title')}>
      <Input
        data-testid="track-input"
        size="large"
        value={value}
        onChange={(e) => {
          setValue(e.target.value);
          setEmpty(false);
        }}
        placeholder={t('track.placeholder')}
        aria-label={t('track.receipt')}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        maxLength={40}
        status={empty ? 'error' : undefined}
        className="mono"
      />
      <Button type="primary" size="large" htmlType="submit" icon={<SearchOutlined />} data-testid="track-submit">
        {t('track.submit')}
      </Button>
      {empty ? (
        <div className="track-box-error" role="alert">
          {t('track.errEmpty')}
        </div>
      ) : null}
    </form>
  );
}

function NotFound({ typed }: { typed: string }) {
  const t = useT();
  return (
    <div data-testid="track-not-found" className="track-not-found">
      <Alert type="warning" showIcon title={t('track.notFound')} description={t('track.notFoundHint')} />
      <div className="muted mono track-typed">{typed}</div>
      <TrackBox initial={typed} />
    </div>
  );
}

function TrackResult({ typed }: { typed: string }) {
  const t = useT();
  // A code whose check symbol does not match is not asked for: the answer is known, and lookups are rate-limited.
  const code = normaliseReceipt(typed);
  const query = useApiQuery((signal) => (code === null ? Promise.reject(new ApiError(404, 'not_found', '')) : casesPublicApi.track(code, signal)), [code]);

  if (query.error?.status === 404) return <NotFound typed={typed} />;
  if (query.error?.status === 429) {
    return <Alert type="warning" showIcon data-testid="track-rate-limited" title={t('track.rateLimited')} description={query.error.message} />;
  }
  if (query.error) return <ErrorAlert error={query.error} onRetry={query.reload} />;
  if (query.data === undefined) {
    return (
      <div data-testid="page-loading">
        <Skeleton active paragraph={{ rows: 8 }} />
      </div>
    );
  }
  return (
    <Spin spinning={query.loading}>
      <CaseView c={query.data} />
    </Spin>
  );
}

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="track-fact">
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

const NOTICE_KINDS: Record<string, MessageKey> = {
  correction: 'track.notice.correction',
  补正: 'track.notice.correction',
  suspension: 'track.notice.suspension',
  clock_stop: 'track.notice.suspension',
  clockStop: 'track.notice.suspension',
  extension: 'track.notice.extension',
};

function CaseView({ c }: { c: PublicCase }) {
  const t = useT();
  const time = (iso: string) => formatInstant(iso);
  const none = (text: string) => <span className="muted">{text}</span>;
  return (
    <article className="track-case" data-testid="track-case" data-state={c.state}>
      <header className="track-head">
        <div className="track-receipt">
          <span className="muted">{t('track.receipt')}</span>{' '}
          <span className="mono" data-testid="track-receipt">
            {formatReceipt(c.receipt)}
          </span>
        </div>
        <h1 className="portal-page-title" data-testid="track-item">
          {c.itemName}
        </h1>
        <div className="track-state">
          <Tag color={STATE_COLOR[c.state]} data-testid="track-state">
            {t(`track.state.${c.state}`)}
          </Tag>
          <span className="muted">{t(`track.stateHint.${c.state}`)}</span>
        </div>
      </header>

      {c.state === 'done' ? (
        <section className="track-section track-outcome-box" aria-labelledby="track-outcome-title">
          <h2 id="track-outcome-title">{t('track.outcome')}</h2>
          <div className="track-outcome" data-testid="track-outcome">
            {c.outcome ?? t('track.state.done')}
          </div>
          {c.closedAt ? <div className="muted">{time(c.closedAt)}</div> : null}
        </section>
      ) : null}

      <section className="track-section">
        <dl className="track-facts">
          <Fact label={t('track.unit')} testId="track-unit">
            {c.unitName}
          </Fact>
          <Fact label={t('track.applicant')} testId="track-applicant">
            {c.applicantMasked}
          </Fact>
          <Fact label={t('track.arrived')} testId="track-arrived">
            {time(c.arrivedAt)}
          </Fact>
          <Fact label={t('track.accepted')} testId="track-accepted">
            {c.acceptedAt ? (
              <>
                {c.deemedAccepted ? formatInstant(c.acceptedAt).slice(0, 10) : time(c.acceptedAt)}
                {c.deemedAccepted ? (
                  <>
                    {' '}
                    <Tag color="orange" data-testid="track-deemed">
                      {t('track.deemedAccepted')}
                    </Tag>
                    <div className="muted track-note">{t('track.deemedAcceptedHint')}</div>
                  </>
                ) : null}
              </>
            ) : c.state === 'done' ? (
              none(t('common.none'))
            ) : (
              none(t('track.notAccepted'))
            )}
          </Fact>
          <Fact label={t('track.due')} testId="track-due">
            {c.dueDate ? (
              <>
                {t('track.dueBy', { date: c.dueDate })}
                {c.provisional ? (
                  <>
                    {' '}
                    <Tag data-testid="track-provisional">{t('track.provisional')}</Tag>
                    <div className="muted track-note">{t('track.provisionalHint')}</div>
                  </>
                ) : null}
              </>
            ) : (
              none(t('track.noDue'))
            )}
          </Fact>
          <Fact label={t('track.closed')} testId="track-closed">
            {c.closedAt ? time(c.closedAt) : none(t('track.notClosed'))}
          </Fact>
        </dl>
      </section>

      <section className="track-section" aria-labelledby="track-steps-title">
        <h2 id="track-steps-title">{t('track.steps')}</h2>
        {c.steps.length === 0 ? (
          <div className="muted">{t('track.noSteps')}</div>
        ) : (
          <ol className="track-steps" data-testid="track-steps">
            {c.steps.map((s, i) => (
              <li key={i} className={`track-step track-step-${s.state}`} data-testid="track-step" data-step-state={s.state}>
                <div className="track-step-head">
                  <span className="track-step-name">{s.name}</span>
                  <Tag color={s.state === 'open' ? 'blue' : 'default'}>{s.state === 'open' ? t('track.stepOpen') : t('track.stepDone')}</Tag>
                </div>
                <div className="muted">{t('track.started', { time: time(s.startedAt) })}</div>
                {s.finishedAt ? <div className="muted">{t('track.finished', { time: time(s.finishedAt) })}</div> : null}
                {s.outcome ? <div className="track-step-outcome">{t('track.stepOutcome', { outcome: s.outcome })}</div> : null}
              </li>
            ))}
          </ol>
        )}
      </section>

      {c.notices.length > 0 ? (
        <section className="track-section" aria-labelledby="track-notices-title">
          <h2 id="track-notices-title">{t('track.notices')}</h2>
          <ul className="track-notices" data-testid="track-notices">
            {c.notices.map((n, i) => (
              <li key={i}>
                <div className="track-notice-head">
                  <strong>{NOTICE_KINDS[n.kind] ? t(NOTICE_KINDS[n.kind]!) : n.kind}</strong> <span className="muted">{time(n.at)}</span>
                </div>
                <div className="public-pre">{n.text}</div>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <p className="muted track-foot">{t('track.timesNote')}</p>
    </article>
  );
}
