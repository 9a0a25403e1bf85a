// Step 3 (areas) — where uploaded geometries go: a new or existing area system and level, which
// properties hold code, name and parent, the decisions the server asks for (covering features,
// missing areas) and, for a new system, its source.
import { useId, useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { levelName } from '../../lib/labels.ts';
import { AreaDecisions } from './area-decisions.tsx';
import { parseGermanDate } from './new-indicators.ts';
import { SourceFieldset } from './source-fieldset.tsx';
import type { AreaTarget } from './mapping.ts';
import type { ImportState } from './use-import.ts';

function PropertySelect({
  id,
  label,
  value,
  columns,
  optional,
  onChange,
}: {
  id: string;
  label: string;
  value: string | undefined;
  columns: readonly string[];
  optional?: boolean;
  onChange: (v: string | undefined) => void;
}) {
  const { t } = useI18n();
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value || undefined)}>
        <option value="">{optional ? '—' : t.pleaseChoose}</option>
        {columns.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
    </div>
  );
}

/** System: new (id, name, valid from) or existing (select). */
function SystemFields({ s, id }: { s: ImportState; id: string }) {
  const { t } = useI18n();
  const [validFromText, setValidFromText] = useState('');
  const areaTarget = s.areaTarget;
  const setAreaTarget = (a: AreaTarget) => s.setAreaTarget(a);
  const systemsQ = s.systemsQ;
  return (
    <>
      <fieldset className="field fieldset-inline form-grid-full">
        <legend className="field-label">{t.areaSystem}</legend>
        {(['existing', 'new'] as const).map((k) => (
          <label key={k} className="radio">
            <input
              type="radio"
              name={`${id}-asysmode`}
              checked={(areaTarget.systemMode ?? 'new') === k}
              disabled={k === 'existing' && (systemsQ.data ?? []).length === 0}
              onChange={() =>
                setAreaTarget({
                  ...areaTarget,
                  systemMode: k,
                  levelMode: k === 'new' ? 'new' : areaTarget.levelMode,
                  systemId: k === 'existing' ? systemsQ.data?.[0]?.id : undefined,
                  levelId: undefined,
                  parentLevelId: undefined,
                })
              }
            />
            {k === 'existing' ? t.systemExisting : t.systemNew}
          </label>
        ))}
      </fieldset>
      {areaTarget.systemMode === 'existing' ? (
        <div className="field">
          <label htmlFor={`${id}-asys`} className="field-label">
            {t.systemChoose}
          </label>
          <select
            id={`${id}-asys`}
            value={areaTarget.systemId ?? ''}
            onChange={(e) =>
              setAreaTarget({
                ...areaTarget,
                systemId: e.target.value || undefined,
                levelId: undefined,
                parentLevelId: undefined,
              })
            }
          >
            <option value="">{t.pleaseChoose}</option>
            {(systemsQ.data ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} ({s.id})
              </option>
            ))}
          </select>
        </div>
      ) : (
        <>
          <div className="field">
            <label htmlFor={`${id}-asys`} className="field-label">
              {t.systemIdLabel}
            </label>
            <input
              id={`${id}-asys`}
              type="text"
              className="mono"
              autoComplete="off"
              spellCheck={false}
              value={areaTarget.systemId ?? ''}
              aria-describedby={`${id}-id-hint`}
              onChange={(e) =>
                setAreaTarget({
                  ...areaTarget,
                  systemId: e.target.value.trim() || undefined,
                })
              }
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-asysname`} className="field-label">
              {t.systemNameLabel}
            </label>
            <input
              id={`${id}-asysname`}
              type="text"
              value={areaTarget.systemName ?? ''}
              onChange={(e) =>
                setAreaTarget({ ...areaTarget, systemName: e.target.value || undefined })
              }
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-avalid`} className="field-label">
              {t.validFrom}
            </label>
            <input
              id={`${id}-avalid`}
              type="text"
              inputMode="numeric"
              autoComplete="off"
              value={validFromText}
              aria-invalid={validFromText !== '' && parseGermanDate(validFromText) === null}
              aria-describedby={`${id}-avalid-hint`}
              onChange={(e) => {
                setValidFromText(e.target.value);
                const v = e.target.value.trim();
                setAreaTarget({
                  ...areaTarget,
                  validFrom: v ? (parseGermanDate(v) ?? v) : undefined,
                });
              }}
            />
            <span
              id={`${id}-avalid-hint`}
              className={
                validFromText !== '' && parseGermanDate(validFromText) === null
                  ? 'field-error'
                  : 'hint'
              }
            >
              {validFromText !== '' && parseGermanDate(validFromText) === null
                ? t.dateInvalid
                : t.validFromHint}
            </span>
          </div>
        </>
      )}
    </>
  );
}

/** Level: new (id, German name) or, in an existing system, an existing one. */
function LevelFields({ s, id }: { s: ImportState; id: string }) {
  const { t, lang } = useI18n();
  const areaTarget = s.areaTarget;
  const setAreaTarget = (a: AreaTarget) => s.setAreaTarget(a);
  const areaSystem =
    (areaTarget.systemMode === 'existing' &&
      s.systemsQ.data?.find((x) => x.id === areaTarget.systemId)) ||
    null;
  return (
    <>
      {areaTarget.systemMode === 'existing' && (
        <fieldset className="field fieldset-inline form-grid-full">
          <legend className="field-label">{t.level}</legend>
          {(['existing', 'new'] as const).map((k) => (
            <label key={k} className="radio">
              <input
                type="radio"
                name={`${id}-alvlmode`}
                checked={(areaTarget.levelMode ?? 'new') === k}
                disabled={k === 'existing' && !areaSystem}
                onChange={() =>
                  setAreaTarget({
                    ...areaTarget,
                    levelMode: k,
                    levelId: undefined,
                    levelNameDe: undefined,
                  })
                }
              />
              {k === 'existing' ? t.levelExisting : t.levelNew}
            </label>
          ))}
        </fieldset>
      )}
      {areaTarget.systemMode === 'existing' && areaTarget.levelMode === 'existing' ? (
        <div className="field">
          <label htmlFor={`${id}-alvl`} className="field-label">
            {t.levelChoose}
          </label>
          <select
            id={`${id}-alvl`}
            value={areaTarget.levelId ?? ''}
            onChange={(e) => setAreaTarget({ ...areaTarget, levelId: e.target.value || undefined })}
          >
            <option value="">{t.pleaseChoose}</option>
            {[...(areaSystem?.levels ?? [])]
              .sort((a, b) => a.depth - b.depth)
              .map((l) => (
                <option key={l.id} value={l.id}>
                  {levelName(l, lang)} ({l.id})
                </option>
              ))}
          </select>
        </div>
      ) : (
        <>
          <div className="field">
            <label htmlFor={`${id}-alvl`} className="field-label">
              {t.levelIdLabel}
            </label>
            <input
              id={`${id}-alvl`}
              type="text"
              className="mono"
              autoComplete="off"
              spellCheck={false}
              value={areaTarget.levelId ?? ''}
              aria-describedby={`${id}-id-hint`}
              onChange={(e) =>
                setAreaTarget({
                  ...areaTarget,
                  levelId: e.target.value.trim() || undefined,
                })
              }
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-alvlname`} className="field-label">
              {t.levelNameLabel}
            </label>
            <input
              id={`${id}-alvlname`}
              type="text"
              value={areaTarget.levelNameDe ?? ''}
              onChange={(e) =>
                setAreaTarget({ ...areaTarget, levelNameDe: e.target.value || undefined })
              }
            />
          </div>
        </>
      )}
    </>
  );
}

export function AreaTargetForm({ s }: { s: ImportState }) {
  const { t, lang } = useI18n();
  const id = useId();
  const areaTarget = s.areaTarget;
  const setAreaTarget = (a: AreaTarget) => s.setAreaTarget(a);
  const columns = s.analysis?.detected.columns ?? [];
  const areaSystem =
    (areaTarget.systemMode === 'existing' &&
      s.systemsQ.data?.find((x) => x.id === areaTarget.systemId)) ||
    null;
  const property = (
    key: 'codeProperty' | 'nameProperty' | 'parentCodeProperty',
    label: string,
    optional = false,
  ) => (
    <PropertySelect
      id={`${id}-${key}`}
      label={label}
      value={areaTarget[key]}
      columns={columns}
      optional={optional}
      onChange={(v) => setAreaTarget({ ...areaTarget, [key]: v })}
    />
  );
  return (
    <div className="form-grid">
      <SystemFields s={s} id={id} />
      <LevelFields s={s} id={id} />
      {property('codeProperty', t.codeColumn)}
      {property('nameProperty', t.nameColumn)}
      {areaSystem && (
        <div className="field">
          <label htmlFor={`${id}-aparent`} className="field-label">
            {t.parentLevel}
          </label>
          <select
            id={`${id}-aparent`}
            value={areaTarget.parentLevelId ?? ''}
            onChange={(e) =>
              setAreaTarget({ ...areaTarget, parentLevelId: e.target.value || undefined })
            }
          >
            <option value="">—</option>
            {(areaSystem?.levels ?? [])
              .filter((l) => l.id !== areaTarget.levelId)
              .map((l) => (
                <option key={l.id} value={l.id}>
                  {levelName(l, lang)}
                </option>
              ))}
          </select>
        </div>
      )}
      {areaTarget.parentLevelId && property('parentCodeProperty', t.parentColumn)}
      <p id={`${id}-id-hint`} className="hint form-grid-full">
        {t.idHint}
      </p>
      <div className="form-grid-full">
        <AreaDecisions
          covering={s.analysis?.covering ?? []}
          coveringChoice={s.areaChoices.covering}
          onCovering={(covering) => s.setAreaChoices({ ...s.areaChoices, covering })}
          missing={s.areaChoices.missingAreas}
          missingChoice={s.areaChoices.missing}
          onMissing={(missing) => s.setAreaChoices({ ...s.areaChoices, missing })}
        />
      </div>
      {areaTarget.systemMode !== 'existing' && (
        <div className="form-grid-full">
          <SourceFieldset
            idPrefix="imp-areas"
            draft={s.source}
            onChange={s.setSource}
            hint={t.areaSourceHint}
            title={t.areaSourceTitle}
          />
        </div>
      )}
    </div>
  );
}
