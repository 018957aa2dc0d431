/** What a command may touch of the process, so tests can run commands in-process. */
export interface CliIo {
  readonly cwd: string;
  readonly isTerminal: boolean;
  stdout(text: string): void;
  stderr(text: string): void;
}

export const processIo: CliIo = {
  cwd: process.cwd(),
  isTerminal: Boolean(process.stdout.isTTY),
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};
