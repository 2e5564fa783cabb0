/** What a suite's default export resolves to; run.mjs renders it into BENCHMARKS.md. */
export interface BenchReport {
  /** Stable id: the section marker in BENCHMARKS.md. */
  id: string;
  title: string;
  description?: string;
  rows: Array<{ case: string; value: number; unit: string }>;
  /** Extra tables with their own columns, rendered after `rows` (numbers formatted like rows' values). */
  tables?: Array<{ title: string; columns: string[]; rows: Array<Array<string | number | undefined>> }>;
  /** One sentence with the ratio that matters (`Manouche routing resolves at 0.91x find-my-way`). */
  summary: string;
  /** The goal from the issue (`under 1.2x plain eta`). */
  aim: string;
}
