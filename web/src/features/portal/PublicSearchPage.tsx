import { useCallback, useEffect, useMemo, useState } from 'react';
import { Button, Empty, Flex, Grid, Pagination, Select, Skeleton, Spin, Tag, Typography } from 'antd';
import { AppstoreOutlined, ApartmentOutlined } from '@ant-design/icons';
import { Link, useLocation, useSearchParams } from 'react-router-dom';
import { ErrorAlert } from '../../components/ErrorAlert';
import { pickLabel, useLang, useT, type TFunction } from '../../lib/i18n';
import { useApiQuery } from '../../lib/use-api-query';
import { portalApi, type PublicPower } from './api';
import { PortalLayout } from './PortalLayout';
import { SearchBox } from './SearchBox';
import { unitFullNames } from './public-units';
import { highlight, queryWords, SEARCH_EXAMPLES } from './search-text';

const PAGE_SIZE = 20;
/** Typing pauses this long before the results follow. */
const DEBOUNCE_MS = 300;

type Params = Partial<Record<'q' | 'unit' | 'category' | 'page', string>>;

/**
 * The public power list (`/powers`): search as you type, filter by unit and category, page through. Everything the
 * page shows is in its address (`?q=&unit=&category=&page=`), so a result list can be shared as a link.
 */
export default function PublicSearchPage() {
  const t = useT();
  const { lang } = useLang();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const unit = params.get('unit') || undefined;
  const category = params.get('category') || undefined;
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);

  const results = useApiQuery(
    (signal) => portalApi.publicPowers({ q: q || undefined, unit, category, page, pageSize: PAGE_SIZE }, signal),
    [q, unit, category, page],
  );
  const units = useApiQuery((signal) => portalApi.publicPowerUnits(signal), []);
  const categories = useApiQuery((signal) => portalApi.publicPowerCategories(signal), []);
  const fullNames = useMemo(() => unitFullNames(units.data?.items), [units.data]);

  /** Changes the address; any change but paging goes back to the first page. */
  const update = useCallback(
    (changes: Params, replace = false) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [key, value] of Object.entries(changes)) {
            if (value) next.set(key, value);
            else next.delete(key);
          }
          if (!('page' in changes)) next.delete('page');
          return next;
        },
        { replace },
      );
    },
    [setParams],
  );

  // The box follows the address when it changes from outside (back button, an example clicked); while typing, the
  // address follows the box after a short pause. IME composition (pinyin) is not searched until it is committed.
  const [text, setText] = useState(q);
  const [seenQ, setSeenQ] = useState(q);
  const [composing, setComposing] = useState(false);
  if (q !== seenQ) {
    setSeenQ(q);
    if (q !== text.trim()) setText(q);
  }
  useEffect(() => {
    const value = text.trim();
    if (composing || value === q) return;
    const timer = setTimeout(() => update({ q: value }, true), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, q, composing, update]);

  const words = useMemo(() => queryWords(q), [q]);
  const filtered = unit !== undefined || category !== undefined;

  const unitOptions = (units.data?.items ?? []).map((u) => ({
    value: u.code,
    label: `${fullNames.get(u.code) ?? u.name}（${u.count}）`,
  }));
  const categoryOptions = (categories.data?.items ?? []).map((c) => ({
    value: c.code,
    label: `${pickLabel(c.label, lang)}（${c.count}）`,
  }));

  return (
    <PortalLayout testId="public-search-page">
      <h1 className="portal-page-title">{t('public.title')}</h1>
      <Typography.Paragraph type="secondary">{t('public.intro')}</Typography.Paragraph>

      <SearchBox
        testId="public-search-input"
        autoFocus={!q}
        value={text}
        placeholder={t('public.searchPlaceholder')}
        ariaLabel={t('public.searchAria')}
        onChange={setText}
        onComposing={setComposing}
        onSearch={(value) => {
          const v = value.trim();
          setText(v);
          if (v !== q) update({ q: v });
          else results.reload();
        }}
      />
      <div className="public-hint" data-testid="public-search-hint">
        {t('public.hint')}
        {SEARCH_EXAMPLES.map((example, i) => (
          <span key={example}>
            {i === 0 ? ' ' : lang === 'en' ? ', ' : '、'}
            <a
              href={`?q=${encodeURIComponent(example)}`}
              onClick={(e) => {
                e.preventDefault();
                setText(example);
                update({ q: example });
              }}
            >
              {example}
            </a>
          </span>
        ))}
        {t('public.hintCode')}
      </div>

      <Flex wrap gap={8} className="public-filters">
        <Select
          data-testid="public-filter-unit"
          className="public-filter"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('public.allUnits')}
          aria-label={t('public.allUnits')}
          loading={units.loading}
          value={unit}
          options={unitOptions}
          onChange={(value: string | undefined) => update({ unit: value })}
        />
        <Select
          data-testid="public-filter-category"
          className="public-filter"
          allowClear
          placeholder={t('public.allCategories')}
          aria-label={t('public.allCategories')}
          loading={categories.loading}
          value={category}
          options={categoryOptions}
          onChange={(value: string | undefined) => update({ category: value })}
        />
        <Flex gap={12} align="center" wrap className="public-filter-links">
          <Link to="/powers/units">
            <ApartmentOutlined /> {t('public.byUnit')}
          </Link>
          <Link to="/powers/categories">
            <AppstoreOutlined /> {t('public.byCategory')}
          </Link>
        </Flex>
      </Flex>

      {results.error ? (
        <ErrorAlert error={results.error} onRetry={results.reload} />
      ) : results.data === undefined ? (
        <div data-testid="page-loading">
          <Skeleton active paragraph={{ rows: 6 }} />
        </div>
      ) : (
        <Spin spinning={results.loading}>
          <div className="public-total" data-testid="public-search-total" aria-live="polite">
            {t(q ? 'public.totalFound' : 'public.totalAll', { n: results.data.total })}
          </div>
          {results.data.items.length === 0 ? (
            <NoResults
              t={t}
              q={q}
              filtered={filtered}
              pastEnd={results.data.total > 0}
              onClear={() => update({ unit: undefined, category: undefined })}
              onFirst={() => update({ page: undefined })}
            />
          ) : (
            <ol className="public-results" aria-label={t('public.resultsAria')}>
              {results.data.items.map((item) => (
                <Result key={item.code} item={item} words={words} unitName={fullNames.get(item.unit.code) ?? item.unit.name} from={location.search} />
              ))}
            </ol>
          )}
          {results.data.total > PAGE_SIZE ? (
            <Pagination
              data-testid="public-search-pages"
              className="public-pages"
              align="center"
              simple={!screens.sm}
              showSizeChanger={false}
              current={page}
              pageSize={PAGE_SIZE}
              total={results.data.total}
              onChange={(p) => {
                update({ page: p > 1 ? String(p) : undefined });
                window.scrollTo({ top: 0 });
              }}
            />
          ) : null}
        </Spin>
      )}
    </PortalLayout>
  );
}

function Result({ item, words, unitName, from }: { item: PublicPower; words: string[]; unitName: string; from: string }) {
  const t = useT();
  const { lang } = useLang();
  const limits = [
    item.statutoryLimit !== null ? t('public.statutory', { n: item.statutoryLimit }) : null,
    item.promisedLimit !== null ? t('public.promised', { n: item.promisedLimit }) : null,
  ].filter((x): x is string => x !== null);
  return (
    <li className="public-result" data-testid="public-search-result">
      <Link to={`/powers/${encodeURIComponent(item.code)}`} state={{ from }}>
        <div className="public-result-name" data-testid="public-result-name">
          <Marked text={item.name} words={words} />
        </div>
        <div className="public-result-meta">
          <span className="mono">
            <Marked text={item.code} words={words} />
          </span>
          <span>{unitName}</span>
          <Tag>{pickLabel(item.category.label, lang)}</Tag>
        </div>
        <div className="public-result-limits">{limits.length > 0 ? limits.join(' · ') : <span className="muted">{t('public.noLimits')}</span>}</div>
      </Link>
    </li>
  );
}

function Marked({ text, words }: { text: string; words: string[] }) {
  return <>{highlight(text, words).map((s, i) => (s.hit ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}</>;
}

function NoResults(props: { t: TFunction; q: string; filtered: boolean; pastEnd: boolean; onClear: () => void; onFirst: () => void }) {
  const { t, q, filtered, pastEnd } = props;
  if (pastEnd) {
    return (
      <Empty data-testid="public-search-empty" description={t('public.pastEnd')}>
        <Button onClick={props.onFirst}>{t('public.firstPage')}</Button>
      </Empty>
    );
  }
  const description = q ? (
    <>
      <div className="public-empty-title">{t('public.notFoundTitle', { q })}</div>
      <div className="muted">{t('public.notFoundHint')}</div>
    </>
  ) : (
    t(filtered ? 'public.emptyFiltered' : 'public.emptyAll')
  );
  return (
    <Empty data-testid="public-search-empty" description={description}>
      {filtered ? <Button onClick={props.onClear}>{t('public.clearFilters')}</Button> : null}
    </Empty>
  );
}
