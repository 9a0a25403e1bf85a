// Parts of the index editor: the class scheme (boundaries with explicit inclusivity, codes and
// labels), the validity rules (minimum population, exclusions with reasons) and the rules on the
// status × dynamics matrix. State changes go through the pure helpers in edit-definition.ts.
import type { AreaExclusion, ClassLabel, ClassScheme, MatrixRule } from '@sozialraum/core';
import { useI18n } from '../../i18n/index.tsx';
import { addClass, changeSchemeKind, removeClass } from './edit-definition.ts';

const row = {
  display: 'flex',
  flexWrap: 'wrap',
  alignItems: 'center',
  gap: 6,
  margin: '2px 0',
} as const;
const small = { fontSize: 11, color: '#555' } as const;

/** A number input that reports NaN for an empty or unreadable field (the pre-check names it). */
function NumberField({
  value,
  onChange,
  label,
  step,
  width = 70,
}: {
  value: number;
  onChange: (v: number) => void;
  label: string;
  step?: number;
  width?: number;
}) {
  return (
    <input
      type="number"
      aria-label={label}
      step={step ?? 'any'}
      value={Number.isFinite(value) ? value : ''}
      style={{ width }}
      onChange={(e) => onChange(e.target.value === '' ? NaN : Number(e.target.value))}
    />
  );
}

export function ClassSchemeEditor({
  scheme,
  partLabel,
  onChange,
}: {
  scheme: ClassScheme;
  partLabel: string;
  onChange: (s: ClassScheme) => void;
}) {
  const { t } = useI18n();
  const setClass = (k: number, patch: Partial<ClassLabel>) =>
    onChange({
      ...scheme,
      classes: scheme.classes.map((c, i) => (i === k ? { ...c, ...patch } : c)),
    });
  const setBoundary = (k: number, patch: Partial<ClassScheme['boundaries'][number]>) =>
    onChange({
      ...scheme,
      boundaries: scheme.boundaries.map((b, i) => (i === k ? { ...b, ...patch } : b)),
    });
  return (
    <div style={{ margin: '6px 0' }}>
      <label style={row}>
        {t.monSchemeKind}
        <select
          value={scheme.kind}
          onChange={(e) =>
            onChange(changeSchemeKind(scheme, e.target.value as ClassScheme['kind']))
          }
        >
          <option value="sd">{t.monSchemeSd}</option>
          <option value="quantile">{t.monSchemeQuantile}</option>
          <option value="fixed">{t.monSchemeFixed}</option>
        </select>
      </label>
      <ol style={{ margin: '4px 0', paddingLeft: 20 }}>
        {scheme.classes.map((c, k) => (
          <li key={k}>
            <div style={row}>
              <input
                type="text"
                aria-label={`${partLabel}, ${t.monEditClasses} ${k + 1}: ${t.monClassCode}`}
                placeholder={t.monClassCode}
                value={c.code}
                style={{ width: 48 }}
                onChange={(e) => setClass(k, { code: e.target.value })}
              />
              <input
                type="text"
                aria-label={`${partLabel}, ${t.monEditClasses} ${k + 1}: ${t.monClassLabel}`}
                placeholder={t.monClassLabel}
                value={c.label}
                style={{ flex: 1, minWidth: 0 }}
                onChange={(e) => setClass(k, { label: e.target.value })}
              />
              <button
                type="button"
                className="btn btn-small"
                disabled={scheme.classes.length <= 2}
                onClick={() => onChange(removeClass(scheme, k))}
              >
                {t.monRemove}
              </button>
            </div>
            {k < scheme.boundaries.length && (
              <div style={{ ...row, marginLeft: 16, ...small }}>
                {t.monBoundary(k + 1)}
                <NumberField
                  label={`${partLabel}: ${t.monBoundary(k + 1)}`}
                  value={scheme.boundaries[k]?.value ?? NaN}
                  step={scheme.kind === 'quantile' ? 0.05 : 0.1}
                  onChange={(v) => setBoundary(k, { value: v })}
                />
                <select
                  style={{ maxWidth: '100%' }}
                  aria-label={`${partLabel}: ${t.monBoundary(k + 1)}`}
                  value={scheme.boundaries[k]?.onBoundary ?? 'lower'}
                  onChange={(e) =>
                    setBoundary(k, { onBoundary: e.target.value as 'lower' | 'upper' })
                  }
                >
                  <option value="lower">{t.monOnBoundaryLower}</option>
                  <option value="upper">{t.monOnBoundaryUpper}</option>
                </select>
              </div>
            )}
          </li>
        ))}
      </ol>
      <button type="button" className="btn btn-small" onClick={() => onChange(addClass(scheme))}>
        {t.monAddClass}
      </button>
    </div>
  );
}

export function ValidityEditor({
  minPopulation,
  exclusions,
  onChange,
}: {
  minPopulation: number | null;
  exclusions: AreaExclusion[];
  onChange: (patch: { minPopulation?: number | null; exclusions?: AreaExclusion[] }) => void;
}) {
  const { t } = useI18n();
  const setExclusion = (k: number, patch: Partial<AreaExclusion>) =>
    onChange({ exclusions: exclusions.map((e, i) => (i === k ? { ...e, ...patch } : e)) });
  return (
    <fieldset style={{ border: '1px solid #ddd', margin: '6px 0', padding: '4px 8px' }}>
      <legend style={{ fontWeight: 600 }}>{t.monValidity}</legend>
      <label style={row}>
        {t.monMinPopulation}
        <input
          type="number"
          min={0}
          step={1}
          value={minPopulation ?? ''}
          style={{ width: 80 }}
          onChange={(e) =>
            onChange({ minPopulation: e.target.value === '' ? null : Number(e.target.value) })
          }
        />
      </label>
      <div style={{ marginTop: 4 }}>{t.monExclusions}</div>
      {exclusions.map((e, k) => (
        <div key={k} style={row}>
          <input
            type="text"
            aria-label={`${t.monExclusions} ${k + 1}: ${t.monExclusionArea}`}
            placeholder={t.monExclusionArea}
            value={e.areaId}
            style={{ width: 100 }}
            onChange={(ev) => setExclusion(k, { areaId: ev.target.value })}
          />
          <input
            type="text"
            aria-label={`${t.monExclusions} ${k + 1}: ${t.monExclusionReason}`}
            placeholder={t.monExclusionReason}
            value={e.reason}
            style={{ flex: 1, minWidth: 0 }}
            onChange={(ev) => setExclusion(k, { reason: ev.target.value })}
          />
          <button
            type="button"
            className="btn btn-small"
            onClick={() => onChange({ exclusions: exclusions.filter((_, i) => i !== k) })}
          >
            {t.monRemove}
          </button>
        </div>
      ))}
      <button
        type="button"
        className="btn btn-small"
        onClick={() => onChange({ exclusions: [...exclusions, { areaId: '', reason: '' }] })}
      >
        {t.monAddExclusion}
      </button>
    </fieldset>
  );
}

function CodeChecks({
  classes,
  selected,
  label,
  onChange,
}: {
  classes: ClassLabel[];
  selected: string[];
  label: string;
  onChange: (codes: string[]) => void;
}) {
  return (
    <span role="group" aria-label={label} style={{ display: 'inline-flex', gap: 6 }}>
      {classes.map((c) => (
        <label key={c.code} style={{ whiteSpace: 'nowrap' }}>
          <input
            type="checkbox"
            checked={selected.includes(c.code)}
            onChange={(e) =>
              onChange(
                e.target.checked ? [...selected, c.code] : selected.filter((x) => x !== c.code),
              )
            }
          />{' '}
          {c.label}
        </label>
      ))}
    </span>
  );
}

export function RulesEditor({
  rules,
  statusClasses,
  dynamicsClasses,
  onChange,
}: {
  rules: MatrixRule[];
  statusClasses: ClassLabel[];
  dynamicsClasses: ClassLabel[];
  onChange: (rules: MatrixRule[]) => void;
}) {
  const { t } = useI18n();
  const setRule = (k: number, r: MatrixRule) => onChange(rules.map((x, i) => (i === k ? r : x)));
  return (
    <fieldset style={{ border: '1px solid #ddd', margin: '6px 0', padding: '4px 8px' }}>
      <legend style={{ fontWeight: 600 }}>{t.monRules}</legend>
      <div style={small}>{t.monRuleHint}</div>
      {rules.map((r, k) => (
        <div key={r.id} style={{ borderTop: k > 0 ? '1px dotted #ccc' : 'none', padding: '4px 0' }}>
          <div style={row}>
            <input
              type="text"
              aria-label={t.monRuleLabel}
              value={r.label}
              style={{ flex: 1, minWidth: 0 }}
              onChange={(e) => setRule(k, { ...r, label: e.target.value })}
            />
            <button
              type="button"
              className="btn btn-small"
              onClick={() => onChange(rules.filter((_, i) => i !== k))}
            >
              {t.monRemove}
            </button>
          </div>
          {r.when.map((w, c) => {
            const setWhen = (patch: Partial<MatrixRule['when'][number]>) => {
              const next = { ...w, ...patch };
              if (next.dynamics && next.dynamics.length === 0) delete next.dynamics;
              setRule(k, { ...r, when: r.when.map((x, i) => (i === c ? next : x)) });
            };
            return (
              <div key={c} style={{ ...row, flexWrap: 'wrap', marginLeft: 12 }}>
                {t.monRuleCondition(c + 1)}
                <CodeChecks
                  classes={statusClasses}
                  selected={w.status}
                  label={`${r.label}, ${t.monRuleCondition(c + 1)}`}
                  onChange={(status) => setWhen({ status })}
                />
                {dynamicsClasses.length > 0 && (
                  <>
                    <span style={small}>{t.monRuleDynamics}</span>
                    <CodeChecks
                      classes={dynamicsClasses}
                      selected={w.dynamics ?? []}
                      label={`${r.label}, ${t.monRuleDynamics}`}
                      onChange={(dynamics) => setWhen({ dynamics })}
                    />
                  </>
                )}
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() => setRule(k, { ...r, when: r.when.filter((_, i) => i !== c) })}
                >
                  {t.monRemove}
                </button>
              </div>
            );
          })}
          <button
            type="button"
            className="btn btn-small"
            style={{ marginLeft: 12 }}
            onClick={() => setRule(k, { ...r, when: [...r.when, { status: [] }] })}
          >
            {t.monAddCondition}
          </button>
        </div>
      ))}
      <button
        type="button"
        className="btn btn-small"
        onClick={() => {
          let n = rules.length + 1;
          while (rules.some((r) => r.id === `regel_${n}`)) n++;
          onChange([...rules, { id: `regel_${n}`, label: '', when: [{ status: [] }] }]);
        }}
      >
        {t.monAddRule}
      </button>
    </fieldset>
  );
}
