import { fieldError, firstField, type TControlRecordResult, type TFieldRef, type TFileError } from "./fields";
import type { TLine } from "./read-lines";

/** Errors about the file as a whole are reported on field 0. */
export const FILE: TFieldRef = { pos: 0, label: "The file" };

/**
 * The header rule the autopay files share (docs/files.md): the first non-blank line must be the
 * header record and no later line may be one; its record count must equal the number of
 * details. File errors go into `fileErrors`, which the file's own check owns.
 */
export const createHeaderRule = <THeader extends { recordCount: number }>({
  headerId,
  parseHeader,
  fileErrors,
}: {
  headerId: string;
  parseHeader: (text: string) => TControlRecordResult<THeader>;
  fileErrors: TFileError[];
}) => {
  let header: THeader | null = null;
  let isEmpty = true;
  return {
    /** Reads a line's place: true when it is a header (the first line, or a second header, reported). */
    isHeader: (line: TLine): boolean => {
      const isHeaderRecord = firstField(line.text) === headerId;
      if (isEmpty) {
        isEmpty = false;
        if (isHeaderRecord) {
          const parsed = parseHeader(line.text);
          if (parsed.ok) header = parsed.value;
          else fileErrors.push(...parsed.errors);
          return true;
        }
        fileErrors.push(fieldError(FILE, "MISSING_HEADER", `must start with an ${headerId} header.`));
        return false;
      }
      if (!isHeaderRecord) return false;
      fileErrors.push(
        fieldError(FILE, "DUPLICATE_HEADER", `has a second ${headerId} header on line ${line.lineNumber}.`),
      );
      return true;
    },
    /** No non-blank line was read. */
    isEmpty: () => isEmpty,
    header: () => header,
    emptyError: () => fieldError(FILE, "MISSING_HEADER", `is empty; it needs an ${headerId} header.`),
    /** COUNT_MISMATCH when the header's record count is not the number of details. */
    countErrors: (detailCount: number): TFileError[] =>
      header && header.recordCount !== detailCount
        ? [
            fieldError(
              FILE,
              "COUNT_MISMATCH",
              `has ${detailCount} detail records but its header says ${header.recordCount}.`,
            ),
          ]
        : [],
  };
};
