// /mitmachen/befragungen/… — the public survey pages (list and answering).
import { OpenSurveys } from './open-surveys.tsx';
import { SurveyPage } from './survey-page.tsx';
import './surveys.css';

/** True for the public survey paths. */
export const isPublicSurveysPath = (path: string) => /^\/mitmachen\/befragungen(\/|$)/.test(path);

export function PublicSurveys({ path }: { path: string }) {
  const m = /^\/mitmachen\/befragungen\/(\d{1,9})\/?$/.exec(path);
  return m ? <SurveyPage id={Number(m[1])} /> : <OpenSurveys />;
}
