/**
 * How new VMs join the cluster. MiCADO's worker cloud-init installs a k3s agent with
 * `K3S_URL=https://{{ master_ip }}:6443` and `K3S_TOKEN={{ join_token }}`; the compiler leaves both for the
 * runtime, which alone knows the cluster. Deploy fills them into the files a node set boots with (the Terraform
 * working directory's cloud-init, the Occopus context template) and nowhere else: the token never reaches the
 * plan, a log or a progress line.
 */

export interface WorkerJoin {
  /** The address workers reach the k3s server at (fills `{{ master_ip }}`). */
  readonly address: string;
  /** The k3s join token (fills `{{ join_token }}`). */
  readonly token: string;
}

const FILLED: Readonly<Record<string, (join: WorkerJoin) => string>> = {
  master_ip: (join) => join.address,
  join_token: (join) => join.token,
};

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** The `{{ name }}` placeholders of a text, each once, in order. */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

/** True when the text needs the join values (it names one of the placeholders deploy fills). */
export function needsWorkerJoin(text: string): boolean {
  return placeholdersIn(text).some((name) => name in FILLED);
}

export class UnfilledPlaceholderError extends Error {
  override readonly name = 'UnfilledPlaceholderError';
}

/**
 * The text with the join placeholders filled. Refuses a text that would keep a placeholder: a VM booting with
 * `{{ … }}` in its cloud-init never joins, and the cloud bill runs all the same.
 */
export function fillWorkerJoin(text: string, join: WorkerJoin | undefined, where: string): string {
  const names = placeholdersIn(text);
  const unknown = names.filter((name) => !(name in FILLED));
  if (unknown.length > 0) throw new UnfilledPlaceholderError(`${where} holds ${unknown.map((n) => `{{ ${n} }}`).join(', ')}, which nothing fills; give the value in the cloud-init`);
  if (names.length === 0) return text;
  if (join === undefined) {
    throw new UnfilledPlaceholderError(`${where} joins its machines to the cluster with k3s: pass the server address and the join token (--join-address with --join-token, $ADTC_JOIN_TOKEN or --join-token-secret)`);
  }
  return text.replace(PLACEHOLDER, (_match, name: string) => FILLED[name]!(join));
}

/** The text with the token replaced by `***`, for anything that may be printed or logged. */
export function withoutToken(text: string, join: WorkerJoin | undefined): string {
  return join === undefined || join.token === '' ? text : text.split(join.token).join('***');
}
