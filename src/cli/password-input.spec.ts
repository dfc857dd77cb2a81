import { PassThrough, Readable, Writable } from 'node:stream';
import type { CliIo } from './cli-command.js';
import { PasswordInputError, readPassword } from './password-input.js';

function sink() {
  let text = '';
  return { stream: new Writable({ write(chunk, _enc, done) { text += String(chunk); done(); } }), text: () => text };
}

/** A stand-in terminal: raw-mode switches are recorded, keys are typed after the prompt is up. */
function terminal() {
  const stdin = Object.assign(new PassThrough(), { isTTY: true, rawModes: [] as boolean[] });
  Object.assign(stdin, { setRawMode: (mode: boolean) => { stdin.rawModes.push(mode); return stdin; } });
  const stderr = sink();
  const stdout = sink();
  const io: CliIo = { stdin, stdout: stdout.stream, stderr: stderr.stream };
  const type = (...keys: string[]) => setImmediate(() => { for (const k of keys) stdin.write(k); });
  return { io, stdin, stderr, stdout, type };
}

describe('readPassword', () => {
  it('reads a piped password whole, dropping one trailing newline only', async () => {
    const io: CliIo = { stdin: Readable.from([Buffer.from('  spaced pass'), Buffer.from('word \n')]), stdout: sink().stream, stderr: sink().stream };
    expect(await readPassword(io)).toBe('  spaced password ');
  });

  it('asks twice on a terminal without echoing, with backspace, and leaves raw mode again', async () => {
    const t = terminal();
    const result = readPassword(t.io);
    t.type('corr', 'ext\u007f\u007f', 'ct horse\r', 'correct horse\r');
    expect(await result).toBe('correct horse');
    expect(t.stderr.text()).toBe('Password: \nPassword again: \n');
    expect(t.stdout.text()).toBe('');
    expect(t.stdin.rawModes).toEqual([true, false, true, false]);
  });

  it('keeps keys typed ahead for the second prompt', async () => {
    const t = terminal();
    const result = readPassword(t.io);
    t.type('same-password\rsame-password\r');
    expect(await result).toBe('same-password');
  });

  it('refuses two different answers', async () => {
    const t = terminal();
    const result = readPassword(t.io);
    t.type('one-password\r', 'another-password\r');
    await expect(result).rejects.toThrow(new PasswordInputError('the two passwords differ'));
  });

  it('stops on Ctrl-C', async () => {
    const t = terminal();
    const result = readPassword(t.io);
    t.type('half\u0003');
    await expect(result).rejects.toThrow('cancelled');
    expect(t.stdin.rawModes).toEqual([true, false]);
  });
});
