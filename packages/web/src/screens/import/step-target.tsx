// Step 3 — the area target: for a table the area system and level its values belong to; for
// geometries the new or existing system and level (area-target-form.tsx).
import { useId } from 'react';
import { FormField } from '../../components/form-field.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { levelName } from '../../lib/labels.ts';
import { Loading } from '../../components/status.tsx';
import { AreaTargetForm } from './area-target-form.tsx';
import { fieldIds } from './table-form.ts';
import type { ImportState } from './use-import.ts';

/** The message of a field error, or null. */
export function errorOf(s: ImportState, field: string): string | null {
  return s.flow.fieldErrors.find((e) => e.field === field)?.message ?? null;
}

function TableTarget({ s }: { s: ImportState }) {
  const { t, lang } = useI18n();
  const system = s.systemsQ.data?.find((x) => x.id === s.target.systemId) ?? null;
  return (
    <div className="form-grid">
      <FormField id={fieldIds.system} label={t.targetSystem} error={errorOf(s, fieldIds.system)}>
        <select
          value={s.target.systemId}
          onChange={(e) => {
            s.setTarget({ systemId: e.target.value, levelId: '' });
            s.dispatch({ type: 'fieldEdited', field: fieldIds.system });
          }}
        >
          <option value="">{t.pleaseChoose}</option>
          {(s.systemsQ.data ?? []).map((x) => (
            <option key={x.id} value={x.id}>
              {x.name}
            </option>
          ))}
        </select>
      </FormField>
      <FormField
        id={fieldIds.level}
        label={t.targetLevel}
        error={errorOf(s, fieldIds.level)}
        hint={s.isTable && s.form.areaKey === 'name' ? t.impLevelNamesHint : null}
      >
        <select
          value={s.target.levelId}
          onChange={(e) => {
            s.setTarget({ ...s.target, levelId: e.target.value });
            s.dispatch({ type: 'fieldEdited', field: fieldIds.level });
          }}
        >
          <option value="">{t.pleaseChoose}</option>
          {(system?.levels ?? []).map((l) => (
            <option key={l.id} value={l.id}>
              {levelName(l, lang)}
            </option>
          ))}
        </select>
      </FormField>
    </div>
  );
}

export function StepTarget({ s }: { s: ImportState }) {
  const { t } = useI18n();
  const id = useId();
  if (!s.analysis) return null;
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>3. {s.isTable ? t.impTargetTable : t.mapping}</h2>
      {s.systemsQ.data === null && s.systemsQ.status === 'loading' && <Loading />}
      {s.isTable ? <TableTarget s={s} /> : <AreaTargetForm s={s} />}
    </section>
  );
}
