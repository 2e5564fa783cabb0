/**
 * How to start a database's command-line client: what `manouche dbshell` runs.
 *
 * @example
 * const { programs, args, env }: DatabaseClientInvocation = databaseClientInvocation(settings, ['-c', 'select 1']);
 */
export interface DatabaseClientInvocation {
  /** Programs to try in order; the first one installed runs. */
  programs: string[];
  /** Arguments after the program's name. Never holds the password: any user can read a process's arguments. */
  args: string[];
  /** Variables added to the client's environment (the password travels here). */
  env: Record<string, string>;
}

/** A DATABASES OPTIONS value as text, or undefined when absent, empty or not a string/number. */
export function optionText(options: Record<string, unknown>, key: string): string | undefined {
  const value = options[key];
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value !== '' ? value : undefined;
}
