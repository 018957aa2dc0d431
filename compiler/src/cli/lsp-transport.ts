/**
 * What `adtc lsp`'s arguments ask for. vscode-languageserver picks the transport from them and throws
 * without one. bin/adtc.js asks too: when they start a server, it loads the bundled server directly,
 * without loading the command's own bundle first (a tenth of the editor's wait for its first diagnostics).
 */
export const asksForHelp = (args: readonly string[]) => args.includes('--help') || args.includes('-h');

export const namesLspTransport = (args: readonly string[]) => args.some((a) => a === '--stdio' || a === '--node-ipc' || /^--(socket|pipe)=./.test(a));

/** `adtc lsp <args>` starts a server (rather than printing its usage or an error). */
export const startsLanguageServer = (args: readonly string[]) => namesLspTransport(args) && !asksForHelp(args);
