"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { TYPE_DEFS, type ImportType } from "@/server/import/fields";
import { buttonClass, cardClass, ErrorText, inputClass, SelectField, Spinner } from "@/components/ui";

/** Sends the file as the raw request body (streamed to disk by the server), with upload progress. */
function upload(type: ImportType, file: File, onProgress: (fraction: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/import/upload?type=${encodeURIComponent(type)}&name=${encodeURIComponent(file.name)}`);
    xhr.setRequestHeader("content-type", "text/csv");
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      let body: { jobId?: string; error?: string } = {};
      try {
        body = JSON.parse(xhr.responseText) as typeof body;
      } catch {
        /* not JSON: generic message below */
      }
      if (xhr.status === 201 && body.jobId) resolve(body.jobId);
      else reject(new Error(body.error ?? (xhr.status === 413 ? "The file is too large." : "The upload failed. Try again.")));
    };
    xhr.onerror = () => reject(new Error("Could not reach the server. Check your connection and try again."));
    xhr.send(file);
  });
}

export function UploadForm({ types }: { types: ImportType[] }) {
  const router = useRouter();
  const [type, setType] = useState<ImportType>(types[0]!);
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!file) return setError("Choose a CSV file.");
    setError(null);
    setProgress(0);
    try {
      const jobId = await upload(type, file, setProgress);
      router.push(`/import/${jobId}`);
    } catch (err) {
      setError((err as Error).message);
      setProgress(null);
    }
  }

  return (
    <section aria-labelledby="upload-heading" className={`${cardClass} p-5`}>
      <h2 id="upload-heading" className="text-base font-semibold text-slate-900">
        Upload a file
      </h2>
      <form onSubmit={onSubmit} className="mt-4 grid grid-cols-1 items-end gap-4 sm:grid-cols-3" noValidate>
        <SelectField id="import-type" label="Record type" value={type} onChange={(e) => setType(e.target.value as ImportType)}>
          {types.map((t) => (
            <option key={t} value={t}>
              {TYPE_DEFS[t].plural}
            </option>
          ))}
        </SelectField>
        <div>
          <label htmlFor="import-file" className="mb-1 block text-sm font-medium text-slate-700">
            CSV file
          </label>
          <input
            id="import-file"
            type="file"
            accept=".csv,text/csv,text/plain"
            className={inputClass}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            aria-describedby="import-file-hint"
          />
          <p id="import-file-hint" className="mt-1 text-xs text-slate-500">
            UTF-8, with a header row. The expected columns are listed below.
          </p>
        </div>
        <div>
          <button type="submit" className={buttonClass} disabled={progress !== null}>
            {progress !== null ? <Spinner /> : null}
            Upload and map columns
          </button>
        </div>
      </form>
      {progress !== null ? (
        <div className="mt-4">
          <label htmlFor="upload-progress" className="text-sm text-slate-600">
            Uploading {file?.name}: {Math.round(progress * 100)}%
          </label>
          <progress id="upload-progress" className="mt-1 block h-2 w-full" max={1} value={progress} />
        </div>
      ) : null}
      {error ? (
        <ErrorText testId="upload-error" className="mt-4">
          {error}
        </ErrorText>
      ) : null}
    </section>
  );
}
