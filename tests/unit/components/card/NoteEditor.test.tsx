import { describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { NoteEditor } from '../../../../src/components/card/NoteEditor';
import { validateNoteText } from '../../../../src/notes/model';

function mount(onSave = vi.fn(async () => null as string | null)) {
  const root = document.createElement('div');
  document.body.replaceChildren(root);
  act(() => {
    render(<NoteEditor heading="Note about Jeff Sessions" quote="Mr. Sessions" validate={validateNoteText} onSave={onSave} onCancel={() => {}} />, root);
  });
  const textarea = root.querySelector('textarea')!;
  const type = (value: string) =>
    act(() => {
      textarea.value = value;
      textarea.dispatchEvent(new Event('input', { bubbles: true }));
    });
  const submit = async () => {
    await act(async () => {
      root.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
  };
  return { root, textarea, type, submit, onSave };
}

describe('the note editor', () => {
  it('says what to do with an empty note and saves nothing', async () => {
    const { root, submit, onSave } = mount();
    await submit();
    expect(root.querySelector('[role=alert]')?.textContent).toBe('Write something first.');
    expect(onSave).not.toHaveBeenCalled();
  });

  it('refuses a note over 10,000 characters with its length', async () => {
    const { root, type, submit, onSave } = mount();
    type('x'.repeat(10_001));
    await submit();
    expect(root.querySelector('[role=alert]')?.textContent).toMatch(/at most 10,000 characters \(this one has 10,001\)/);
    expect(onSave).not.toHaveBeenCalled();
  });

  it('shows a failed write as an error and keeps the text', async () => {
    const onSave = vi.fn(async () => "Your browser's storage for Backstory is full; nothing was saved.");
    const { root, textarea, type, submit } = mount(onSave);
    type('An important note');
    await submit();
    expect(onSave).toHaveBeenCalledWith('An important note', []);
    expect(root.querySelector('[role=alert]')?.textContent).toMatch(/storage for Backstory is full/);
    expect(textarea.value).toBe('An important note');
  });

  it('passes comma-separated tags, trimmed', async () => {
    const { root, type, submit, onSave } = mount();
    type('Tagged');
    act(() => {
      const input = root.querySelector('input[type=text]') as HTMLInputElement;
      input.value = ' memo,  court , ';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await submit();
    expect(onSave).toHaveBeenCalledWith('Tagged', ['memo', 'court']);
  });
});
