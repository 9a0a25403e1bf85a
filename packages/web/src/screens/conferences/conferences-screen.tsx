// /konferenzen/… — Sozialraumkonferenzen (issue 14 § 1): the list of bodies, a body's page and a
// meeting's page with the agenda builder, minutes and decisions.
import { BodiesPage } from './bodies-page.tsx';
import { BodyPage } from './body-page.tsx';
import { MeetingPage } from './meeting-page.tsx';
import './conferences.css';

/** True for the conference screens' paths. */
export const isConferencesPath = (path: string) => /^\/konferenzen(\/|$)/.test(path);

export function ConferencesScreen({ path }: { path: string }) {
  const p = path.replace(/\/+$/, '');
  const meeting = /^\/konferenzen\/sitzungen\/(\d{1,9})$/.exec(p);
  if (meeting) return <MeetingPage id={Number(meeting[1])} />;
  const body = /^\/konferenzen\/(\d{1,9})$/.exec(p);
  if (body) return <BodyPage id={Number(body[1])} />;
  return <BodiesPage />;
}
