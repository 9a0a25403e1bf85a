import { useEffect, useId, type ReactElement, type ReactNode } from 'react';
import { cloneElement } from 'react';

/**
 * One labelled form field: the control gets an id, `aria-invalid` when there is an error,
 * and `aria-describedby` pointing at the message shown next to it (and at the hint).
 * A hint is rendered as text below the field, never as a placeholder that looks like a value.
 */
export function FormField(props: {
  label: ReactNode;
  error?: string | null;
  hint?: ReactNode;
  /** Optional fixed id (e.g. to focus it via focusFirstInvalid); generated otherwise. */
  id?: string;
  /** Extra class of the wrapper (e.g. form-grid-full). */
  className?: string;
  children: ReactElement<Record<string, unknown>>;
}) {
  const generated = useId();
  const id = props.id ?? generated;
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy =
    [props.error ? errorId : null, props.hint ? hintId : null].filter(Boolean).join(' ') ||
    undefined;
  const control = cloneElement(props.children, {
    id,
    'aria-invalid': props.error ? true : undefined,
    'aria-describedby': describedBy,
  });
  return (
    <div
      className={[
        'field form-field',
        props.error ? 'form-field--invalid' : '',
        props.className ?? '',
      ]
        .filter(Boolean)
        .join(' ')}
    >
      <label htmlFor={id} className="field-label">
        {props.label}
      </label>
      {control}
      {props.hint ? (
        <small id={hintId} className="hint form-field__hint">
          {props.hint}
        </small>
      ) : null}
      {props.error ? (
        <p id={errorId} className="field-error form-field__error">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

/** Moves focus to the first element of `container` marked aria-invalid (after a failed check). */
export function focusFirstInvalid(container: ParentNode | null | undefined): boolean {
  const el = container?.querySelector<HTMLElement>('[aria-invalid="true"]');
  if (!el) return false;
  el.focus();
  return true;
}

/** Focuses the first invalid field whenever `trigger` changes to a truthy value. */
export function useFocusFirstInvalid(
  container: { current: ParentNode | null },
  trigger: unknown,
): void {
  useEffect(() => {
    if (trigger) focusFirstInvalid(container.current);
  }, [container, trigger]);
}
