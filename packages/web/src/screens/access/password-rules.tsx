// The password rules as a list, each ticked when the typed password meets it; the two fields for a
// new password (new + repeat) that the account and the one-time-link screens share.
import { passwordProblems } from '../../lib/access.ts';
import { useI18n } from '../../i18n/index.tsx';

export function PasswordRules({
  password,
  email,
  id,
}: {
  password: string;
  email?: string | null;
  id: string;
}) {
  const { t } = useI18n();
  const problems = passwordProblems(password, email);
  const rules: [string, boolean][] = [
    [t.ruleLength, password.length >= 12],
    [t.ruleDistinct, new Set(password).size >= 5],
    [
      t.ruleNotEmail,
      password.length > 0 && !problems.includes('nicht den Namen der E-Mail-Adresse enthalten'),
    ],
  ];
  return (
    <div className="password-rules" id={id}>
      <p className="field-label">{t.passwordRulesTitle}</p>
      <ul>
        {rules.map(([text, ok]) => (
          <li key={text} className={ok ? 'rule-ok' : 'rule-open'}>
            <span aria-hidden="true">{ok ? '✓' : '•'}</span> {text}
            {ok && <span className="visually-hidden"> (erfüllt)</span>}
          </li>
        ))}
      </ul>
      <p className="hint">{t.ruleTip}</p>
    </div>
  );
}

/**
 * "Neues Passwort" and "Neues Passwort wiederholen" (ids `${id}-pw`, `${id}-pw2`); the first is
 * described by the rules list, which the caller renders with id `${id}-rules`.
 */
export function NewPasswordFields({
  id,
  password,
  repeat,
  onPassword,
  onRepeat,
}: {
  id: string;
  password: string;
  repeat: string;
  onPassword: (value: string) => void;
  onRepeat: (value: string) => void;
}) {
  const { t } = useI18n();
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-pw`} className="field-label">
          {t.newPassword}
        </label>
        <input
          id={`${id}-pw`}
          type="password"
          autoComplete="new-password"
          value={password}
          aria-describedby={`${id}-rules`}
          onChange={(e) => onPassword(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-pw2`} className="field-label">
          {t.repeatPassword}
        </label>
        <input
          id={`${id}-pw2`}
          type="password"
          autoComplete="new-password"
          value={repeat}
          onChange={(e) => onRepeat(e.target.value)}
        />
      </div>
    </>
  );
}
