// The review table of area names written differently (issue 9 § 2): each name of the file with the
// area it was matched to, the confidence and the reason ("Am_Wasserturm → 07 Am Wasserturm
// (Schreibweise)"). The person accepts a match or corrects it; accepted names are sent as
// acceptedNames and stored as synonyms of the level by the real import (ADR 0010).
import type { AreaNameMatch } from '@sozialraum/core';
import { useI18n } from '../../i18n/index.tsx';
import { areasApi } from '../../api/areas.ts';
import { useFetch } from '../../lib/use-fetch.ts';
import { acceptAllMatches, confidenceLabel, describeMatch, type NameChoice } from './decisions.ts';
import type { ImportState } from './use-import.ts';

function AreaPicker({
  id,
  label,
  value,
  areas,
  onChange,
}: {
  id: string;
  label: string;
  value: number | null;
  areas: readonly { id: number; code: string; name: string }[];
  onChange: (areaId: number | null) => void;
}) {
  const { t } = useI18n();
  return (
    <select
      id={id}
      aria-label={label}
      value={value ?? ''}
      onChange={(e) => onChange(e.target.value ? Number(e.target.value) : null)}
    >
      <option value="">{t.impNoArea}</option>
      {areas.map((a) => (
        <option key={a.id} value={a.id}>
          {a.code} {a.name}
        </option>
      ))}
    </select>
  );
}

/** One name of the file: the match with its reason and confidence, the area (correctable), accepted? */
function ReviewRow({
  m,
  index,
  choice,
  areas,
  readOnly,
  onChange,
}: {
  m: AreaNameMatch;
  index: number;
  choice: NameChoice;
  areas: readonly { id: number; code: string; name: string }[];
  readOnly: boolean;
  onChange: (choice: NameChoice) => void;
}) {
  const { t } = useI18n();
  const area = areas.find((a) => a.id === choice.areaId);
  return (
    <tr className={`match-${m.status}`}>
      <th scope="row" className="mono">
        {m.input}
      </th>
      <td data-label={t.impMatch}>{describeMatch(m)}</td>
      <td data-label={t.impConfidence}>{confidenceLabel(m)}</td>
      <td data-label={t.impArea}>
        {readOnly ? (
          area ? (
            `${area.code} ${area.name}`
          ) : (
            t.impNoArea
          )
        ) : (
          <AreaPicker
            id={`imp-name-${index}`}
            label={t.impAreaFor(m.input)}
            value={choice.areaId}
            areas={areas}
            onChange={(areaId) => onChange({ areaId, accepted: areaId !== null })}
          />
        )}
      </td>
      <td data-label={t.impAccept}>
        <input
          type="checkbox"
          aria-label={t.impAcceptFor(m.input)}
          checked={choice.accepted}
          disabled={readOnly || choice.areaId === null}
          onChange={(e) => onChange({ ...choice, accepted: e.target.checked })}
        />
      </td>
    </tr>
  );
}

export function NameReview({ s, matches }: { s: ImportState; matches: readonly AreaNameMatch[] }) {
  const { t } = useI18n();
  const { systemId, levelId } = s.target;
  const areasQ = useFetch(
    () => (systemId && levelId ? areasApi.areasOfLevel(systemId, levelId) : Promise.resolve([])),
    [systemId, levelId],
  );
  if (matches.length === 0) return null;
  const names = s.decisions.names;
  const set = (input: string, choice: NameChoice) =>
    s.setDecisions({ ...s.decisions, names: { ...names, [input]: choice } });
  const areas = areasQ.data ?? [];
  // after the import the review is history: shown, no longer editable
  const readOnly = s.flow.done;
  const accepted = matches.filter((m) => names[m.input]?.accepted).length;
  return (
    <div className="card-inner name-review">
      <h3>{t.impNamesTitle(matches.length)}</h3>
      <p className="hint">{t.impNamesHint}</p>
      <div className="table-wrap">
        <table className="data-table">
          <caption className="visually-hidden">{t.impNamesTitle(matches.length)}</caption>
          <thead>
            <tr>
              <th scope="col">{t.impNameInFile}</th>
              <th scope="col">{t.impMatch}</th>
              <th scope="col">{t.impConfidence}</th>
              <th scope="col">{t.impArea}</th>
              <th scope="col">{t.impAccept}</th>
            </tr>
          </thead>
          <tbody>
            {matches.map((m, i) => (
              <ReviewRow
                key={m.input}
                m={m}
                index={i}
                choice={names[m.input] ?? { areaId: null, accepted: false }}
                areas={areas.length ? areas : m.status === 'matched' ? [m.area] : m.candidates}
                readOnly={readOnly}
                onChange={(choice) => set(m.input, choice)}
              />
            ))}
          </tbody>
        </table>
      </div>
      <div className="actions">
        {!readOnly && (
          <button
            type="button"
            className="btn"
            onClick={() => s.setDecisions({ ...s.decisions, names: acceptAllMatches(names) })}
          >
            {t.impAcceptAll}
          </button>
        )}
        <span className="hint">{t.impAcceptedCount(accepted, matches.length)}</span>
      </div>
    </div>
  );
}
