// In-process fan-out of import progress to Server-Sent-Event listeners (one installation = one process).
export interface Progress {
  phase: string;
  rowsRead: number;
  bytesRead: number;
  bytesTotal: number;
}

type Listener = (p: Progress, done: boolean) => void;

/** Keeps the latest progress per upload and tells subscribers; throttled to ~5 events a second. */
export class ProgressHub {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly lastSent = new Map<string, number>();

  emit(id: string, p: Progress, done = false): void {
    const now = Date.now();
    if (!done && now - (this.lastSent.get(id) ?? 0) < 200) return;
    this.lastSent.set(id, now);
    for (const l of this.listeners.get(id) ?? []) l(p, done);
    if (done) this.lastSent.delete(id);
  }

  subscribe(id: string, l: Listener): () => void {
    const set = this.listeners.get(id) ?? new Set();
    set.add(l);
    this.listeners.set(id, set);
    return () => {
      set.delete(l);
      if (set.size === 0) this.listeners.delete(id);
    };
  }
}
