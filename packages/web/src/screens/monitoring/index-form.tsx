// The index editor: derive an own index from the shown definition (indicators, directions and
// weights, standardisation and combination, re-standardisation, class schemes, validity rules, the
// dynamics part and the rules on the matrix), compute it on trial for the shown edition (class
// counts before saving), save it (POST for a
// new id, PUT = next version for a stored one). Refusals come from the server in German; the
// confirmation is shown by the screen, because saving a new id switches the screen to that index.
import { useState } from 'react';
import { ApiError } from '../../api/http.ts';
import {
  type IndexClassCount,
  type IndexEdition,
  type IndexSummary,
  monitoringApi,
} from '../../api/monitoring.ts';
import { formatDate, formatNumber } from '../../lib/core-bridge.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { ClassLabel, CombinationMethod } from '@sozialraum/core';
import {
  applyEdits,
  checkEdits,
  editsFrom,
  type DefinitionEdits,
  type Direction,
  type PartEdits,
  type Standardisation,
} from './edit-definition.ts';
import { ClassSchemeEditor, RulesEditor, ValidityEditor } from './index-form-parts.tsx';

interface InputDef {
  indicatorId: string;
  label: string;
}

export function IndexForm({
  base,
  edition,
  onSaved,
  onClose,
}: {
  base: IndexSummary;
  edition: IndexEdition | null;
  onSaved: (saved: IndexSummary) => void;
  onClose: () => void;
}) {
  const { t, lang } = useI18n();
  const [edits, setEdits] = useState<DefinitionEdits>(() =>
    editsFrom(
      base.definition,
      base.preset ? `${base.id}-eigen` : base.id,
      base.preset ? `${base.label} (eigene Fassung)` : base.label,
    ),
  );
  const [message, setMessage] = useState<{
    kind: 'error' | 'ok';
    text: string;
    list?: string[];
  } | null>(null);
  const [preview, setPreview] = useState<{
    status: IndexClassCount[];
    dynamics: IndexClassCount[];
  } | null>(null);
  const [busy, setBusy] = useState(false);
  const parts = (['status', 'dynamics'] as const)
    .map((k) => ({
      key: k,
      part: base.definition[k] as { label: string; inputs: InputDef[] } | undefined,
    }))
    .filter(
      (p): p is { key: 'status' | 'dynamics'; part: { label: string; inputs: InputDef[] } } =>
        p.part !== undefined,
    );
  const definition = () => applyEdits(base.definition, edits);
  const run = async (fn: () => Promise<void>) => {
    const slips = checkEdits(base.definition, edits);
    if (slips.length > 0) {
      setMessage({ kind: 'error', text: t.monEditCheck, list: slips });
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      await fn();
    } catch (e) {
      setMessage({ kind: 'error', text: e instanceof ApiError ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  };
  const counts = (list: IndexClassCount[]) =>
    list.map((c) => `${c.label} ${formatNumber(c.count, 0, lang)}`).join(', ');
  const setInput = (id: string, patch: Partial<{ use: boolean; direction: Direction }>) =>
    setEdits((e) => ({
      ...e,
      inputs: {
        ...e.inputs,
        [id]: {
          use: e.inputs[id]?.use ?? true,
          direction: e.inputs[id]?.direction ?? 'higher_is_worse',
          ...patch,
        },
      },
    }));
  const update = !base.preset && edits.id.trim() === base.id;
  const setPart = (key: 'status' | 'dynamics', patch: Partial<PartEdits>) =>
    setEdits((e) => {
      const cur = e.parts[key];
      return cur ? { ...e, parts: { ...e.parts, [key]: { ...cur, ...patch } } } : e;
    });
  const classesOf = (key: 'status' | 'dynamics'): ClassLabel[] =>
    edits.parts[key]?.classes?.classes ?? [];

  return (
    <section
      aria-labelledby="mon-form-title"
      style={{ borderBottom: '1px solid #ccc', paddingBottom: 10, marginBottom: 12, fontSize: 13 }}
    >
      <div style={{ display: 'flex', alignItems: 'baseline', gap: 8 }}>
        <h2 id="mon-form-title" style={{ fontSize: 16, margin: 0, flex: 1 }}>
          {t.monEditTitle}
        </h2>
        <button type="button" className="btn btn-small" onClick={onClose}>
          {t.monEditCancel}
        </button>
      </div>
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 8, margin: '8px 0' }}>
        <label style={{ display: 'flex', flexDirection: 'column' }}>
          {t.monEditId}
          <input
            type="text"
            value={edits.id}
            onChange={(e) => setEdits({ ...edits, id: e.target.value })}
            aria-describedby="mon-form-id-hint"
          />
          <span id="mon-form-id-hint" style={{ fontSize: 11, color: '#555' }}>
            {t.monEditIdHint}
          </span>
        </label>
        <label style={{ display: 'flex', flexDirection: 'column' }}>
          {t.monEditLabel}
          <input
            type="text"
            value={edits.label}
            onChange={(e) => setEdits({ ...edits, label: e.target.value })}
          />
        </label>
        <label style={{ display: 'flex', flexDirection: 'column', gridColumn: '1 / 3' }}>
          {t.monEditStandardisation}
          <select
            value={edits.standardisation}
            onChange={(e) =>
              setEdits({ ...edits, standardisation: e.target.value as Standardisation })
            }
          >
            <option value="zscore">{t.monStdZscore}</option>
            <option value="minmax">{t.monStdMinmax}</option>
            <option value="percentile_rank">{t.monStdPercentile}</option>
          </select>
        </label>
      </div>
      {parts.map(({ key, part }) => {
        const pe = edits.parts[key];
        const weighted = pe?.combination === 'weighted_sum';
        return (
          <fieldset
            key={key}
            style={{ border: '1px solid #ddd', margin: '6px 0', padding: '4px 8px' }}
          >
            <legend style={{ fontWeight: 600 }}>{part.label}</legend>
            <div style={{ fontWeight: 600, marginTop: 2 }}>{t.monEditInputs}</div>
            {part.inputs.map((i) => {
              const cur = edits.inputs[i.indicatorId];
              return (
                <div
                  key={i.indicatorId}
                  style={{
                    display: 'flex',
                    flexWrap: 'wrap',
                    alignItems: 'center',
                    gap: 8,
                    margin: '2px 0',
                  }}
                >
                  <label style={{ flex: 1, minWidth: 0 }}>
                    <input
                      type="checkbox"
                      checked={cur?.use ?? true}
                      onChange={(e) => setInput(i.indicatorId, { use: e.target.checked })}
                    />{' '}
                    {i.label}
                  </label>
                  <select
                    aria-label={`${i.label}: ${t.monDirWorse} / ${t.monDirBetter}`}
                    value={cur?.direction ?? 'higher_is_worse'}
                    disabled={cur?.use === false}
                    onChange={(e) =>
                      setInput(i.indicatorId, { direction: e.target.value as Direction })
                    }
                  >
                    <option value="higher_is_worse">{t.monDirWorse}</option>
                    <option value="higher_is_better">{t.monDirBetter}</option>
                  </select>
                  {pe && weighted && (
                    <label style={{ whiteSpace: 'nowrap' }}>
                      {t.monEditWeight}{' '}
                      <input
                        type="number"
                        min={0}
                        step="any"
                        style={{ width: 60 }}
                        disabled={cur?.use === false}
                        value={
                          Number.isFinite(pe.weights[i.indicatorId] ?? NaN)
                            ? pe.weights[i.indicatorId]
                            : ''
                        }
                        onChange={(e) =>
                          setPart(key, {
                            weights: {
                              ...pe.weights,
                              [i.indicatorId]: e.target.value === '' ? NaN : Number(e.target.value),
                            },
                          })
                        }
                      />
                    </label>
                  )}
                </div>
              );
            })}
            {pe && (
              <div
                style={{
                  display: 'flex',
                  flexWrap: 'wrap',
                  gap: 12,
                  alignItems: 'center',
                  margin: '6px 0',
                }}
              >
                <label>
                  {t.monEditCombination}{' '}
                  <select
                    value={pe.combination}
                    onChange={(e) =>
                      setPart(key, { combination: e.target.value as CombinationMethod })
                    }
                  >
                    <option value="sum">{t.monCombSum}</option>
                    <option value="mean">{t.monCombMean}</option>
                    <option value="weighted_sum">{t.monCombWeighted}</option>
                  </select>
                </label>
                <label>
                  <input
                    type="checkbox"
                    checked={pe.restandardise}
                    onChange={(e) => setPart(key, { restandardise: e.target.checked })}
                  />{' '}
                  {t.monEditRestandardise}
                </label>
                {pe.periodYears !== undefined && (
                  <label>
                    {t.monPeriodYears}{' '}
                    <input
                      type="number"
                      min={1}
                      step={1}
                      style={{ width: 50 }}
                      value={Number.isFinite(pe.periodYears) ? pe.periodYears : ''}
                      onChange={(e) =>
                        setPart(key, {
                          periodYears: e.target.value === '' ? NaN : Number(e.target.value),
                        })
                      }
                    />
                  </label>
                )}
              </div>
            )}
            {pe?.classes && (
              <>
                <div style={{ fontWeight: 600 }}>{t.monEditClasses}</div>
                <ClassSchemeEditor
                  scheme={pe.classes}
                  partLabel={part.label}
                  onChange={(classes) => setPart(key, { classes })}
                />
              </>
            )}
          </fieldset>
        );
      })}
      <ValidityEditor
        minPopulation={edits.minPopulation}
        exclusions={edits.exclusions}
        onChange={(patch) => setEdits((e) => ({ ...e, ...patch }))}
      />
      {(edits.rules.length > 0 || base.definition.matrix !== undefined) && (
        <RulesEditor
          rules={edits.rules}
          statusClasses={classesOf('status')}
          dynamicsClasses={classesOf('dynamics')}
          onChange={(rules) => setEdits((e) => ({ ...e, rules }))}
        />
      )}
      <div style={{ display: 'flex', gap: 8, marginTop: 8 }}>
        <button
          type="button"
          className="btn"
          disabled={busy || !edition}
          onClick={() =>
            void run(async () => {
              const r = await monitoringApi.previewIndex(definition(), edition!);
              setPreview({ status: r.counts.status, dynamics: r.counts.dynamics });
            })
          }
        >
          {t.monEditPreview}
        </button>
        <button
          type="button"
          className="btn btn-primary"
          disabled={busy}
          onClick={() =>
            void run(async () => {
              const saved = await monitoringApi.saveIndex(definition(), {
                update,
                basedOn: base.preset ? base.id : (base.basedOn ?? undefined),
                ...(edition ? { check: edition } : {}),
              });
              onSaved(saved);
            })
          }
        >
          {update ? t.monEditSaveVersion : t.monEditSave}
        </button>
      </div>
      {preview && edition && (
        <p style={{ margin: '6px 0 0' }}>
          {t.monEditPreviewResult(formatDate(edition.date, lang))} {t.monStatusClass}:{' '}
          {counts(preview.status)}
          {preview.dynamics.length > 0
            ? `; ${t.monDynamicsClass}: ${counts(preview.dynamics)}`
            : ''}
        </p>
      )}
      {message && (
        <div
          role={message.kind === 'error' ? 'alert' : 'status'}
          style={{
            margin: '6px 0 0',
            color: message.kind === 'error' ? '#a4161a' : '#1b5e20',
            fontWeight: 600,
          }}
        >
          {message.text}
          {message.list && (
            <ul style={{ margin: '4px 0 0', fontWeight: 400 }}>
              {message.list.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
