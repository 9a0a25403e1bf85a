// Priming the kernels. A kernel is first called with 200,000 areas: V8 compiles its hot loop
// on-stack (OSR) before the code after the loop has run once, so that code has no type feedback;
// the optimised loop then deoptimises at its end on every call, and V8 keeps re-entering the same
// on-stack code — the kernel runs mostly in the interpreter. Measured with `node --trace-deopt` and
// bench/monitoring.ts: validSums4 deoptimised on every call; the z-sum kernel with the flags made the
// chain run at one of two speeds per process (docs/benchmarks.md section e; ADR 0049);
// shiftedSums4 and change.ts compactChanged deoptimised at the end of every call (ADR 0054).
// Check: `node --import tsx --trace-deopt` over a loop of the chain shows no repeated bailouts.
// Calling a kernel a few times at load on a tiny input of the same types gives every site feedback
// first. The results of the priming calls are discarded; they have no other effect.

/** V8 allocates a function's feedback vector only after several calls (lazy feedback allocation). */
const PRIMING_CALLS = 16;

/** Runs `run` PRIMING_CALLS times at module load (a kernel on a 1–2-area input); errors are not swallowed. */
export function primeKernel(run: () => void): void {
  for (let k = 0; k < PRIMING_CALLS; k++) run();
}
