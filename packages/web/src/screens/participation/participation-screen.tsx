// /mitmachen/… — the participation portal (issue 13): start page with form and list, one
// report's page, the e-mail confirmation and the moderation queue.
import { participationApi } from '../../api/participation.ts';
import { ErrorState, Loading } from '../../components/status.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useFetch } from '../../lib/use-fetch.ts';
import { ConfirmPage } from './confirm-page.tsx';
import { ModerationScreen } from './moderation-screen.tsx';
import { PortalHome } from './portal-home.tsx';
import { ReportPage } from './report-page.tsx';
import { isPublicSurveysPath, PublicSurveys } from '../surveys/surveys-public.tsx';
import './participation.css';

/** True for the portal's paths. */
export const isParticipationPath = (path: string) => /^\/mitmachen(\/|$)/.test(path);

export function ParticipationScreen({ path, search }: { path: string; search: string }) {
  const { t } = useI18n();
  const config = useFetch(() => participationApi.config(), []);
  const p = path.replace(/\/+$/, '');
  if (p === '/mitmachen/bestaetigen') return <ConfirmPage search={search} />;
  if (isPublicSurveysPath(p)) return <PublicSurveys path={p} />;
  if (!config.data)
    return (
      <div className="page">
        {config.status === 'error' ? (
          <ErrorState error={config.error} what={t.partTitle} onRetry={config.reload} />
        ) : (
          <Loading />
        )}
      </div>
    );
  const m = /^\/mitmachen\/hinweis\/(\d{1,9})$/.exec(p);
  if (m) return <ReportPage id={Number(m[1])} config={config.data} />;
  if (p === '/mitmachen/moderation') return <ModerationScreen config={config.data} />;
  return <PortalHome config={config.data} />;
}
