// The recovery step of the sign-up and reset pages (the "recovery-step" template): the new
// recovery code, shown once, in place of the page's form; "Continue" needs the "I have saved
// my recovery code" box ticked. The code is only ever put into textContent.

/**
 * Puts `code` ("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX") into `element` as two unbreakable halves of three
 * groups: one line where it fits, two of three groups each on a narrow screen (never five and
 * one). Copied, it is the code as shown.
 */
export function showCode(element, code) {
  const groups = String(code).split('-');
  const half = Math.ceil(groups.length / 2);
  const parts = [`${groups.slice(0, half).join('-')}${groups.length > half ? '-' : ''}`, groups.slice(half).join('-')]
    .filter(Boolean)
    .map((text) => {
      const part = document.createElement('span');
      part.textContent = text;
      return part;
    });
  element.replaceChildren(...parts);
}

/**
 * Hides the elements `hide`, shows #recovery-step with `code` in #recovery-code and moves the
 * focus to its heading; once #recovery-saved is ticked, #recovery-confirm-form goes to `next()`.
 * Returns false (showing nothing) when the page has no recovery step.
 */
export function showRecoveryStep(code, { hide = [], next }) {
  const step = document.getElementById('recovery-step');
  const shown = document.getElementById('recovery-code');
  const confirm = document.getElementById('recovery-confirm-form');
  if (!step || !shown || !confirm) return false;
  showCode(shown, code);
  for (const element of hide) if (element) element.hidden = true;
  step.hidden = false;
  confirm.addEventListener('submit', (event) => {
    event.preventDefault();
    const saved = document.getElementById('recovery-saved');
    const error = document.getElementById('recovery-error');
    if (!saved?.checked) {
      if (error) error.textContent = 'Tick the box once your recovery code is saved: it is not shown again.';
      saved?.setAttribute('aria-invalid', 'true');
      saved?.focus?.();
      return;
    }
    saved.removeAttribute?.('aria-invalid');
    if (error) error.textContent = '';
    window.location.assign(next());
  });
  const title = document.getElementById('recovery-step-title');
  if (title) {
    title.tabIndex = -1; // the new step takes the focus, for keyboard and screen-reader users
    title.focus?.();
  }
  return true;
}
