/**
 * Moves the keyboard's focus to the element of this id once it is on the page
 * (its data may still be loading): the result of a command (the updated status,
 * the new row), or the form a link's `#anchor` names. An element that takes no
 * focus by itself (a heading, a badge, a form) is given `tabindex="-1"`.
 */
export function focusWhenShown(id: string, { timeoutMs = 3000 } = {}): void {
  const start = performance.now();
  const attempt = () => {
    const element = document.getElementById(id);
    if (element) {
      if (!element.matches('a[href], button, input, select, textarea, [tabindex]')) element.tabIndex = -1;
      element.focus();
      return;
    }
    if (performance.now() - start < timeoutMs) requestAnimationFrame(attempt);
  };
  requestAnimationFrame(attempt);
}
