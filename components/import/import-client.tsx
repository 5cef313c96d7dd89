'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import type { SnapshotSummary } from '@/components/snapshots/snapshot-summary';
import { DestinationField } from './destination-field';
import { DropZone } from './drop-zone';
import { checkEnvoyFormat } from './envoy-format-check';
import { EnvoyFormatField } from './envoy-format-field';
import { FileRow } from './file-row';
import { queueReducer, summarize, type QueueItem } from './import-queue';
import { isTargetComplete, SnapshotTarget, takenSnapshotName, type Target } from './snapshot-target';
import { uploadFile, type UploadProgress, type UploadTarget } from './upload-file';

export function ImportClient({ snapshots, initialSnapshotId }: { snapshots: SnapshotSummary[]; initialSnapshotId: string | null }) {
  const router = useRouter();
  const [target, setTarget] = useState<Target>(() =>
    initialSnapshotId && snapshots.some((s) => s.id === initialSnapshotId)
      ? { mode: 'existing', id: initialSnapshotId }
      : snapshots.length > 0
        ? { mode: 'existing', id: '' }
        : { mode: 'new', name: '', cluster: '', environment: 'prod' },
  );
  const [items, dispatch] = useReducer(queueReducer, []);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notCreated, setNotCreated] = useState<string | null>(null);
  const [destination, setDestination] = useState('');
  const [envoyFormat, setEnvoyFormat] = useState('');
  const [importedInto, setImportedInto] = useState<string | null>(null);
  // The upload loop reads the latest queue, including files dropped while it runs.
  const itemsRef = useRef<QueueItem[]>(items);
  useEffect(() => {
    itemsRef.current = items;
  }, [items]);

  const formatCheck = useMemo(() => checkEnvoyFormat(envoyFormat), [envoyFormat]);
  const summary = summarize(items);
  const taken = takenSnapshotName(target, snapshots);

  const start = async () => {
    setError(null);
    setNotCreated(null);
    setRunning(true);
    try {
      // A new snapshot is created by the server with the first file that imports (POST /api/snapshots/new/imports),
      // never before: if every file fails, no empty snapshot is left in the list.
      let snapshotId = target.mode === 'existing' ? target.id : null;
      const newSnapshot = target.mode === 'new' ? { name: target.name, cluster: target.cluster, environment: target.environment } : null;
      const attempted = new Set<string>();
      for (;;) {
        const next = itemsRef.current.find((i) => i.state.kind === 'queued' && !attempted.has(i.key));
        if (!next) break;
        attempted.add(next.key);
        const into = await importOne(snapshotId !== null ? { snapshotId } : { newSnapshot: newSnapshot! }, next);
        if (snapshotId === null && into !== null) {
          snapshotId = into;
          setTarget({ mode: 'existing', id: into });
        }
      }
      if (snapshotId === null) {
        setNotCreated(`Nothing was imported, so the snapshot “${newSnapshot?.name.trim() ?? ''}” was not created.`);
        return;
      }
      setImportedInto(snapshotId);
      router.replace(`/import?snapshot=${snapshotId}`, { scroll: false });
      // Server components (snapshot list and counts) re-read the database.
      router.refresh();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setRunning(false);
    }
  };

  /** Uploads one file; returns the snapshot it went into (null: failed, and a new snapshot was not created). */
  const importOne = async (into: UploadTarget, item: QueueItem): Promise<string | null> => {
    dispatch({ type: 'progress', key: item.key, loaded: 0, total: item.file.size });
    try {
      const onProgress = ({ loaded, total }: UploadProgress) =>
        dispatch(loaded >= total ? { type: 'processing', key: item.key } : { type: 'progress', key: item.key, loaded, total });
      const { result, snapshotId } = await uploadFile(into, item.file, item.path, onProgress, {
        destination: destination.trim() || undefined,
        envoyFormat: envoyFormat.trim() || undefined,
      });
      dispatch({ type: 'done', key: item.key, result });
      return snapshotId;
    } catch (e) {
      dispatch({ type: 'failed', key: item.key, message: e instanceof Error ? e.message : String(e) });
      return null;
    }
  };

  // A format the API refuses would fail every file sent with it, manifests included.
  const formatBlocks = formatCheck.errors.length > 0;
  const canStart = !running && summary.queued > 0 && isTargetComplete(target) && !taken && !formatBlocks;

  return (
    <div className="grid gap-6 lg:grid-cols-[20rem_1fr]">
      <Card className="h-fit">
        <CardHeader title="Target" description="Files are added to this snapshot." />
        <div className="space-y-5 px-5 py-4">
          <SnapshotTarget snapshots={snapshots} target={target} onChange={setTarget} disabled={running} />
          <DestinationField value={destination} onChange={setDestination} disabled={running} />
          <EnvoyFormatField value={envoyFormat} onChange={setEnvoyFormat} check={formatCheck} disabled={running} />
          <Button className="w-full" disabled={!canStart} onClick={start} data-testid="start-import">
            {running ? 'Importing…' : summary.queued > 0 ? `Import ${summary.queued} file${summary.queued === 1 ? '' : 's'}` : 'Import'}
          </Button>
          {!isTargetComplete(target) && summary.queued > 0 ? (
            <p className="text-xs text-slate-500">{target.mode === 'new' ? 'Name the new snapshot, its cluster and environment.' : 'Select a snapshot.'}</p>
          ) : null}
          {taken ? <p className="text-xs text-rose-700" data-testid="snapshot-name-taken">{taken}</p> : null}
          {formatBlocks && summary.queued > 0 ? <p className="text-xs text-slate-500" data-testid="format-blocks-import">Correct the custom log format, or clear it.</p> : null}
          {error ? <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800">{error}</p> : null}
          {notCreated ? <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="snapshot-not-created">{notCreated}</p> : null}
          <p className="text-xs leading-relaxed text-slate-500">
            Kubernetes manifests and policies are sent before traffic files, so that traffic resolves to workloads. Importing the same
            content twice counts it once. A file with an error is not imported at all, and a new snapshot is created only once a file
            is imported into it.
          </p>
        </div>
      </Card>
      <div className="space-y-6">
        <DropZone onFiles={(files) => dispatch({ type: 'add', files })} />
        {items.length > 0 ? (
          <Card>
            <CardHeader
              title={`Files (${items.length})`}
              description={[
                summary.succeeded ? `${summary.succeeded} imported` : null,
                summary.partial ? `${summary.partial} partly imported` : null,
                summary.duplicate ? `${summary.duplicate} already imported` : null,
                summary.failed ? `${summary.failed} failed` : null,
                summary.queued ? `${summary.queued} queued` : null,
              ]
                .filter(Boolean)
                .join(' · ')}
              actions={
                <div className="flex items-center gap-3">
                  {importedInto && !running && summary.succeeded + summary.partial > 0 ? (
                    <Link href={`/graph?snapshot=${importedInto}`} className="text-sm font-medium text-brand-600 hover:text-brand-700">Open graph →</Link>
                  ) : null}
                  {summary.failed > 0 && !running ? (
                    <Button variant="ghost" onClick={() => dispatch({ type: 'retry-failed' })}>Retry failed</Button>
                  ) : null}
                  <Button variant="ghost" disabled={running} onClick={() => dispatch({ type: 'clear-finished' })}>Clear finished</Button>
                </div>
              }
            />
            <ul className="divide-y divide-slate-100" data-testid="import-files">
              {items.map((item) => (
                <FileRow key={item.key} item={item} onRemove={() => dispatch({ type: 'remove', key: item.key })} />
              ))}
            </ul>
          </Card>
        ) : null}
      </div>
    </div>
  );
}
