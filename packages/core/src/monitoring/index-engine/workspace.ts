// Output buffers reused between runs (a tenant recomputing 200,000 areas allocates them once).
// Shared by the index engine and change.ts (findRepeatedNegativeDynamicsColumns, outstanding changes).

type Buffer = Float64Array | Uint8Array | Int8Array | Int16Array;

/**
 * Output buffers reused by repeated computeIndexColumns runs (e.g. a tenant recomputing 200,000
 * areas): no fresh allocation and page faults per run. A result computed with a workspace shares its
 * arrays with it, so the next run with the same workspace overwrites that result.
 */
export interface IndexWorkspace {
  readonly buffers: Map<string, Buffer>;
}

/** An empty workspace for computeIndexColumns. */
export function createIndexWorkspace(): IndexWorkspace {
  return { buffers: new Map() };
}

/** A buffer of length n by key (a key always names buffers of one type): from the workspace when it has one of that length, else fresh. */
export type Take = <T extends Buffer>(key: string, make: (n: number) => T, n: number) => T;

/** Buffer `key` of length n from the workspace (contents undefined: callers write every element). */
export function takerOf(workspace: IndexWorkspace | undefined): Take {
  if (!workspace) return (_key, make, n) => make(n);
  return <T extends Buffer>(key: string, make: (n: number) => T, n: number): T => {
    const old = workspace.buffers.get(key);
    if (old && old.length === n) return old as T;
    const fresh = make(n);
    workspace.buffers.set(key, fresh);
    return fresh;
  };
}
export const F64 = (n: number) => new Float64Array(n);
export const U8 = (n: number) => new Uint8Array(n);
export const I8 = (n: number) => new Int8Array(n);
export const I16 = (n: number) => new Int16Array(n);

/**
 * A zeroed byte column of length n: fresh, or from the workspace (reused between runs like the
 * index buffers — a result computed with a workspace shares the column with it).
 */
export function zeroedBytes(
  workspace: IndexWorkspace | undefined,
  key: string,
  n: number,
): Uint8Array {
  return takerOf(workspace)(key, U8, n).fill(0);
}
