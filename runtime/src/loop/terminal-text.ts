/**
 * Text a rule printed, made safe to show on a terminal: control characters (ESC, BEL, backspace, carriage
 * return, C1 controls, DEL) would otherwise move the cursor, retitle the window or hide lines, so each is
 * shown as its Python escape (\x1b). Newlines and tabs stay. One pass: linear in the text.
 */
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

export function terminalText(text: string): string {
  return text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
