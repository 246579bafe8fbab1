/**
 * Moves the keyboard's focus to the element of this id once it is on the page
 * (its data may still be loading): the result of a command (the updated status,
 * the new row), or the form a link's `#anchor` names. An element that takes no
 * focus by itself (a heading, a badge, a form) is given `tabindex="-1"`.
 *
 * Unless the person moved on meanwhile: the focus is taken only from `from` (where it
 * was when they acted: by default where it is now) or from nowhere (the page itself),
 * never from the link or field they went to while the result was loading.
 */
export function focusWhenShown(
  id: string,
  { timeoutMs = 3000, from = document.activeElement }: { timeoutMs?: number; from?: Element | null } = {},
): void {
  const start = performance.now();
  const attempt = () => {
    const element = document.getElementById(id);
    if (element) {
      const now = document.activeElement;
      if (now !== null && now !== from && now !== document.body && now !== element) return;
      if (!element.matches('a[href], button, input, select, textarea, [tabindex]')) element.tabIndex = -1;
      element.focus();
      return;
    }
    if (performance.now() - start < timeoutMs) requestAnimationFrame(attempt);
  };
  requestAnimationFrame(attempt);
}
