/**
 * Whether 14 digits are a valid SIRET: the Luhn key of the number, except for
 * the establishments of La Poste (SIREN 356 000 000), whose digits add up to a
 * multiple of 5 (INSEE's rule for them, their Luhn keys being exhausted).
 */
export function isValidSiret(digits: string): boolean {
  if (!/^\d{14}$/.test(digits)) return false;
  if (digits.startsWith('356000000') && digits !== '35600000000048') {
    const sum = [...digits].reduce((total, digit) => total + Number(digit), 0);
    return sum % 5 === 0;
  }
  let sum = 0;
  for (let index = 0; index < 14; index++) {
    let digit = Number(digits[13 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}
