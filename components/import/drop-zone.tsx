'use client';

import { useRef, useState, type DragEvent } from 'react';
import { Button } from '@/components/ui/button';
import { collectDroppedFiles, fromFileList } from './collect-files';
import type { PickedFile } from './picked-file';
import { markManifests } from './sniff-manifest';

/** Drop files or folders here, or pick them with the browser's file dialogs. */
export function DropZone({ onFiles: deliver, disabled }: { onFiles: (files: PickedFile[]) => void; disabled?: boolean }) {
  const [dragging, setDragging] = useState(false);
  const onFiles = (files: PickedFile[]) => void markManifests(files).then(deliver);
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);

  const onDrop = async (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    if (disabled) return;
    onFiles(await collectDroppedFiles(event.dataTransfer));
  };

  return (
    <div
      data-testid="drop-zone"
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
      className={
        'flex flex-col items-center justify-center rounded-lg border-2 border-dashed px-6 py-10 text-center transition-colors ' +
        (dragging ? 'border-brand-500 bg-brand-50' : 'border-slate-300 bg-white')
      }
    >
      <svg viewBox="0 0 24 24" aria-hidden="true" className="size-10 text-slate-400" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round">
        <path d="M12 15V4M8 8l4-4 4 4M5 14v4.5A1.5 1.5 0 0 0 6.5 20h11a1.5 1.5 0 0 0 1.5-1.5V14" />
      </svg>
      <p className="mt-3 text-sm font-medium text-slate-900">Drop files or folders here</p>
      <p className="mt-1 max-w-md text-xs text-slate-500">
        Kubernetes manifests and policies (YAML, JSON lists), Hubble flows, Envoy/Istio and NGINX access logs, Linkerd tap, VPC flow
        logs, edge CSV/JSONL. Gzip-compressed files are fine; the format is detected from the content.
      </p>
      <div className="mt-5 flex gap-3">
        <Button variant="secondary" disabled={disabled} onClick={() => filesInput.current?.click()}>Choose files</Button>
        <Button variant="secondary" disabled={disabled} onClick={() => folderInput.current?.click()}>Choose a folder</Button>
      </div>
      <input
        ref={filesInput}
        type="file"
        multiple
        hidden
        data-testid="file-input"
        onChange={(event) => {
          onFiles(fromFileList(event.currentTarget.files));
          event.currentTarget.value = '';
        }}
      />
      <input
        // `webkitdirectory` is not in React's types; every current browser supports it.
        ref={(el) => {
          folderInput.current = el;
          el?.setAttribute('webkitdirectory', '');
        }}
        type="file"
        hidden
        onChange={(event) => {
          onFiles(fromFileList(event.currentTarget.files));
          event.currentTarget.value = '';
        }}
      />
    </div>
  );
}
