// The choice fields of "Indikator bearbeiten": Lebenslage, unit (only units the stored values can
// carry, edit-draft.ts), polarity, decimals and the source with its licence and attribution (which
// are the source's, edited under /quellen). Errors stand next to their field (aria-invalid,
// aria-describedby).
import { Link } from '../../components/link.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { unitText } from '../../lib/core-bridge.ts';
import { DIMENSION_ORDER, dimensionLabel } from '../../lib/labels.ts';
import type { Indicator, Polarity } from '../../api/indicators.ts';
import type { Source } from '../../api/sources.ts';
import { allowedUnits } from './edit-draft.ts';
import type { Draft, DraftField } from './edit-draft.ts';

export function MetadataSelects({
  ind,
  draft,
  set,
  errors,
  idPrefix: id,
  sources,
}: {
  ind: Indicator;
  draft: Draft;
  set: (patch: Partial<Draft>) => void;
  errors: Partial<Record<DraftField, string>>;
  idPrefix: string;
  sources: { data: Source[] | null | undefined; status: string };
}) {
  const { t, lang } = useI18n();
  const describedBy = (k: DraftField, hint?: string) =>
    [hint, errors[k] ? `${id}-${k}-err` : ''].filter(Boolean).join(' ') || undefined;
  const fieldProps = (k: DraftField, hint?: string) => ({
    id: `${id}-${k}`,
    'aria-invalid': errors[k] ? true : undefined,
    'aria-describedby': describedBy(k, hint),
  });
  const fieldError = (k: DraftField) =>
    errors[k] ? (
      <p id={`${id}-${k}-err`} className="field-error">
        {errors[k]}
      </p>
    ) : null;
  const unitHint =
    ind.kind === 'count'
      ? t.editUnitHintCount
      : ind.kind === 'share'
        ? t.editUnitHintShare
        : t.editUnitHintValue;
  const chosenSource = sources.data?.find((s) => s.id === draft.sourceId) ?? ind.source;
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-dimension`} className="field-label">
          {t.dimension}
        </label>
        <select
          {...fieldProps('dimension')}
          value={draft.dimension}
          onChange={(e) => set({ dimension: e.target.value })}
        >
          {DIMENSION_ORDER.map((d) => (
            <option key={d} value={d}>
              {dimensionLabel(d, lang)}
            </option>
          ))}
        </select>
        {fieldError('dimension')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-unit`} className="field-label">
          {t.unit}
        </label>
        <select
          {...fieldProps('unit', `${id}-unit-hint`)}
          value={draft.unit}
          onChange={(e) => set({ unit: e.target.value })}
        >
          {allowedUnits(ind).map((u) => (
            <option key={u} value={u}>
              {unitText(u, lang)}
            </option>
          ))}
        </select>
        <span id={`${id}-unit-hint`} className="hint">
          {unitHint}
        </span>
        {fieldError('unit')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-polarity`} className="field-label">
          {t.polarity}
        </label>
        <select
          {...fieldProps('polarity')}
          value={draft.polarity}
          onChange={(e) => set({ polarity: e.target.value as Polarity })}
        >
          {(['higher_is_worse', 'higher_is_better', 'neutral'] as const).map((p) => (
            <option key={p} value={p}>
              {t.polarityLabel(p)}
            </option>
          ))}
        </select>
        {fieldError('polarity')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-decimals`} className="field-label">
          {t.decimals}
        </label>
        <select
          {...fieldProps('decimals')}
          value={draft.decimals}
          onChange={(e) => set({ decimals: e.target.value })}
        >
          {['', '0', '1', '2', '3', '4', '5', '6'].map((d) => (
            <option key={d} value={d} disabled={d === ''}>
              {d === '' ? '—' : d}
            </option>
          ))}
        </select>
        {fieldError('decimals')}
      </div>
      <div className="field form-grid-full">
        <label htmlFor={`${id}-sourceId`} className="field-label">
          {t.editSource} *
        </label>
        <select
          {...fieldProps('sourceId', `${id}-src-hint`)}
          value={draft.sourceId}
          disabled={!sources.data}
          onChange={(e) => set({ sourceId: e.target.value })}
        >
          {(sources.data ?? (ind.source ? [ind.source] : [])).map((s) => (
            <option key={s.id} value={s.id}>
              {s.title} – {s.publisher}
            </option>
          ))}
        </select>
        <span id={`${id}-src-hint`} className="hint">
          {chosenSource && (
            <>
              <strong>{t.editSourceLicence(chosenSource.licence, chosenSource.attribution)}</strong>
              <br />
            </>
          )}
          {t.editSourceHint} <Link href="/quellen">{t.editSourceLink}</Link>
        </span>
        {sources.status === 'error' && <p className="hint">{t.editSourcesUnavailable}</p>}
        {fieldError('sourceId')}
      </div>
    </>
  );
}
