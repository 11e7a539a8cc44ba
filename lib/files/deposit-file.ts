import { formatCompactDate, outputField } from "./fields";
import {
  addressFields,
  checkPostingTransaction,
  transactionCoreFields,
  type TPostingMerchant,
  type TPostingTransaction,
  type TPostingWriter,
} from "./posting-record";

/**
 * The payment deposit file 1.0, record `IMPDF10` (docs/files.md): one line per transaction in
 * each of the day's bank deposits (the gateway's settlement batches): sales and refunds settled
 * (S), returns (RI), chargebacks (CB) and settlement errors (SE, ours). 22 fields; "Address" is
 * the five address fields of IMDPA (ours). No header or trailer.
 */

export const DEPOSIT_RECORD_ID = "IMPDF10";

/** A transaction in a deposit: the posting record, and the deposit it was in. */
export type TDepositItem = TPostingTransaction & {
  /** The deposit's ACH trace number (15 digits). */
  traceNumber: string;
  /** The deposit's effective date. */
  effectiveDate: Date;
};

export const formatDepositLine = (merchant: TPostingMerchant, item: TDepositItem) => {
  checkPostingTransaction(item);
  if (!/^\d{15}$/.test(item.traceNumber)) throw new TypeError("The deposit trace number is 15 digits");
  return [
    DEPOSIT_RECORD_ID,
    outputField(merchant.merchantId),
    outputField(merchant.storeId),
    outputField(merchant.terminalId),
    item.traceNumber,
    formatCompactDate(item.effectiveDate),
    item.transactionType,
    item.action,
    ...transactionCoreFields(item),
    item.status,
    outputField(item.patientLastName),
    outputField(item.patientFirstName),
    outputField(item.accountNumber),
    ...addressFields(item),
  ].join("|");
};

/** `PaymentDepositReport-<CCYYMMDD>-<MerchantID>.txt`; characters other than letters, digits and `-` in the merchant ID become `-`. */
export const depositFileName = ({ businessDay, merchantId }: { businessDay: Date; merchantId: string }) =>
  `PaymentDepositReport-${formatCompactDate(businessDay)}-${merchantId.replace(/[^A-Za-z0-9-]/g, "-")}.txt`;

export const depositWriter = (merchant: TPostingMerchant): TPostingWriter<TDepositItem> => ({
  header: () => "",
  record: (item) => `${formatDepositLine(merchant, item)}\n`,
  trailer: () => "",
});
