// What a sandbox prints is untrusted: on its way to a terminal it may not move the cursor, set
// the title, write the clipboard or hide lines. Only colour (SGR) survives, and only on a TTY.
const OSC = /\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?/g;
const CSI = /\x1b\[[0-?]*[ -/]*[@-~]/g;
const SGR = /^\x1b\[[0-9;]*m$/;
const STRAY_ESCAPE = /\x1b(?!\[[0-9;]*m)[\s\S]?/g;
const CONTROLS = /[\x00-\x08\x0b\x0c\x0e-\x1a\x1c-\x1f\x7f]|\r(?!\n)/g;

export function terminalText(text: string, keepColour: boolean): string {
  return text
    .replace(OSC, "")
    .replace(CSI, (sequence) => (keepColour && SGR.test(sequence) ? sequence : ""))
    .replace(STRAY_ESCAPE, "")
    .replace(CONTROLS, "");
}
