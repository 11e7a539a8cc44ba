"use client";

import { useEffect, useRef, useState } from "react";

/**
 * The upload form's file field, and beside it the file's `lastModified` (when the PMS wrote it)
 * in a hidden field, which a multipart upload does not carry by itself: a balance file's
 * payments are weighed against that time (docs/files.md, "A balance file and the payments it
 * crossed"). Without JavaScript the form still posts the file, and the portal takes the time it
 * receives it. A file chosen before hydration is read on mount.
 */
export function ImportFileInput({ id, className }: { id: string; className?: string }) {
  const ref = useRef<HTMLInputElement>(null);
  const [lastModified, setLastModified] = useState("");
  const read = (input: HTMLInputElement | null) => {
    const file = input?.files?.[0];
    setLastModified(file ? String(file.lastModified) : "");
  };
  useEffect(() => read(ref.current), []);
  return (
    <>
      <input
        ref={ref}
        id={id}
        name="file"
        type="file"
        accept=".txt,text/plain"
        required
        className={className}
        onChange={(event) => read(event.currentTarget)}
      />
      <input type="hidden" name="lastModified" value={lastModified} />
    </>
  );
}
