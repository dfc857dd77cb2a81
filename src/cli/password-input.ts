import type { CliIo } from './cli-command.js';

const ENTER = new Set(['\r', '\n', '\u0004']);
const BACKSPACE = new Set(['\u007f', '\b']);
const CTRL_C = '\u0003';

export class PasswordInputError extends Error {}

/**
 * A password for a command: from a terminal, asked twice without echo; from a pipe
 * (`printf %s "$PW" | npm run cli -- users:create …`), read whole, one trailing newline
 * dropped. Never from an argument, where it would sit in shell history and `ps`.
 */
export async function readPassword(io: CliIo, what = 'Password'): Promise<string> {
  if (!io.stdin.isTTY) return readPiped(io.stdin);
  const first = await promptHidden(io, `${what}: `);
  const second = await promptHidden(io, `${what} again: `);
  if (first !== second) throw new PasswordInputError('the two passwords differ');
  return first;
}

async function readPiped(stdin: CliIo['stdin']): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** Raw mode: every key arrives as typed and nothing is echoed; the prompt goes to stderr. */
function promptHidden(io: CliIo, prompt: string): Promise<string> {
  const { stdin, stderr } = io;
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (rest: string, error?: Error) => {
      stdin.off('data', onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      // Keys typed ahead (the next answer) stay for the next prompt.
      if (rest) stdin.unshift(rest, 'utf8');
      stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: Buffer | string) => {
      const chars = [...String(chunk)];
      for (const [i, ch] of chars.entries()) {
        const rest = () => chars.slice(i + 1).join('');
        if (ENTER.has(ch)) return finish(rest());
        if (ch === CTRL_C) return finish('', new PasswordInputError('cancelled'));
        if (BACKSPACE.has(ch)) value = value.slice(0, -1);
        else if (ch >= ' ') value += ch;
      }
    };
    stderr.write(prompt);
    stdin.setRawMode?.(true);
    stdin.setEncoding('utf8');
    stdin.on('data', onData);
    stdin.resume();
  });
}
