// Attendance of a meeting (issue 14 § 1), for organisers: the registered people and the body's
// current members with an account, ticked when present; saving records everyone else as absent.
import { useState } from 'react';
import { conferencesApi, type ConferenceMeetingDetail } from '../../api/conferences.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useFetch } from '../../lib/use-fetch.ts';

type Update = (run: () => Promise<ConferenceMeetingDetail>) => Promise<void>;

interface Person {
  userId: number;
  name: string;
  registered: boolean;
}

/** Registered people first, then current members with an account who did not register. */
export function attendanceCandidates(
  m: ConferenceMeetingDetail,
  members: { userId: number | null; name: string; validFrom: string; validTo: string | null }[],
): Person[] {
  const day = m.start.slice(0, 10);
  const people: Person[] = m.registrations.map(({ userId, name, registered }) => ({
    userId,
    name,
    registered,
  }));
  for (const mem of members)
    if (
      mem.userId !== null &&
      mem.validFrom.slice(0, 10) <= day &&
      (mem.validTo === null || mem.validTo.slice(0, 10) >= day) &&
      !people.some((p) => p.userId === mem.userId)
    )
      people.push({ userId: mem.userId, name: mem.name, registered: false });
  return people;
}

export function AttendancePanel({ m, update }: { m: ConferenceMeetingDetail; update: Update }) {
  const { t } = useI18n();
  const body = useFetch(() => conferencesApi.body(m.body.id), [m.body.id]);
  const [ticked, setTicked] = useState<Set<number> | null>(null);
  const [saved, setSaved] = useState(false);
  if (!m.canOrganise || !body.data) return null;
  const people = attendanceCandidates(m, body.data.members);
  const present = ticked ?? new Set(m.registrations.filter((r) => r.attended).map((r) => r.userId));
  const toggle = (id: number) => {
    const next = new Set(present);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setTicked(next);
    setSaved(false);
  };
  const save = () =>
    void update(() => conferencesApi.attendance(m.id, [...present])).then(() => {
      setTicked(null);
      setSaved(true);
    });
  return (
    <section className="conf-box conf-attendance" aria-labelledby="conf-attendance-h">
      <h2 id="conf-attendance-h">{t.confAttendance}</h2>
      {people.length === 0 ? (
        <p className="conf-muted">{t.confAttendanceNone}</p>
      ) : (
        <>
          <p className="conf-muted">{t.confAttendanceHelp}</p>
          <ul>
            {people.map((p) => (
              <li key={p.userId}>
                <label>
                  <input
                    type="checkbox"
                    checked={present.has(p.userId)}
                    onChange={() => toggle(p.userId)}
                  />{' '}
                  {p.name}
                  {p.registered && (
                    <span className="conf-muted"> · {t.confAttendanceRegistered}</span>
                  )}
                </label>
              </li>
            ))}
          </ul>
          <p>
            <button type="button" className="btn" onClick={save}>
              {t.confAttendanceSave}
            </button>{' '}
            <span role="status">
              {saved && `${t.confSaved} `}
              {t.confAttendanceCount(
                people.filter((p) => present.has(p.userId)).length,
                people.length,
              )}
            </span>
          </p>
        </>
      )}
    </section>
  );
}
