// Language context: German by default, English switchable; the choice is remembered in localStorage.
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { de } from './de.ts';
import type { Dict } from './de.ts';
import { en } from './en.ts';

export type Lang = 'de' | 'en';

const dicts: Record<Lang, Dict> = { de, en };
const STORAGE_KEY = 'sozialraum.lang';

interface I18n {
  lang: Lang;
  t: Dict;
  setLang: (lang: Lang) => void;
}

const I18nContext = createContext<I18n>({ lang: 'de', t: de, setLang: () => {} });

function initialLang(): Lang {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'de' || stored === 'en') return stored;
  } catch {
    // storage blocked: fall back to German
  }
  return 'de';
}

/** Provides the current dictionary to the app. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((l: Lang) => {
    setLangState(l);
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      // ignore
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const value = useMemo(() => ({ lang, t: dicts[lang], setLang }), [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The current language and dictionary. */
export function useI18n(): I18n {
  return useContext(I18nContext);
}
