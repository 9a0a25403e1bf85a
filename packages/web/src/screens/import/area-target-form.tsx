// Step 3 (areas) — where uploaded geometries go: a new or existing area system and level, which
// properties hold code, name and parent, the decisions the server asks for (covering features,
// missing areas) and, for a new system, its source.
import { useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { levelName } from '../../lib/labels.ts';
import { FormField } from '../../components/form-field.tsx';
import { AreaDecisions } from './area-decisions.tsx';
import { parseGermanDate } from './new-indicators.ts';
import { SourceFieldset } from './source-fieldset.tsx';
import { errorOf } from './step-target.tsx';
import type { AreaTarget } from './mapping.ts';
import type { ImportState } from './use-import.ts';

function PropertySelect({
  id,
  label,
  value,
  columns,
  optional,
  error,
  onChange,
}: {
  id: string;
  label: string;
  error: string | null;
  value: string | undefined;
  columns: readonly string[];
  optional?: boolean;
  onChange: (v: string | undefined) => void;
}) {
  const { t } = useI18n();
  return (
    <FormField id={id} label={label} error={error}>
      <select value={value ?? ''} onChange={(e) => onChange(e.target.value || undefined)}>
        <option value="">{optional ? '—' : t.pleaseChoose}</option>
        {columns.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
    </FormField>
  );
}

/** Two radios: an existing thing or a new one (system or level). */
/** A machine id of the new system or level (lower case, no spaces), trimmed as it is typed. */
function IdField({
  s,
  id,
  field,
  label,
}: {
  s: ImportState;
  id: string;
  field: 'systemId' | 'levelId';
  label: string;
}) {
  const { t } = useI18n();
  const a = s.areaTarget;
  return (
    <FormField id={id} error={errorOf(s, id)} label={label} hint={t.idHint}>
      <input
        type="text"
        className="mono"
        autoComplete="off"
        spellCheck={false}
        value={a[field] ?? ''}
        onChange={(e) => s.setAreaTarget({ ...a, [field]: e.target.value.trim() || undefined })}
      />
    </FormField>
  );
}

function ModeRadios({
  legend,
  name,
  value,
  labels,
  existingDisabled,
  onChange,
}: {
  legend: string;
  name: string;
  value: 'existing' | 'new';
  labels: { existing: string; new: string };
  existingDisabled: boolean;
  onChange: (k: 'existing' | 'new') => void;
}) {
  return (
    <fieldset className="field fieldset-inline form-grid-full">
      <legend className="field-label">{legend}</legend>
      {(['existing', 'new'] as const).map((k) => (
        <label key={k} className="radio">
          <input
            type="radio"
            name={name}
            checked={value === k}
            disabled={k === 'existing' && existingDisabled}
            onChange={() => onChange(k)}
          />
          {labels[k]}
        </label>
      ))}
    </fieldset>
  );
}

/** A new system: id, name and the date from which its areas are valid (TT.MM.JJJJ). */
function NewSystemFields({ s, id }: { s: ImportState; id: string }) {
  const { t } = useI18n();
  const [validFromText, setValidFromText] = useState('');
  const a = s.areaTarget;
  const invalidDate = validFromText !== '' && parseGermanDate(validFromText) === null;
  return (
    <>
      <IdField s={s} id={`${id}-asys`} field="systemId" label={t.systemIdLabel} />
      <FormField
        id={`${id}-asysname`}
        error={errorOf(s, `${id}-asysname`)}
        label={t.systemNameLabel}
      >
        <input
          type="text"
          value={a.systemName ?? ''}
          onChange={(e) => s.setAreaTarget({ ...a, systemName: e.target.value || undefined })}
        />
      </FormField>
      <FormField
        id={`${id}-avalid`}
        label={t.validFrom}
        hint={invalidDate ? null : t.validFromHint}
        error={invalidDate ? t.dateInvalid : errorOf(s, `${id}-avalid`)}
      >
        <input
          type="text"
          inputMode="numeric"
          autoComplete="off"
          value={validFromText}
          onChange={(e) => {
            setValidFromText(e.target.value);
            const v = e.target.value.trim();
            s.setAreaTarget({ ...a, validFrom: v ? (parseGermanDate(v) ?? v) : undefined });
          }}
        />
      </FormField>
    </>
  );
}

/** System: new (id, name, valid from) or existing (select). */
function SystemFields({ s, id }: { s: ImportState; id: string }) {
  const { t } = useI18n();
  const a = s.areaTarget;
  const systems = s.systemsQ.data ?? [];
  return (
    <>
      <ModeRadios
        legend={t.areaSystem}
        name={`${id}-asysmode`}
        value={a.systemMode ?? 'new'}
        labels={{ existing: t.systemExisting, new: t.systemNew }}
        existingDisabled={systems.length === 0}
        onChange={(k) =>
          s.setAreaTarget({
            ...a,
            systemMode: k,
            levelMode: k === 'new' ? 'new' : a.levelMode,
            systemId: k === 'existing' ? systems[0]?.id : undefined,
            levelId: undefined,
            parentLevelId: undefined,
          })
        }
      />
      {a.systemMode === 'existing' ? (
        <FormField
          id={`${id}-asys`}
          error={errorOf(s, `${id}-asys`)}
          label={t.systemChoose}
          className="form-grid-full area-system-field"
        >
          <select
            value={a.systemId ?? ''}
            onChange={(e) =>
              s.setAreaTarget({
                ...a,
                systemId: e.target.value || undefined,
                levelId: undefined,
                parentLevelId: undefined,
              })
            }
          >
            <option value="">{t.pleaseChoose}</option>
            {systems.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name} ({x.id})
              </option>
            ))}
          </select>
        </FormField>
      ) : (
        <NewSystemFields s={s} id={id} />
      )}
    </>
  );
}

/** Level: new (id, German name) or, in an existing system, an existing one. */
function LevelFields({ s, id }: { s: ImportState; id: string }) {
  const { t, lang } = useI18n();
  const a = s.areaTarget;
  const existingSystem = a.systemMode === 'existing';
  const system = (existingSystem && s.systemsQ.data?.find((x) => x.id === a.systemId)) || null;
  return (
    <>
      {existingSystem && (
        <ModeRadios
          legend={t.level}
          name={`${id}-alvlmode`}
          value={a.levelMode ?? 'new'}
          labels={{ existing: t.levelExisting, new: t.levelNew }}
          existingDisabled={!system}
          onChange={(k) =>
            s.setAreaTarget({ ...a, levelMode: k, levelId: undefined, levelNameDe: undefined })
          }
        />
      )}
      {existingSystem && a.levelMode === 'existing' ? (
        <FormField id={`${id}-alvl`} error={errorOf(s, `${id}-alvl`)} label={t.levelChoose}>
          <select
            value={a.levelId ?? ''}
            onChange={(e) => s.setAreaTarget({ ...a, levelId: e.target.value || undefined })}
          >
            <option value="">{t.pleaseChoose}</option>
            {[...(system?.levels ?? [])]
              .sort((x, y) => x.depth - y.depth)
              .map((l) => (
                <option key={l.id} value={l.id}>
                  {levelName(l, lang)} ({l.id})
                </option>
              ))}
          </select>
        </FormField>
      ) : (
        <>
          <IdField s={s} id={`${id}-alvl`} field="levelId" label={t.levelIdLabel} />
          <FormField
            id={`${id}-alvlname`}
            error={errorOf(s, `${id}-alvlname`)}
            label={t.levelNameLabel}
          >
            <input
              type="text"
              value={a.levelNameDe ?? ''}
              onChange={(e) => s.setAreaTarget({ ...a, levelNameDe: e.target.value || undefined })}
            />
          </FormField>
        </>
      )}
    </>
  );
}

export function AreaTargetForm({ s }: { s: ImportState }) {
  const { t, lang } = useI18n();
  // fixed ids: the check's field errors point at them (run-body.ts AREA_FIELDS)
  const id = 'imp';
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
      error={errorOf(s, `${id}-${key}`)}
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
            errors={s.flow.fieldErrors}
            onChange={(next, field) => {
              s.setSource(next);
              s.dispatch({ type: 'fieldEdited', field });
            }}
            hint={t.areaSourceHint}
            title={t.areaSourceTitle}
          />
        </div>
      )}
    </div>
  );
}
