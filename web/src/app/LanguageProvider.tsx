import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { setApiLanguage } from '../lib/api-client';
import { LANG_STORAGE_KEY, LanguageContext, parseLang, translate, type Lang } from '../lib/i18n';
import { theme } from './theme';

function readStoredLang(): Lang {
  try {
    return parseLang(localStorage.getItem(LANG_STORAGE_KEY));
  } catch {
    // Storage can be blocked (private mode, strict settings); Chinese is the default anyway.
    return 'zh-CN';
  }
}

/** Holds the UI language, persists it, and keeps antd, the API client and <html lang> in step. */
export function LanguageProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => {
    const initial = readStoredLang();
    // Set before any child renders, so the very first request already asks for this language.
    setApiLanguage(initial);
    return initial;
  });

  const setLang = useCallback((next: Lang) => {
    setApiLanguage(next);
    setLangState(next);
    try {
      localStorage.setItem(LANG_STORAGE_KEY, next);
    } catch {
      // Not persisting is acceptable; the switch still works for this visit.
    }
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = translate(lang, 'app.title');
  }, [lang]);

  const value = useMemo(() => ({ lang, setLang }), [lang, setLang]);

  return (
    <LanguageContext.Provider value={value}>
      <ConfigProvider locale={lang === 'en' ? enUS : zhCN} theme={theme}>
        <AntApp>{children}</AntApp>
      </ConfigProvider>
    </LanguageContext.Provider>
  );
}
