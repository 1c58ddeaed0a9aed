import { Button } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useLang, useT } from '../lib/i18n';

/** One click toggles between Chinese and English; the label names the language you switch to. */
export function LanguageSwitch({ className }: { className?: string }) {
  const { lang, setLang } = useLang();
  const t = useT();
  const next = lang === 'en' ? 'zh-CN' : 'en';
  return (
    <Button
      data-testid="lang-switch"
      type="text"
      className={className}
      icon={<GlobalOutlined />}
      aria-label={t('lang.switchAria')}
      onClick={() => setLang(next)}
    >
      <span lang={next}>{t('lang.switchTo')}</span>
    </Button>
  );
}
