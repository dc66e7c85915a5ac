import { View } from '@tarojs/components';
import { useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { TextArea } from '@/components/TextArea';
import { type FieldErrors, type NoteForm, noteProblems } from '@/services/projects';
import { ProjectPhotoPicker } from './PhotoPicker';
import './project.css';

interface NoteComposerProps {
  label: string;
  placeholder: string;
  submitLabel: string;
  /** Sends the note; resolves when it is saved (rejects when the server refused it). */
  onSubmit: (form: NoteForm) => Promise<void>;
}

/** Text and up to nine photos: a progress report or a supervision note. */
export function NoteComposer({ label, placeholder, submitLabel, onSubmit }: NoteComposerProps) {
  const [body, setBody] = useState('');
  const [photos, setPhotos] = useState<number[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    const form = { body: body.trim(), photoUploadIds: photos };
    const found = noteProblems(form);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setSaving(true);
    try {
      await onSubmit(form);
      setBody('');
      setPhotos([]);
    } catch {
      // The request module showed why.
    } finally {
      setSaving(false);
    }
  };

  return (
    <View>
      <TextArea
        label={label}
        value={body}
        onChange={setBody}
        placeholder={placeholder}
        maxLength={2000}
        rows={5}
        error={errors.body}
      />
      <ProjectPhotoPicker uploadIds={photos} onChange={setPhotos} max={9} onBusyChange={setBusy} />
      <View className="project__actions">
        <ActionButton loading={saving} disabled={busy} onClick={() => void submit()}>
          {submitLabel}
        </ActionButton>
      </View>
    </View>
  );
}
