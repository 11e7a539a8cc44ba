/**
 * How an account is named on pages, receipts and in lists: its number and its guarantor. Select
 * ACCOUNT_NAME_SELECT (or spread it into a larger select) and name it with accountName.
 */
export const ACCOUNT_NAME_SELECT = {
  id: true,
  accountNumber: true,
  guarantorFirstName: true,
  guarantorLastName: true,
} as const;

/** "Pat Doe": the account's guarantor, first and last name. */
export const guarantorName = (a: { guarantorFirstName: string; guarantorLastName: string }) =>
  `${a.guarantorFirstName} ${a.guarantorLastName}`;

/** An account as pages name it: its id, its number and its guarantor's name. */
export const accountName = (a: {
  id: string;
  accountNumber: string;
  guarantorFirstName: string;
  guarantorLastName: string;
}) => ({ id: a.id, accountNumber: a.accountNumber, guarantorName: guarantorName(a) });
