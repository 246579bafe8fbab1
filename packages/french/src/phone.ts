/** The digits of a phone number however it was typed (`04.67.00.00.00`, `04 67 00 00 00`). */
const digitsOf = (phone: string) => phone.replace(/\D/g, '');

/** `0467000000` (or `04.67.00.00.00`) → « 04 67 00 00 00 », as French numbers are read; others as given. */
export function formatPhone(phone: string): string {
  const digits = digitsOf(phone);
  return digits.length === 10 ? digits.replace(/(\d{2})(?=\d)/g, '$1 ') : phone;
}

/** `0467000000` → `tel:+33467000000`: the international form works from any phone. */
export function telHref(phone: string): string {
  const digits = digitsOf(phone);
  return digits.length === 10 && digits.startsWith('0') ? `tel:+33${digits.slice(1)}` : `tel:${digits}`;
}
