// /massnahmen/neu and /massnahmen/:id/bearbeiten — the measure form. The server checks every
// right and id again; the form offers only the departments the person may write for.
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/http.ts';
import { areasApi } from '../../api/areas.ts';
import {
  measuresApi,
  type MeasureDetail,
  type MeasureInput,
  type MeasureOptions,
} from '../../api/measures.ts';
import { FormField } from '../../components/form-field.tsx';
import { Link } from '../../components/link.tsx';
import { ErrorState, Loading } from '../../components/status.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useAuth } from '../../lib/auth.tsx';
import { DIMENSION_ORDER, dimensionLabel } from '../../lib/labels.ts';
import { navigate } from '../../lib/router.ts';
import { useFetch } from '../../lib/use-fetch.ts';
import {
  AreaPicker,
  GoalsEditor,
  MilestonesEditor,
  parseDecimal,
  type AreaChoice,
  type GoalDraft,
  type MilestoneDraft,
} from './form-parts.tsx';
import { MEASURE_STATUS_IDS, measureUrl, statusLabel } from './labels.ts';
import {
  CitywideField,
  LocationField,
  NO_LOCATION,
  locationFromDetail,
  parseLocation,
  type LocationDraft,
} from './location-field.tsx';

interface Draft {
  title: string;
  description: string;
  status: string;
  visibility: 'public' | 'internal';
  departmentId: string;
  organisationIds: string[];
  lebenslagen: string[];
  targetGroups: string;
  start: string;
  end: string;
  parentId: string;
  progress: string;
  areas: AreaChoice[];
  citywide: boolean;
  location: LocationDraft;
  /** The alert the measure is created from (?hinweis=), only when creating. */
  alertId: string | null;
  milestones: MilestoneDraft[];
  goals: GoalDraft[];
}

function fromDetail(m: MeasureDetail): Draft {
  return {
    title: m.title,
    description: m.description,
    status: m.status,
    visibility: m.visibility,
    departmentId: m.departmentId ?? '',
    organisationIds: m.organisations.map((o) => o.id),
    lebenslagen: m.lebenslagen,
    targetGroups: m.targetGroups.join(', '),
    start: m.start ?? '',
    end: m.end ?? '',
    parentId: m.parentId ?? '',
    progress: m.enteredProgress === null ? '' : String(m.enteredProgress),
    areas: m.areas,
    citywide: m.citywide,
    location: locationFromDetail(m.geometry),
    alertId: null,
    milestones: m.milestones.map((s) => ({
      title: s.title,
      dueDate: s.dueDate ?? '',
      weight: String(s.weight),
      done: s.done,
    })),
    goals: m.goals.map((g) => ({
      indicatorId: g.indicatorId,
      areaId: String(g.areaId),
      targetValue: String(g.target.value).replace('.', ','),
      targetDate: g.target.date,
    })),
  };
}

/** The areas a stored city-wide measure's goals already name (offered again when editing). */
function goalAreasOf(m: MeasureDetail | null | undefined): AreaChoice[] {
  const out: AreaChoice[] = [];
  for (const g of m?.goals ?? [])
    if (!out.some((a) => a.id === g.areaId)) out.push({ id: g.areaId, name: g.areaName, code: '' });
  return out;
}

function toInput(d: Draft, geometry: MeasureInput['geometry']): MeasureInput {
  return {
    title: d.title,
    description: d.description,
    status: d.status as MeasureInput['status'],
    visibility: d.visibility,
    departmentId: d.departmentId || null,
    organisationIds: d.organisationIds,
    lebenslagen: d.lebenslagen as MeasureInput['lebenslagen'],
    targetGroups: d.targetGroups
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    start: d.start || null,
    end: d.end || null,
    parentId: d.parentId || null,
    progress: parseDecimal(d.progress),
    areaIds: d.citywide ? [] : d.areas.map((a) => a.id),
    citywide: d.citywide,
    geometry,
    alertId: d.alertId,
    milestones: d.milestones.map((m) => ({
      title: m.title,
      dueDate: m.dueDate || null,
      weight: parseDecimal(m.weight) ?? 1,
      done: m.done,
    })),
    goals: d.goals.map((g) => ({
      indicatorId: g.indicatorId,
      areaId: Number(g.areaId),
      targetValue: parseDecimal(g.targetValue) ?? Number.NaN,
      targetDate: g.targetDate,
    })),
  };
}

const EMPTY: Draft = {
  title: '',
  description: '',
  status: 'planned',
  visibility: 'internal',
  departmentId: '',
  organisationIds: [],
  lebenslagen: [],
  targetGroups: '',
  start: '',
  end: '',
  parentId: '',
  progress: '',
  areas: [],
  citywide: false,
  location: NO_LOCATION,
  alertId: null,
  milestones: [],
  goals: [],
};

interface FieldProps {
  draft: Draft;
  set: (patch: Partial<Draft>) => void;
  options: MeasureOptions;
}

/** Title, description, status, visibility, department, period, parent, entered progress. */
function BasicFields({ draft, set, options: o, id }: FieldProps & { id: string | null }) {
  const { t } = useI18n();
  const departments = o.editableDepartments.includes('*')
    ? o.departments
    : o.departments.filter(
        (d) => o.editableDepartments.includes(d.id) || d.id === draft.departmentId,
      );
  return (
    <>
      <FormField label={t.msFormTitle}>
        <input
          value={draft.title}
          onChange={(e) => set({ title: e.target.value })}
          required
          maxLength={200}
        />
      </FormField>
      <FormField label={t.msDescription}>
        <textarea
          rows={3}
          value={draft.description}
          onChange={(e) => set({ description: e.target.value })}
        />
      </FormField>
      <div className="ms-grid">
        <FormField label={t.msStatus}>
          <select value={draft.status} onChange={(e) => set({ status: e.target.value })}>
            {MEASURE_STATUS_IDS.map((s) => (
              <option key={s} value={s}>
                {statusLabel(t, s)}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label={t.msVisibility}>
          <select
            value={draft.visibility}
            onChange={(e) => set({ visibility: e.target.value as Draft['visibility'] })}
          >
            <option value="internal">{t.msInternal}</option>
            <option value="public">{t.msPublic}</option>
          </select>
        </FormField>
        <FormField label={t.msDepartment}>
          <select
            value={draft.departmentId}
            onChange={(e) => set({ departmentId: e.target.value })}
          >
            <option value="">{t.msNoDepartment}</option>
            {departments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label={t.msStart}>
          <input type="date" value={draft.start} onChange={(e) => set({ start: e.target.value })} />
        </FormField>
        <FormField label={t.msEnd}>
          <input type="date" value={draft.end} onChange={(e) => set({ end: e.target.value })} />
        </FormField>
        <FormField label={t.msFormParent}>
          <select value={draft.parentId} onChange={(e) => set({ parentId: e.target.value })}>
            <option value="">{t.msFormNoParent}</option>
            {o.parents
              .filter((p) => p.id !== id)
              .map((p) => (
                <option key={p.id} value={p.id}>
                  {p.title}
                </option>
              ))}
          </select>
        </FormField>
        <FormField label={t.msFormProgress}>
          <input
            inputMode="decimal"
            value={draft.progress}
            onChange={(e) => set({ progress: e.target.value })}
          />
        </FormField>
      </div>
    </>
  );
}

/** Lebenslagen, target groups and organisations. */
function ChoiceFields({ draft, set, options: o }: FieldProps) {
  const { t, lang } = useI18n();
  const toggle = (list: string[], v: string) =>
    list.includes(v) ? list.filter((x) => x !== v) : [...list, v];
  return (
    <>
      <fieldset className="ms-fieldset">
        <legend>{t.msLebenslagen}</legend>
        <div className="ms-checks">
          {DIMENSION_ORDER.filter((d) => d !== 'social_index').map((d) => (
            <label key={d} className="ms-check">
              <input
                type="checkbox"
                checked={draft.lebenslagen.includes(d)}
                onChange={() => set({ lebenslagen: toggle(draft.lebenslagen, d) })}
              />
              <span>{dimensionLabel(d, lang)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <FormField label={t.msTargetGroups} hint={t.msTargetGroupsHint}>
        <input value={draft.targetGroups} onChange={(e) => set({ targetGroups: e.target.value })} />
      </FormField>
      {o.organisations.length > 0 && (
        <fieldset className="ms-fieldset">
          <legend>{t.msOrganisations}</legend>
          <div className="ms-checks">
            {o.organisations.map((org) => (
              <label key={org.id} className="ms-check">
                <input
                  type="checkbox"
                  checked={draft.organisationIds.includes(org.id)}
                  onChange={() => set({ organisationIds: toggle(draft.organisationIds, org.id) })}
                />
                <span>{org.name}</span>
              </label>
            ))}
          </div>
        </fieldset>
      )}
    </>
  );
}

export function MeasureForm({ id, search }: { id: string | null; search: string }) {
  const { t } = useI18n();
  const auth = useAuth();
  const options = useFetch(() => measuresApi.options(), []);
  const existing = useFetch(id ? () => measuresApi.get(id) : null, [id]);
  const [draft, setDraft] = useState<Draft | null>(id ? null : EMPTY);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const params = new URLSearchParams(search);
  const presetArea = Number(params.get('gebiet')) || null;
  const presetAlert = /^\d{1,9}$/.test(params.get('hinweis') ?? '') ? params.get('hinweis') : null;
  const presetIndicator = params.get('indikator');
  useEffect(() => {
    if (!id && presetAlert) setDraft((d) => (d ? { ...d, alertId: presetAlert } : d));
  }, [id, presetAlert]);
  useEffect(() => {
    if (existing.data && !draft) setDraft(fromDetail(existing.data));
  }, [existing.data]);
  useEffect(() => {
    if (id || !presetArea) return;
    areasApi.area(presetArea).then(
      (a) =>
        setDraft((d) =>
          d && d.areas.length === 0
            ? {
                ...d,
                areas: [{ id: a.id, name: a.name, code: a.code }],
                // from an alert on an indicator: a goal on it in this area, the target to fill in
                goals:
                  presetIndicator && d.goals.length === 0
                    ? [
                        {
                          indicatorId: presetIndicator,
                          areaId: String(a.id),
                          targetValue: '',
                          targetDate: '',
                        },
                      ]
                    : d.goals,
              }
            : d,
        ),
      () => undefined,
    );
  }, [id, presetArea, presetIndicator]);
  useEffect(() => {
    const own = auth.me?.user?.departmentId ?? null;
    if (!id && own) setDraft((d) => (d && !d.departmentId ? { ...d, departmentId: own } : d));
  }, [id, auth.me]);
  if (options.status === 'error')
    return <ErrorState error={options.error} what={t.msTitle} onRetry={options.reload} />;
  if (existing.status === 'error') return <ErrorState error={existing.error} what={t.msTitle} />;
  if (!options.data || !draft) return <Loading />;
  const o = options.data;
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (draft.goals.some((g) => parseDecimal(g.targetValue) === null))
      return setError(t.msFormNumber);
    const location = parseLocation(draft.location, {
      bad: t.msLocationBadLine,
      one: t.msLocationOnePoint,
      two: t.msLocationTwoPoints,
    });
    if (location.error !== null) return setError(location.error);
    setSaving(true);
    setError(null);
    try {
      const body = toInput(draft, location.geometry);
      const res = id ? await measuresApi.update(id, body) : await measuresApi.create(body);
      navigate(measureUrl(res.id));
    } catch (err) {
      setError(err instanceof ApiError || err instanceof Error ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };
  return (
    <div className="page ms-page">
      <p>
        <Link href={id ? measureUrl(id) : '/massnahmen'}>{t.msBack}</Link>
      </p>
      <h1>{id ? t.msFormEdit(existing.data?.title ?? '') : t.msFormNew}</h1>
      <form className="ms-form" onSubmit={submit} noValidate>
        {draft.alertId && (
          <p className="ms-from-alert">
            {t.msFromAlert}{' '}
            <Link href={`/hinweise#hinweis-${draft.alertId}`}>
              {t.msFromAlertLink(draft.alertId)}
            </Link>
          </p>
        )}
        <BasicFields draft={draft} set={set} options={o} id={id} />
        <CitywideField
          citywide={draft.citywide}
          onChange={(citywide) =>
            set({
              citywide,
              areas: [],
              // the goals stay; their areas are chosen again (city-wide: any area of the city)
              goals: draft.goals.map((g) => ({ ...g, areaId: '' })),
            })
          }
        />
        {!draft.citywide && <AreaPicker areas={draft.areas} onChange={(areas) => set({ areas })} />}
        <LocationField
          value={draft.location}
          areas={draft.citywide ? [] : draft.areas}
          onChange={(location) => set({ location })}
        />
        <ChoiceFields draft={draft} set={set} options={o} />
        <MilestonesEditor items={draft.milestones} onChange={(milestones) => set({ milestones })} />
        <GoalsEditor
          items={draft.goals}
          areas={draft.citywide ? goalAreasOf(existing.data) : draft.areas}
          citywide={draft.citywide}
          start={draft.start}
          onChange={(goals) => set({ goals })}
        />
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="ms-actions">
          <button type="submit" className="btn btn-primary" disabled={saving}>
            {saving ? t.msFormSaving : t.msFormSave}
          </button>
          <Link href={id ? measureUrl(id) : '/massnahmen'} className="btn">
            {t.msFormCancel}
          </Link>
        </div>
      </form>
    </div>
  );
}
