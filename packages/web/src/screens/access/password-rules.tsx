// The password rules as a list, each ticked when the typed password meets it.
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
