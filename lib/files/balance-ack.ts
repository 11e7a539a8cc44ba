import type { TBalanceRowResult } from "./balance-file";
import { formatErrorFields, joinLines, outputField, type TFileError } from "./fields";

/**
 * The balance file's acknowledgement (out), record `IMIFACK` (docs/files.md): one line per
 * non-blank input line, in input order:
 * `IMIFACK|<line number>|<request type>|A or R|<member ID>|<group ID>[|<field>|<code>|<reason>]…`
 */

export const BALANCE_ACK_RECORD_ID = "IMIFACK";

export type TBalanceAckEntry = {
  lineNumber: number;
  result: Pick<TBalanceRowResult, "echo"> & { ok: boolean; errors?: readonly TFileError[] };
  /** Errors found after parsing, by the importer (e.g. UNKNOWN_CLIENT); they make the row R. */
  extraErrors?: readonly TFileError[];
};

/** One ack line, without its line end. */
export const formatBalanceAckLine = ({ lineNumber, result, extraErrors = [] }: TBalanceAckEntry): string => {
  const errors = [...(result.ok ? [] : (result.errors ?? [])), ...extraErrors];
  const isAccepted = result.ok && errors.length === 0;
  const { requestType, memberId, groupId } = result.echo;
  return (
    `${BALANCE_ACK_RECORD_ID}|${lineNumber}|${outputField(requestType)}|${isAccepted ? "A" : "R"}` +
    `|${outputField(memberId)}|${outputField(groupId)}${formatErrorFields(errors)}`
  );
};

/**
 * An accepted row's ack line (as `formatBalanceAckLine` wrote it) turned R by errors found
 * later, when its row was written (e.g. ACCOUNT_MISMATCH): the same line
 * `formatBalanceAckLine` gives with them as `extraErrors`.
 */
export const rejectBalanceAckLine = (line: string, errors: readonly TFileError[]): string => {
  const fields = line.split("|");
  fields[3] = "R";
  return `${fields.join("|")}${formatErrorFields(errors)}`;
};

/** The whole ack file: LF after every line. */
export const writeBalanceAck = (entries: Iterable<TBalanceAckEntry>): string => {
  const lines: string[] = [];
  for (const entry of entries) lines.push(formatBalanceAckLine(entry));
  return joinLines(lines);
};
