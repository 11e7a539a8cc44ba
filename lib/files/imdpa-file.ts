import { outputField } from "./fields";
import {
  additionalInfoFields,
  addressFields,
  checkPostingTransaction,
  transactionCoreFields,
  type TPostingMerchant,
  type TPostingTransaction,
  type TPostingWriter,
} from "./posting-record";

/**
 * The pipe-delimited end-of-day posting file, IMDPA 1.0 to 1.4 (docs/files.md). Each version
 * keeps the fields of the one before and adds its own at the end: 1.0 has 27 fields, 1.1 adds
 * User and Transaction code (29), 1.2 adds the Return action (29), 1.3 the guarantor (32), 1.4
 * the gateway's response (34). No header or trailer.
 */

export const IMDPA_VERSIONS = ["1.0", "1.1", "1.2", "1.3", "1.4"] as const;
export type TImdpaVersion = (typeof IMDPA_VERSIONS)[number];

/** `IMDPA10` … `IMDPA14`. */
export const imdpaRecordId = (version: TImdpaVersion) => `IMDPA${version.replace(".", "")}`;

/** How many fields a version's record has. */
export const IMDPA_FIELD_COUNT: Record<TImdpaVersion, number> = {
  "1.0": 27,
  "1.1": 29,
  "1.2": 29,
  "1.3": 32,
  "1.4": 34,
};

/** One record, without its line end. Before 1.2 a return is written as AuthCapt with its status RI or CB (ours). */
export const formatImdpaLine = (
  version: TImdpaVersion,
  merchant: TPostingMerchant,
  tx: TPostingTransaction,
): string => {
  checkPostingTransaction(tx);
  const action = tx.action === "Return" && version < "1.2" ? "AuthCapt" : tx.action;
  const fields = [
    imdpaRecordId(version),
    outputField(merchant.merchantId),
    outputField(merchant.storeId),
    outputField(merchant.terminalId),
    tx.transactionType,
    action,
    ...transactionCoreFields(tx),
    tx.status,
    outputField(tx.patientLastName),
    outputField(tx.patientFirstName),
    outputField(tx.patientMiddleName),
    outputField(tx.accountNumber),
    ...addressFields(tx),
    ...additionalInfoFields(tx.additionalInfo),
  ];
  if (version >= "1.1") fields.push(outputField(tx.user), outputField(tx.transactionCode));
  if (version >= "1.3") {
    fields.push(
      outputField(tx.guarantorId),
      outputField(tx.guarantorFirstName),
      outputField(tx.guarantorLastName),
    );
  }
  if (version >= "1.4") fields.push(outputField(tx.responseCode), outputField(tx.responseMessage));
  return fields.join("|");
};

/** The file's writer: a line per transaction, LF after each. */
export const imdpaWriter = (version: TImdpaVersion, merchant: TPostingMerchant): TPostingWriter => ({
  header: () => "",
  record: (tx) => `${formatImdpaLine(version, merchant, tx)}\n`,
  trailer: () => "",
});
