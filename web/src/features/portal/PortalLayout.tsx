import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { api } from '../../lib/api-client';
import type { PublicHome } from '../../lib/api-types';
import { useT } from '../../lib/i18n';
import { useApiQuery, type ApiQuery } from '../../lib/use-api-query';
// The bar's wrapping on phones, and the case pages' layout (small; kept with the frame so every portal page has it).
import './cases.css';

interface Props {
  /** The home page's own query, when the page already loads it; otherwise the frame loads the county itself. */
  home?: ApiQuery<PublicHome>;
  /** Between the bar and the main column (the home page's hero). */
  hero?: ReactNode;
  testId?: string;
  children: ReactNode;
}

/** The frame of every public page: the bar with the way home and to the power list, the main column, the footer. */
export function PortalLayout(props: Props) {
  return props.home ? <Frame {...props} home={props.home} /> : <FrameLoadingCounty {...props} />;
}

function FrameLoadingCounty(props: Props) {
  const home = useApiQuery((signal) => api.publicHome(signal), []);
  return <Frame {...props} home={home} />;
}

function Frame({ home, hero, testId, children }: Props & { home: ApiQuery<PublicHome> }) {
  const t = useT();
  const county = home.data?.county.name;
  return (
    <div className="portal" data-testid={testId}>
      <header className="portal-bar">
        <div className="portal-bar-inner">
          <Link to="/" className="portal-brand">
            {t('app.title')}
            {county ? <small>{county}</small> : null}
          </Link>
          <nav className="portal-nav" aria-label={t('shell.menu')}>
            <Link to="/powers" data-testid="portal-nav-powers">
              {t('portal.navPowers')}
            </Link>
            <Link to="/track" data-testid="portal-nav-track">
              {t('portal.navTrack')}
            </Link>
            <LanguageSwitch className="on-dark" />
          </nav>
        </div>
      </header>
      {hero}
      <main className="portal-main">{children}</main>
      <footer className="portal-footer">
        <div className="portal-footer-inner">
          {county ?? t('portal.countyFallback')} · {t('app.title')}
        </div>
      </footer>
    </div>
  );
}
