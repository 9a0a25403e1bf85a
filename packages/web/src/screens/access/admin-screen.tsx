// /verwaltung: tabs Personen / Abteilungen / Rollen (?reiter=personen|abteilungen|rollen). People:
// list, create (one-time setup link shown to hand over), edit department/roles/active, new link,
// unlink a single sign-on identity (with confirmation), history. Departments & organisations: list, create, edit. Roles: built-in read-only, own roles
// with permission checkboxes grouped by module.
import { useEffect, useId, useRef, useState } from 'react';
import {
  type AdminUser,
  type Department,
  type OneTimeLink,
  type Role,
  accessApi,
} from '../../api/access.ts';
import { ApiError } from '../../api/http.ts';
import { useAuth } from '../../lib/auth.tsx';
import { useFetch } from '../../lib/use-fetch.ts';
import { navigate } from '../../lib/router.ts';
import { formatDateTime, looksLikeEmail, roleName } from '../../lib/access.ts';
import { useI18n } from '../../i18n/index.tsx';
import { RequireAuth } from '../../components/guard.tsx';
import { Empty, ErrorState, Loading } from '../../components/status.tsx';
import { SecretBox } from '../../components/copy-button.tsx';
import { ListTable } from '../../components/list-table.tsx';
import { PermissionPicker } from './account-screen.tsx';
import { HistoryPanel } from './history-panel.tsx';
import { HistoryLink } from '../../components/history-link.tsx';

type Tab = 'personen' | 'abteilungen' | 'rollen';
const TABS: { id: Tab; permission: string }[] = [
  { id: 'personen', permission: 'access.users' },
  { id: 'abteilungen', permission: 'access.departments' },
  { id: 'rollen', permission: 'access.roles' },
];

const msg = (e: unknown, fallback: string) =>
  e instanceof ApiError && e.status !== 0 ? e.message : fallback;

function ErrorNote({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <div className="state state-error inline-state" role="alert">
      <p className="state-title">{text}</p>
    </div>
  );
}

function LinkPanel({ link, title }: { link: OneTimeLink; title: string }) {
  const { t } = useI18n();
  return (
    <div className="secret-panel" role="status">
      <h3>{title}</h3>
      <p className="warning">{t.setupLinkHint(formatDateTime(link.expiresAt))}</p>
      <SecretBox text={link.url} label={t.setupLinkTitle} />
    </div>
  );
}

function RoleChecks({
  roles,
  selected,
  onChange,
  idPrefix,
}: {
  roles: Role[];
  selected: string[];
  onChange: (r: string[]) => void;
  idPrefix: string;
}) {
  const { t } = useI18n();
  return (
    <fieldset className="check-group">
      <legend className="field-label">{t.roles}</legend>
      {roles
        .filter((r) => r.id !== 'anonymous')
        .map((r) => (
          <div key={r.id} className="check">
            <input
              id={`${idPrefix}-${r.id}`}
              type="checkbox"
              checked={selected.includes(r.id)}
              onChange={(e) =>
                onChange(
                  e.target.checked ? [...selected, r.id] : selected.filter((x) => x !== r.id),
                )
              }
            />
            <label htmlFor={`${idPrefix}-${r.id}`} title={r.descriptionDe}>
              {r.nameDe}
            </label>
          </div>
        ))}
    </fieldset>
  );
}

function DepartmentSelect({
  id,
  value,
  onChange,
  departments,
}: {
  id: string;
  value: string | null;
  onChange: (v: string | null) => void;
  departments: Department[];
}) {
  const { t } = useI18n();
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {t.departmentLabel}
      </label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value || null)}>
        <option value="">{t.noDepartment}</option>
        {departments.map((d) => (
          <option key={d.id} value={d.id}>
            {d.name}
            {d.kind === 'organisation' ? ` (${t.kindOrganisation})` : ''}
          </option>
        ))}
      </select>
    </div>
  );
}

function PersonEditor({
  user,
  roles,
  departments,
  onSaved,
  onClose,
}: {
  user: AdminUser;
  roles: Role[];
  departments: Department[];
  onSaved: () => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [dept, setDept] = useState(user.departmentId);
  const [sel, setSel] = useState(user.roles);
  const [active, setActive] = useState(user.active);
  const [displayName, setDisplayName] = useState(user.displayName);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [link, setLink] = useState<OneTimeLink | null>(null);
  const [tick, setTick] = useState(0);
  const [confirmUnlink, setConfirmUnlink] = useState(false);
  const ssoEnabled = useAuth().me?.sso.enabled ?? false;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [user.id]);
  return (
    <section className="card form-card person-editor" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} ref={heading} tabIndex={-1} className="card-title">
        {t.edit}: {user.displayName}
      </h2>
      <ErrorNote text={error} />
      {note && (
        <p className="note note-ok" role="status">
          {note}
        </p>
      )}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setError(null);
          setNote(null);
          accessApi
            .updateUser(user.id, { displayName, departmentId: dept, roles: sel, active })
            .then(
              () => {
                setNote(t.saved);
                setTick((n) => n + 1);
                onSaved();
              },
              (err: unknown) => setError(msg(err, t.serverUnreachable)),
            );
        }}
      >
        <div className="form-grid">
          <div className="field">
            <label htmlFor={`${id}-name`} className="field-label">
              {t.name}
            </label>
            <input
              id={`${id}-name`}
              type="text"
              value={displayName}
              onChange={(e) => setDisplayName(e.target.value)}
            />
          </div>
          <DepartmentSelect
            id={`${id}-dept`}
            value={dept}
            onChange={setDept}
            departments={departments}
          />
          <div className="check check-inline">
            <input
              id={`${id}-active`}
              type="checkbox"
              checked={active}
              onChange={(e) => setActive(e.target.checked)}
            />
            <label htmlFor={`${id}-active`}>{t.activeLabel}</label>
          </div>
        </div>
        <RoleChecks roles={roles} selected={sel} onChange={setSel} idPrefix={`${id}-r`} />
        {(user.sso || ssoEnabled) && (
          <div className="field sso-link">
            <p>{user.sso ? t.ssoLinked : t.ssoNotLinked}</p>
            {user.sso &&
              (confirmUnlink ? (
                <div
                  className="confirm"
                  role="group"
                  aria-label={t.ssoUnlinkConfirm(user.displayName)}
                >
                  <p>{t.ssoUnlinkConfirm(user.displayName)}</p>
                  <button
                    type="button"
                    className="btn btn-small btn-danger"
                    onClick={() => {
                      setError(null);
                      setNote(null);
                      accessApi.updateUser(user.id, { sso: false }).then(
                        () => {
                          setConfirmUnlink(false);
                          setNote(t.ssoUnlinked);
                          setTick((n) => n + 1);
                          onSaved();
                        },
                        (err: unknown) => setError(msg(err, t.serverUnreachable)),
                      );
                    }}
                  >
                    {t.ssoUnlinkYes}
                  </button>{' '}
                  <button
                    type="button"
                    className="btn btn-small"
                    onClick={() => setConfirmUnlink(false)}
                  >
                    {t.cancel}
                  </button>
                </div>
              ) : (
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() => setConfirmUnlink(true)}
                >
                  {t.ssoUnlink}
                </button>
              ))}
          </div>
        )}
        <div className="actions">
          <button type="submit" className="btn btn-primary">
            {t.save}
          </button>
          <button
            type="button"
            className="btn"
            onClick={() =>
              accessApi
                .resetLink(user.id)
                .then(setLink, (err: unknown) => setError(msg(err, t.serverUnreachable)))
            }
          >
            {t.newResetLink}
          </button>
          <button type="button" className="btn" onClick={onClose}>
            {t.close}
          </button>
        </div>
      </form>
      {link && <LinkPanel link={link} title={t.setupLinkTitle} />}
      <HistoryPanel entity="user" entityId={String(user.id)} refreshKey={tick} />
    </section>
  );
}

function People() {
  const { t } = useI18n();
  const auth = useAuth();
  const id = useId();
  const users = useFetch(() => accessApi.users(), []);
  const roles = useFetch(
    () => (auth.can('access.roles') ? accessApi.roles() : Promise.resolve([])),
    [],
  );
  const departments = auth.departments;
  const roleList: Role[] =
    roles.data && roles.data.length
      ? roles.data
      : Object.keys({
          viewer: 1,
          provider: 1,
          moderator: 1,
          department_planner: 1,
          data_steward: 1,
          sozialplanung: 1,
          administrator: 1,
        }).map((r) => ({
          id: r,
          nameDe: roleName(r),
          descriptionDe: '',
          builtin: true,
          permissions: [],
        }));
  const [editing, setEditing] = useState<number | null>(null);
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [dept, setDept] = useState<string | null>(null);
  const [sel, setSel] = useState<string[]>(['viewer']);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ name: string; link: OneTimeLink } | null>(null);
  const editingUser = users.data?.find((u) => u.id === editing) ?? null;

  return (
    <div>
      {users.status === 'error' && (
        <ErrorState error={users.error} what={t.tabPeople} onRetry={users.reload} />
      )}
      {users.status === 'loading' && !users.data && <Loading />}
      {users.data &&
        (users.data.length === 0 ? (
          <Empty>{t.noPeople}</Empty>
        ) : (
          <ListTable
            caption={t.tabPeople}
            columns={[
              t.name,
              t.colEmail,
              t.departmentLabel,
              t.roles,
              t.colActive,
              t.colPasswordSet,
            ]}
            actions
          >
            {users.data.map((u) => (
              <tr key={u.id} className={u.active ? undefined : 'row-muted'}>
                <td>{u.displayName}</td>
                <td>{u.email}</td>
                <td>{u.departmentId ? auth.departmentName(u.departmentId) : '—'}</td>
                <td>{u.roles.map((r) => roleName(r, roleList)).join(', ')}</td>
                <td>{u.active ? t.yesWord : t.noWord}</td>
                <td>
                  {u.hasPassword ? t.yesWord : t.noWord}
                  {u.sso ? ' · SSO' : ''}
                </td>
                <td>
                  <button
                    type="button"
                    className="btn btn-small"
                    aria-label={`${t.edit}: ${u.displayName}`}
                    aria-expanded={editing === u.id}
                    onClick={() => setEditing(editing === u.id ? null : u.id)}
                  >
                    {t.edit}
                  </button>
                </td>
              </tr>
            ))}
          </ListTable>
        ))}
      {editingUser && (
        <PersonEditor
          key={editingUser.id}
          user={editingUser}
          roles={roleList}
          departments={departments}
          onSaved={users.reload}
          onClose={() => setEditing(null)}
        />
      )}
      <section className="card form-card" aria-labelledby={`${id}-new`}>
        <h2 id={`${id}-new`} className="card-title">
          {t.newPerson}
        </h2>
        <ErrorNote text={error} />
        {created && (
          <>
            <p className="note note-ok" role="status">
              {t.personCreated(created.name)}
            </p>
            <LinkPanel link={created.link} title={t.setupLinkTitle} />
          </>
        )}
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (!name.trim()) return setError(`${t.name}: ${t.fieldRequired}`);
            if (!email.trim()) return setError(`${t.colEmail}: ${t.fieldRequired}`);
            if (!looksLikeEmail(email)) return setError(`${t.colEmail}: ${t.emailInvalid}`);
            setError(null);
            accessApi
              .createUser({
                email: email.trim(),
                displayName: name.trim(),
                departmentId: dept,
                roles: sel,
              })
              .then(
                (r) => {
                  setCreated({ name: r.user.displayName, link: r.setupLink });
                  setEmail('');
                  setName('');
                  users.reload();
                },
                (err: unknown) => setError(msg(err, t.serverUnreachable)),
              );
          }}
        >
          <div className="form-grid">
            <div className="field">
              <label htmlFor={`${id}-name`} className="field-label">
                {t.name}
              </label>
              <input
                id={`${id}-name`}
                type="text"
                value={name}
                onChange={(e) => setName(e.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor={`${id}-email`} className="field-label">
                {t.colEmail}
              </label>
              <input
                id={`${id}-email`}
                type="email"
                value={email}
                onChange={(e) => setEmail(e.target.value)}
              />
            </div>
            <DepartmentSelect
              id={`${id}-dept`}
              value={dept}
              onChange={setDept}
              departments={departments}
            />
          </div>
          <RoleChecks roles={roleList} selected={sel} onChange={setSel} idPrefix={`${id}-r`} />
          <div className="actions">
            <button type="submit" className="btn btn-primary">
              {t.create}
            </button>
          </div>
        </form>
      </section>
    </div>
  );
}

function DepartmentForm({
  initial,
  onDone,
}: {
  initial: Department | null;
  onDone: (d: Department) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [d, setD] = useState<Department>(
    initial ?? { id: '', name: '', kind: 'department', orgType: null },
  );
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="sub-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!d.name.trim()) return setError(`${t.name}: ${t.fieldRequired}`);
        if (!initial && !/^[a-z0-9][a-z0-9_-]{0,62}$/.test(d.id))
          return setError(`${t.colId}: ${t.idHintSlug}`);
        setError(null);
        const body = { name: d.name.trim(), kind: d.kind, orgType: d.orgType?.trim() || null };
        (initial
          ? accessApi.updateDepartment(initial.id, body)
          : accessApi.createDepartment({ ...body, id: d.id })
        ).then(onDone, (err: unknown) => setError(msg(err, t.serverUnreachable)));
      }}
    >
      <ErrorNote text={error} />
      <div className="form-grid">
        {!initial && (
          <div className="field">
            <label htmlFor={`${id}-id`} className="field-label">
              {t.colId}
            </label>
            <input
              id={`${id}-id`}
              type="text"
              value={d.id}
              aria-describedby={`${id}-idh`}
              onChange={(e) => setD({ ...d, id: e.target.value })}
            />
            <span id={`${id}-idh`} className="hint">
              {t.idHintSlug}
            </span>
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-name`} className="field-label">
            {t.name}
          </label>
          <input
            id={`${id}-name`}
            type="text"
            value={d.name}
            onChange={(e) => setD({ ...d, name: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-kind`} className="field-label">
            {t.colKind}
          </label>
          <select
            id={`${id}-kind`}
            value={d.kind}
            onChange={(e) => setD({ ...d, kind: e.target.value as Department['kind'] })}
          >
            <option value="department">{t.kindDepartment}</option>
            <option value="organisation">{t.kindOrganisation}</option>
          </select>
        </div>
        {d.kind === 'organisation' && (
          <div className="field">
            <label htmlFor={`${id}-org`} className="field-label">
              {t.orgType}
            </label>
            <input
              id={`${id}-org`}
              type="text"
              value={d.orgType ?? ''}
              onChange={(e) => setD({ ...d, orgType: e.target.value })}
            />
          </div>
        )}
      </div>
      <div className="actions">
        <button type="submit" className="btn btn-primary">
          {initial ? t.save : t.create}
        </button>
      </div>
    </form>
  );
}

function Departments() {
  const { t } = useI18n();
  const auth = useAuth();
  const id = useId();
  const list = useFetch(() => accessApi.departments(), []);
  const [editing, setEditing] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const done = (d: Department) => {
    setNote(`${d.name}: ${t.saved}`);
    setEditing(null);
    list.reload();
    void auth.refresh();
  };
  return (
    <div>
      {note && (
        <p className="note note-ok" role="status">
          {note}
        </p>
      )}
      {list.status === 'error' && <ErrorState error={list.error} onRetry={list.reload} />}
      {list.status === 'loading' && !list.data && <Loading />}
      {list.data &&
        (list.data.length === 0 ? (
          <Empty>{t.noDepartments}</Empty>
        ) : (
          <ListTable caption={t.tabDepartments} columns={[t.name, t.colId, t.colKind]} actions>
            {list.data.map((d) => (
              <tr key={d.id}>
                {editing === d.id ? (
                  <td colSpan={4}>
                    <DepartmentForm initial={d} onDone={done} />
                  </td>
                ) : (
                  <>
                    <td>{d.name}</td>
                    <td>
                      <code>{d.id}</code>
                    </td>
                    <td>
                      {d.kind === 'organisation'
                        ? `${t.kindOrganisation}${d.orgType ? ` (${d.orgType})` : ''}`
                        : t.kindDepartment}
                    </td>
                    <td>
                      <button
                        type="button"
                        className="btn btn-small"
                        aria-label={`${t.edit}: ${d.name}`}
                        onClick={() => setEditing(d.id)}
                      >
                        {t.edit}
                      </button>{' '}
                      <HistoryLink entity="department" id={d.id} name={d.name} />
                    </td>
                  </>
                )}
              </tr>
            ))}
          </ListTable>
        ))}
      <section className="card form-card" aria-labelledby={`${id}-new`}>
        <h2 id={`${id}-new`} className="card-title">
          {t.newDepartment}
        </h2>
        <DepartmentForm key={list.data?.length ?? 0} initial={null} onDone={done} />
      </section>
    </div>
  );
}

function RoleForm({ initial, onDone }: { initial: Role | null; onDone: (r: Role) => void }) {
  const { t } = useI18n();
  const id = useId();
  const perms = useFetch(() => accessApi.permissions(), []);
  const [roleId, setRoleId] = useState(initial?.id ?? '');
  const [name, setName] = useState(initial?.nameDe ?? '');
  const [desc, setDesc] = useState(initial?.descriptionDe ?? '');
  const [sel, setSel] = useState<Set<string>>(new Set(initial?.permissions ?? []));
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="sub-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!/^[a-z0-9][a-z0-9_-]{0,62}$/.test(roleId))
          return setError(`${t.colId}: ${t.idHintSlug}`);
        if (!name.trim()) return setError(`${t.roleName}: ${t.fieldRequired}`);
        setError(null);
        accessApi
          .saveRole(roleId, {
            nameDe: name.trim(),
            descriptionDe: desc.trim(),
            permissions: [...sel],
          })
          .then(onDone, (err: unknown) => setError(msg(err, t.serverUnreachable)));
      }}
    >
      <ErrorNote text={error} />
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${id}-id`} className="field-label">
            {t.colId}
          </label>
          <input
            id={`${id}-id`}
            type="text"
            value={roleId}
            readOnly={!!initial}
            onChange={(e) => setRoleId(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-name`} className="field-label">
            {t.roleName}
          </label>
          <input
            id={`${id}-name`}
            type="text"
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <div className="field form-grid-full">
          <label htmlFor={`${id}-desc`} className="field-label">
            {t.description}
          </label>
          <input
            id={`${id}-desc`}
            type="text"
            value={desc}
            onChange={(e) => setDesc(e.target.value)}
          />
        </div>
      </div>
      <p className="field-label">{t.permissionsLabel}</p>
      {perms.status === 'error' && <ErrorState error={perms.error} onRetry={perms.reload} />}
      {perms.data && (
        <PermissionPicker all={perms.data} selected={sel} onChange={setSel} idPrefix={`${id}-p`} />
      )}
      <div className="actions">
        <button type="submit" className="btn btn-primary">
          {initial ? t.save : t.create}
        </button>
      </div>
    </form>
  );
}

function Roles() {
  const { t } = useI18n();
  const id = useId();
  const list = useFetch(() => accessApi.roles(), []);
  const perms = useFetch(() => accessApi.permissions(), []);
  const [editing, setEditing] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const describe = (p: string) => perms.data?.find((x) => x.id === p)?.descriptionDe ?? p;
  const done = (r: Role) => {
    setNote(`${r.nameDe}: ${t.saved}`);
    setEditing(null);
    list.reload();
  };
  return (
    <div>
      <p className="note">{t.builtinNote}</p>
      {note && (
        <p className="note note-ok" role="status">
          {note}
        </p>
      )}
      {list.status === 'error' && <ErrorState error={list.error} onRetry={list.reload} />}
      {list.status === 'loading' && !list.data && <Loading />}
      <ul className="role-list">
        {(list.data ?? []).map((r) => (
          <li key={r.id} className="card role-card">
            <div className="role-head">
              <h2 className="card-title">{r.nameDe}</h2>
              <span className={`badge ${r.builtin ? 'badge-muted' : 'badge-own'}`}>
                {r.builtin ? t.builtin : t.ownRole}
              </span>
              <code>{r.id}</code>
              {!r.builtin && <HistoryLink entity="role" id={r.id} name={r.nameDe} />}
              {!r.builtin && (
                <button
                  type="button"
                  className="btn btn-small"
                  aria-label={`${t.edit}: ${r.nameDe}`}
                  onClick={() => setEditing(editing === r.id ? null : r.id)}
                >
                  {t.edit}
                </button>
              )}
            </div>
            {r.descriptionDe && <p className="hint">{r.descriptionDe}</p>}
            {editing === r.id ? (
              <RoleForm initial={r} onDone={done} />
            ) : (
              <details>
                <summary>
                  {t.showPermissions} ({t.permissionCount(r.permissions.length)})
                </summary>
                <ul className="perm-list">
                  {r.permissions.map((p) => (
                    <li key={p}>
                      {describe(p)} <code className="perm-id">{p}</code>
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </li>
        ))}
      </ul>
      <section className="card form-card" aria-labelledby={`${id}-new`}>
        <h2 id={`${id}-new`} className="card-title">
          {t.newRole}
        </h2>
        <RoleForm key={list.data?.length ?? 0} initial={null} onDone={done} />
      </section>
    </div>
  );
}

function Admin({ search }: { search: string }) {
  const { t } = useI18n();
  const auth = useAuth();
  const tabs = TABS.filter((x) => auth.can(x.permission));
  const wanted = new URLSearchParams(search).get('reiter');
  const tab = tabs.find((x) => x.id === wanted)?.id ?? tabs[0]?.id ?? 'personen';
  const labels: Record<Tab, string> = {
    personen: t.tabPeople,
    abteilungen: t.tabDepartments,
    rollen: t.tabRoles,
  };
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});
  const select = (id: Tab, focus = false) => {
    navigate(`/verwaltung?reiter=${id}`, { replace: true });
    if (focus) refs.current[id]?.focus();
  };
  return (
    <div className="page page-admin">
      <h1>{t.adminTitle}</h1>
      <div role="tablist" aria-label={t.adminTitle} className="tabs">
        {tabs.map((x, i) => (
          <button
            key={x.id}
            ref={(el) => {
              refs.current[x.id] = el;
            }}
            role="tab"
            type="button"
            id={`tab-${x.id}`}
            aria-selected={tab === x.id}
            aria-controls={`panel-${x.id}`}
            tabIndex={tab === x.id ? 0 : -1}
            className="tab"
            onClick={() => select(x.id)}
            onKeyDown={(e) => {
              const n = tabs.length;
              if (e.key === 'ArrowRight') select(tabs[(i + 1) % n]!.id, true);
              else if (e.key === 'ArrowLeft') select(tabs[(i - 1 + n) % n]!.id, true);
              else if (e.key === 'Home') select(tabs[0]!.id, true);
              else if (e.key === 'End') select(tabs[n - 1]!.id, true);
            }}
          >
            {labels[x.id]}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tab-panel">
        {tab === 'personen' && <People />}
        {tab === 'abteilungen' && <Departments />}
        {tab === 'rollen' && <Roles />}
      </div>
    </div>
  );
}

export function AdminScreen({ search }: { search: string }) {
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${t.adminTitle} – ${t.appName}`;
  }, [t]);
  return (
    <RequireAuth title={t.adminTitle} anyOf={TABS.map((x) => x.permission)}>
      <Admin search={search} />
    </RequireAuth>
  );
}
