// Setting up supply on /versorgung (supply.configure): the target population of the chosen service
// type as a choice of count indicators (their sum), the tenant's indicator of all residents
// (residents-form.tsx), and storing the ratio as an indicator of the catalogue with the stand it
// was computed from. The server checks every indicator and answers with a message the form shows.
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { indicatorsApi } from '../../api/indicators.ts';
import { ApiError } from '../../api/http.ts';
import { supplyApi } from '../../api/supply.ts';
import { Link } from '../../components/link.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { formatDate } from '../../lib/core-bridge.ts';
import { useFetch } from '../../lib/use-fetch.ts';
import { ResidentsForm } from './residents-form.tsx';
import './supply-setup.css';

type Message = { ok: boolean; text: string } | null;

const errorText = (err: unknown) => (err instanceof ApiError ? err.message : String(err));

function FormMessage({ message }: { message: Message }) {
  if (!message) return null;
  return (
    <p className={message.ok ? 'form-ok' : 'field-error'} role={message.ok ? 'status' : 'alert'}>
      {message.text}
    </p>
  );
}

/** The target population of one service type: count indicators whose sum it is. */
function TargetForm({ serviceType, onSaved }: { serviceType: string; onSaved: () => void }) {
  const { t, lang } = useI18n();
  const id = useId();
  const targets = useFetch(() => supplyApi.targets(), []);
  const catalogue = useFetch(() => indicatorsApi.indicators(), []);
  const current = targets.data?.find((x) => x.serviceType === serviceType);
  const [chosen, setChosen] = useState<string[]>([]);
  const [message, setMessage] = useState<Message>(null);
  useEffect(() => setChosen(current?.indicatorIds ?? []), [current]);
  const options = useMemo(
    () =>
      (catalogue.data ?? []).filter(
        (i) => (i.kind === 'count' && i.dimension === 'demography') || chosen.includes(i.id),
      ),
    [catalogue.data, chosen],
  );
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await supplyApi.setTarget(serviceType, chosen);
      setMessage({ ok: true, text: t.supplyTargetSaved });
      targets.reload();
      onSaved();
    } catch (err) {
      setMessage({ ok: false, text: errorText(err) });
    }
  };
  const age = current?.targetAge;
  return (
    <form onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t.supplyTargetHeading(current?.name ?? serviceType)}</h3>
      <p className="field-hint">
        {age ? t.supplyTarget(age.min, age.max) : t.supplyTargetAll}. {t.supplyTargetHint}
      </p>
      <fieldset className="supply-target-options">
        <legend className="field-label">{t.supplyTargetIndicators}</legend>
        {options.map((i) => (
          <label key={i.id} className="checkbox">
            <input
              type="checkbox"
              checked={chosen.includes(i.id)}
              onChange={(e) =>
                setChosen((c) => (e.target.checked ? [...c, i.id] : c.filter((x) => x !== i.id)))
              }
            />
            <span>
              {lang === 'en' ? i.nameEn : i.nameDe} <small>{i.id}</small>
            </span>
          </label>
        ))}
      </fieldset>
      <button type="submit" className="btn btn-primary">
        {t.supplyTargetSave}
      </button>
      <FormMessage message={message} />
    </form>
  );
}

/** Storing the ratio of the type as an indicator, with when and from what it was last computed. */
function IndicatorForm({ serviceType }: { serviceType: string }) {
  const { t, lang } = useI18n();
  const stored = useFetch(() => supplyApi.indicators(), []);
  const mine = stored.data?.find((x) => x.serviceType === serviceType);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message>(null);
  const store = async () => {
    setBusy(true);
    try {
      const r = await supplyApi.storeIndicator(serviceType);
      setMessage({
        ok: true,
        text: t.supplyIndicatorStored(r.name, r.observations, formatDate(r.refDate, lang)),
      });
      stored.reload();
    } catch (err) {
      setMessage({ ok: false, text: errorText(err) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="supply-indicator">
      <h3>{t.supplyIndicatorHeading}</h3>
      <p>
        {mine ? (
          <>
            {t.supplyIndicatorState(
              formatDate(mine.refDate, lang),
              mine.directoryStand ? formatDate(mine.directoryStand, lang) : '–',
              formatDate(mine.computedAt.slice(0, 10), lang),
            )}{' '}
            <Link href={`/karte?indicator=${encodeURIComponent(mine.indicatorId)}`}>
              {t.supplyIndicatorOnMap}
            </Link>
          </>
        ) : (
          t.supplyIndicatorNone
        )}
      </p>
      <p className="field-hint">{t.supplyIndicatorHint}</p>
      <button type="button" className="btn" disabled={busy} onClick={() => void store()}>
        {mine ? t.supplyIndicatorRefresh : t.supplyIndicatorStore}
      </button>
      <FormMessage message={message} />
    </div>
  );
}

/** The setup panel of the chosen service type (shown to holders of supply.configure). */
export function SupplySetup({
  serviceType,
  onSaved,
}: {
  serviceType: string;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  return (
    <details className="supply-setup">
      <summary>{t.supplySetup}</summary>
      <TargetForm serviceType={serviceType} onSaved={onSaved} />
      <ResidentsForm onSaved={onSaved} />
      <IndicatorForm serviceType={serviceType} />
    </details>
  );
}
