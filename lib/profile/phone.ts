/**
 * US phone numbers (the practice and its patients are in the US). Stored as the 10-digit
 * national number ("2155550101"), shown as "(215) 555-0101".
 */

/** "(215) 555-0101", "215.555.0101", "+1 215 555 0101" → "2155550101"; null when not a US number. */
export const normalizeUsPhone = (input: string): string | null => {
  const trimmed = input.trim();
  if (!/^[+\d\s().-]+$/.test(trimmed)) return null;
  let digits = trimmed.replace(/\D/g, "");
  if (digits.length === 11 && digits.startsWith("1")) digits = digits.slice(1);
  if (digits.length !== 10) return null;
  // NANP: neither the area code nor the exchange starts with 0 or 1.
  if (!/^[2-9]\d{2}[2-9]\d{6}$/.test(digits)) return null;
  return digits;
};

/** "2155550101" → "(215) 555-0101"; anything else is shown as stored. */
export const formatUsPhone = (stored: string | null | undefined): string => {
  if (!stored) return "";
  const digits = stored.replace(/\D/g, "");
  if (digits.length !== 10) return stored;
  return `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`;
};

/** "2155550101" → "••• ••• 0101", for emails and audit entries. */
export const maskPhone = (stored: string) => `••• ••• ${stored.slice(-4)}`;
