/**
 * Reads one line from the terminal without echoing it (passwords for `createsuperuser` and
 * `changepassword`). Without a TTY on stdin it reads a plain line. Ctrl-C aborts with an error.
 *
 * @example
 * const password = await promptSecret('Password: ');
 */
export function promptSecret(question: string, input: NodeJS.ReadStream = process.stdin, output: NodeJS.WriteStream = process.stdout): Promise<string> {
  return new Promise((resolve, reject) => {
    let answer = '';
    const raw = Boolean(input.isTTY && typeof input.setRawMode === 'function');
    // Echo goes off before the question shows, so nothing typed after it is ever displayed.
    if (raw) input.setRawMode(true);
    output.write(question);
    input.setEncoding('utf8');
    const finish = (error?: Error) => {
      input.off('data', onData);
      if (raw) input.setRawMode(false);
      input.pause();
      output.write('\n');
      if (error) reject(error);
      else resolve(answer);
    };
    const onData = (chunk: string) => {
      const chars = [...chunk];
      for (let i = 0; i < chars.length; i++) {
        const char = chars[i]!;
        if (char === '\r' || char === '\n' || char === '\u0004') {
          // Typed-ahead input after the line belongs to the next question.
          const rest = chars
            .slice(i + 1)
            .join('')
            .replace(/^\n/, '');
          finish();
          if (rest) input.unshift(rest);
          return;
        }
        if (char === '\u0003') return finish(Object.assign(new Error('Operation cancelled.'), { code: 'MANOUCHE_CLI_CANCELLED' }));
        if (char === '\u007f' || char === '\b') answer = answer.slice(0, -1);
        else answer += char;
      }
    };
    input.on('data', onData);
    input.resume();
  });
}
