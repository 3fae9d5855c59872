/** Export the learner's progress as a file, import one back, or start over. */
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  exportProgress,
  importProgress,
  type Progress,
  ProgressFileError,
  resetProgress,
  saveProgress,
  watchProgress,
} from './progress.ts';

export default function ProgressControls() {
  const [progress, setProgress] = useState<Progress | null>(null);
  const [message, setMessage] = useState('');
  const fileInput = useRef<HTMLInputElement>(null);
  useEffect(() => watchProgress(setProgress), []);

  const download = () => {
    if (!progress) return;
    const url = URL.createObjectURL(new Blob([exportProgress(progress)], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `minimal-containers-progress-${new Date().toISOString().slice(0, 10)}.json`;
    link.click();
    URL.revokeObjectURL(url);
    setMessage('Progress exported.');
  };

  const upload = async (file: File | undefined) => {
    if (!file) return;
    try {
      const imported = importProgress(await file.text());
      saveProgress(imported);
      const lessons = Object.keys(imported.lessons).length;
      const exercises = Object.keys(imported.exercises).length;
      setMessage(
        `Imported ${lessons} lesson${lessons === 1 ? '' : 's'} read and ${exercises} exercise${exercises === 1 ? '' : 's'}.`,
      );
    } catch (error) {
      setMessage(
        `Could not import ${file.name}: ${error instanceof ProgressFileError ? error.message : 'unreadable file'}.`,
      );
    }
    if (fileInput.current) fileInput.current.value = '';
  };

  const reset = () => {
    if (!window.confirm('Forget every lesson read, exercise solved and Dockerfile saved in this browser?'))
      return;
    resetProgress();
    setMessage('Progress reset.');
  };

  const read = progress ? Object.keys(progress.lessons).length : 0;
  const solved = progress ? Object.values(progress.exercises).filter((e) => e.solvedAt).length : 0;
  return (
    <div class="progress-controls">
      <p>
        {read} lesson{read === 1 ? '' : 's'} read, {solved} challenge{solved === 1 ? '' : 's'} solved.
      </p>
      <div class="buttons" style="display:flex;flex-wrap:wrap;gap:0.5rem">
        <button type="button" class="button" onClick={download} disabled={!progress}>
          Export progress
        </button>
        <label class="button">
          Import progress
          <input
            ref={fileInput}
            type="file"
            accept="application/json,.json"
            class="visually-hidden"
            onChange={(event) => upload(event.currentTarget.files?.[0])}
          />
        </label>
        <button type="button" class="button danger" onClick={reset}>
          Reset
        </button>
      </div>
      <p role="status" class="message">
        {message}
      </p>
    </div>
  );
}
