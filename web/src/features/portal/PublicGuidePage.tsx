import { useState, type ReactNode } from 'react';
import { Button, Flex } from 'antd';
import { ArrowLeftOutlined, FormOutlined, PhoneOutlined, PrinterOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { ButtonLink } from '../../components/ButtonLink';
import { pickLabel, useLang, useT } from '../../lib/i18n';
import { formatInstant } from '../../lib/time';
import { useApiQuery } from '../../lib/use-api-query';
import type { ProcessDefinition, StepNode } from '../process/api';
import { portalApi, publicDrawingUrl, type PublicPowerDetail } from './api';
import { takesApplications } from './cases-api';
import { PortalLayout } from './PortalLayout';
import { PublishedPowerState } from './PublishedPowerState';

/** 办事指南 (`/powers/:code/guide`): what a citizen needs to apply, on one page that prints on A4 and reads on a phone. */
export default function PublicGuidePage() {
  const { code = '' } = useParams();
  const t = useT();
  const power = useApiQuery((signal) => portalApi.publicPower(code, signal), [code]);

  return (
    <PortalLayout testId="public-guide-page">
      <div className="public-back no-print">
        <Link to={`/powers/${encodeURIComponent(code)}`}>
          <ArrowLeftOutlined /> {t('guide.backToItem')}
        </Link>
      </div>
      <PublishedPowerState power={power} render={(item) => <Guide item={item} />} skeletonRows={10} />
    </PortalLayout>
  );
}

const STARS: Record<number, string> = { 1: '★★★', 2: '★★', 3: '★' };

/** The steps in the order the process lists them, which reads from start to finish. */
const stepsOf = (p: ProcessDefinition | null): StepNode[] => (p ? p.nodes.filter((n): n is StepNode => n.kind === 'step') : []);

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="guide-section" data-testid={`guide-${id}`} aria-labelledby={`guide-${id}-title`}>
      <h2 id={`guide-${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

function Guide({ item }: { item: PublicPowerDetail }) {
  const t = useT();
  const { lang } = useLang();
  const [flowFailed, setFlowFailed] = useState(false);
  const [riskFailed, setRiskFailed] = useState(false);
  const none = <span className="muted">{t('public.none')}</span>;
  const text = (v: string | null, empty: ReactNode = none) => (v === null || v.trim() === '' ? empty : <span className="public-pre">{v}</span>);
  const days = (n: number) => t('public.days', { n });
  // A step with no days of its own (一次性告知) is done on the spot.
  const stepDays = (n: number) => (n === 0 ? t('guide.immediate') : days(n));
  // A step off the clock (听证 …) says so; its reason is left out when the step's name already says it (专家评审).
  const offClock = (s: StepNode, key: 'guide.stepClockStop' | 'guide.clockStopCell') =>
    s.clockStop && !s.name.includes(s.clockStop) ? t(key, { reason: s.clockStop }) : t('guide.offClock');
  const steps = stepsOf(item.process);
  const stepList = steps.map((s) => s.name).join(' → ');
  const risky = steps.filter((s) => s.risks.length > 0);
  const showRisks = item.riskMapPublished && item.process !== null;
  const printedOn = formatInstant(new Date().toISOString()).slice(0, 10);

  const commitment =
    item.promisedLimit !== null
      ? t('guide.commitPromised', { n: item.promisedLimit })
      : item.statutoryLimit !== null
        ? t('guide.commitStatutory', { n: item.statutoryLimit })
        : null;

  return (
    <article className="guide" data-testid="public-guide">
      <header className="guide-head">
        <div className="guide-kicker">{t('guide.title')}</div>
        <h1 className="portal-page-title" data-testid="guide-name">
          {item.name}
        </h1>
        <Flex gap="4px 12px" wrap className="muted guide-meta">
          <span>
            {t('public.unit')}：<span data-testid="guide-unit">{item.unit.name}</span>
          </span>
          <span className="mono">{item.code}</span>
          <span>{pickLabel(item.category.label, lang)}</span>
          <span>{t('public.revision', { n: item.revision, date: formatInstant(item.publishedAt).slice(0, 10) })}</span>
        </Flex>
        <Flex gap={8} wrap className="no-print guide-actions">
          <Button type="primary" icon={<PrinterOutlined />} data-testid="guide-print" onClick={() => window.print()}>
            {t('guide.print')}
          </Button>
          {takesApplications(item) ? (
            <ButtonLink icon={<FormOutlined />} to={`/powers/${encodeURIComponent(item.code)}/apply`} data-testid="guide-apply">
              {t('apply.button')}
            </ButtonLink>
          ) : null}
          <ButtonLink to={`/powers/${encodeURIComponent(item.code)}`}>{t('guide.fullItem')}</ButtonLink>
        </Flex>
      </header>

      <Section id="basic" title={t('public.sectionBasic')}>
        <dl className="guide-facts">
          <div>
            <dt>{t('public.implementingBody')}</dt>
            <dd>{text(item.implementingBody, item.unit.name)}</dd>
          </div>
          <div>
            <dt>{t('public.serviceObject')}</dt>
            <dd>{text(item.serviceObject)}</dd>
          </div>
          <div>
            <dt>{t('public.basis')}</dt>
            <dd>
              {item.basis.length === 0 ? (
                none
              ) : (
                <ol className="power-basis">
                  {item.basis.map((b, i) => (
                    <li key={i}>{b}</li>
                  ))}
                </ol>
              )}
            </dd>
          </div>
        </dl>
      </Section>

      <Section id="conditions" title={t('guide.conditions')}>
        {text(item.conditions, <span className="muted">{t('guide.noConditions')}</span>)}
      </Section>

      <Section id="materials" title={t('public.materials')}>
        {item.materials.length === 0 ? (
          <span className="muted">{t('public.noMaterials')}</span>
        ) : (
          <table className="guide-table guide-materials">
            <thead>
              <tr>
                <th scope="col">{t('guide.no')}</th>
                <th scope="col">{t('public.materialName')}</th>
                <th scope="col">{t('public.materialForm')}</th>
                <th scope="col">{t('public.materialCopies')}</th>
                <th scope="col">{t('public.materialRequired')}</th>
              </tr>
            </thead>
            <tbody>
              {item.materials.map((m, i) => (
                <tr key={`${i}-${m.name}`}>
                  <td data-label={t('guide.no')}>{i + 1}</td>
                  <td data-label={t('public.materialName')}>{m.name}</td>
                  <td data-label={t('public.materialForm')}>{m.form ? t(`materialForm.${m.form}`) : t('public.none')}</td>
                  <td data-label={t('public.materialCopies')}>{m.copies ?? t('public.none')}</td>
                  <td data-label={t('public.materialRequired')}>{m.required ? t('public.required') : t('public.optional')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>

      <Section id="flowchart" title={t('guide.flowchart')}>
        {item.process === null ? (
          <span className="muted">{t('guide.noProcess')}</span>
        ) : (
          <>
            <figure className="guide-figure">
              {flowFailed ? (
                <div className="muted">{t('guide.imageFailed')}</div>
              ) : (
                <a href={publicDrawingUrl(item.code, 'svg')} target="_blank" rel="noreferrer" className="guide-figure-link">
                  <img
                    data-testid="guide-flowchart-image"
                    src={publicDrawingUrl(item.code, 'svg')}
                    alt={t('guide.flowchartAlt', { name: item.name, steps: stepList })}
                    onError={() => setFlowFailed(true)}
                  />
                </a>
              )}
              <figcaption className="muted no-print">
                {t('guide.flowchartCaption')}{' '}
                <a href={publicDrawingUrl(item.code, 'png')} download>
                  {t('guide.downloadPng')}
                </a>
              </figcaption>
            </figure>
            <ol className="guide-steps" data-testid="guide-steps">
              {steps.map((s) => (
                <li key={s.id}>
                  <span className="guide-step-name">{s.name}</span>
                  <span className="muted">
                    {s.clockStop ? offClock(s, 'guide.stepClockStop') : s.limitDays !== null ? stepDays(s.limitDays) : t('guide.stepNoLimit')}
                  </span>
                </li>
              ))}
            </ol>
          </>
        )}
      </Section>

      <Section id="limits" title={t('guide.limits')}>
        <dl className="guide-facts">
          <div>
            <dt>{t('public.statutoryLimit')}</dt>
            <dd data-testid="guide-statutory">{item.statutoryLimit === null ? t('public.noLimit') : days(item.statutoryLimit)}</dd>
          </div>
          <div>
            <dt>{t('public.promisedLimit')}</dt>
            <dd data-testid="guide-promised">{item.promisedLimit === null ? t('public.noLimit') : days(item.promisedLimit)}</dd>
          </div>
        </dl>
        {steps.length > 0 ? (
          <table className="guide-table guide-step-limits">
            <thead>
              <tr>
                <th scope="col">{t('guide.step')}</th>
                <th scope="col">{t('guide.stepLimitHead')}</th>
              </tr>
            </thead>
            <tbody>
              {steps.map((s) => (
                <tr key={s.id}>
                  <td data-label={t('guide.step')}>{s.name}</td>
                  <td data-label={t('guide.stepLimitHead')}>
                    {s.clockStop ? offClock(s, 'guide.clockStopCell') : s.limitDays !== null ? stepDays(s.limitDays) : t('public.noLimit')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {steps.some((s) => s.clockStop) ? <p className="muted guide-note">{t('guide.clockStopNote')}</p> : null}
      </Section>

      <Section id="fees" title={t('public.fees')}>
        <div data-testid="guide-fees-text">{text(item.fees, t('guide.noFees'))}</div>
      </Section>

      <Section id="commitment" title={t('guide.commitment')}>
        <p className="guide-commitment" data-testid="guide-commitment-text">
          {commitment ?? t('guide.commitNone')}
        </p>
      </Section>

      <Section id="supervision" title={t('public.supervisionPhone')}>
        {item.supervisionPhone ? (
          <a href={`tel:${item.supervisionPhone.replace(/[^\d+-]/g, '')}`} className="guide-phone" data-testid="guide-phone">
            <PhoneOutlined /> {item.supervisionPhone}
          </a>
        ) : (
          none
        )}
        <p className="muted guide-note">{t('guide.supervisionNote')}</p>
      </Section>

      {showRisks ? (
        <Section id="risks" title={t('guide.riskMap')}>
          <figure className="guide-figure">
            {riskFailed ? (
              <div className="muted">{t('guide.riskImageFailed')}</div>
            ) : (
              <a href={publicDrawingUrl(item.code, 'svg', true)} target="_blank" rel="noreferrer" className="guide-figure-link">
                <img
                  data-testid="guide-risk-image"
                  src={publicDrawingUrl(item.code, 'svg', true)}
                  alt={t('guide.riskAlt', { name: item.name })}
                  onError={() => setRiskFailed(true)}
                />
              </a>
            )}
            <figcaption className="muted no-print">
              {t('guide.flowchartCaption')}{' '}
              <a href={publicDrawingUrl(item.code, 'png', true)} download>
                {t('guide.downloadPng')}
              </a>
            </figcaption>
          </figure>
          {risky.length === 0 ? (
            <span className="muted">{t('guide.noRisks')}</span>
          ) : (
            <ol className="guide-risks">
              {risky.map((s) => (
                <li key={s.id}>
                  <strong>{s.name}</strong>
                  <ul>
                    {s.risks.map((r, i) => (
                      <li key={i}>
                        <span className="guide-stars" aria-label={t('guide.grade', { n: r.grade })} title={t('guide.grade', { n: r.grade })}>
                          {STARS[r.grade]}
                        </span>{' '}
                        {r.description}
                        {r.measures.trim() ? <div className="muted">{t('guide.measures', { measures: r.measures })}</div> : null}
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ol>
          )}
        </Section>
      ) : null}

      <footer className="guide-print-footer">{t('guide.printedOn', { date: printedOn })}</footer>
    </article>
  );
}
