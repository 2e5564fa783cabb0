/** A logger that keeps its lines, for assertions on what was logged. */
export function captureLogger() {
  const lines: string[] = [];
  return {
    lines,
    error(message: string, error?: unknown) {
      lines.push(error instanceof Error ? `${message}: ${error.message}` : message);
    },
    warn(message: string) {
      lines.push(message);
    },
  };
}
