/** Short-lived messages ("That relation needs two different actors") shown in a corner. */
import { ValueStore } from './valueStore.ts';

export interface Toast {
  id: number;
  message: string;
  tone: 'error' | 'info';
}

export const toasts = new ValueStore<Toast[]>([]);
let nextId = 1;

export function showToast(message: string, tone: Toast['tone'] = 'error'): void {
  const toast: Toast = { id: nextId++, message, tone };
  toasts.set([...toasts.get().slice(-3), toast]);
  setTimeout(() => dismissToast(toast.id), tone === 'error' ? 6000 : 3500);
}

export function dismissToast(id: number): void {
  toasts.set(toasts.get().filter((t) => t.id !== id));
}

/** Runs an edit; a rule it breaks (BoardRuleError and the like) becomes a toast, not a crash. */
export function attempt<T>(edit: () => T): T | undefined {
  try {
    return edit();
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(/^R\d+[^:]*:\s*/, '') : String(error);
    showToast(message);
    return undefined;
  }
}
