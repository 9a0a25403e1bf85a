// Loading, error and empty states, worded in the current language.
import type { ReactNode } from 'react';
import { UNREACHABLE, type ApiError } from '../api/http.ts';
import { useI18n } from '../i18n/index.tsx';

/** A polite live region saying that something is loading. */
export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label ?? t.loading}
    </div>
  );
}

/**
 * An error message (server text when available) with an optional retry button; `detail` replaces
 * the server text below the title (e.g. when a table beside the box already lists it).
 */
export function ErrorState({
  error,
  what,
  title,
  detail: detailText,
  onRetry,
}: {
  error: ApiError;
  what?: string;
  title?: string;
  detail?: string;
  onRetry?: () => void;
}) {
  const { t } = useI18n();
  const main =
    error.status === UNREACHABLE
      ? t.serverUnreachable
      : (title ?? (what ? t.loadFailed(what) : error.message));
  const detail = error.status === UNREACHABLE ? null : (detailText ?? error.message);
  return (
    <div className="state state-error" role="alert">
      <p className="state-title">{main}</p>
      {detail && detail !== main && <p className="state-detail">{detail}</p>}
      {onRetry && (
        <button type="button" className="btn" onClick={onRetry}>
          {t.retry}
        </button>
      )}
    </div>
  );
}

/** A neutral note for "nothing to show". */
export function Empty({ children }: { children: ReactNode }) {
  return (
    <div className="state state-empty" role="status">
      {children}
    </div>
  );
}
