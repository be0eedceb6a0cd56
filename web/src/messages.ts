/**
 * The graph's error messages are English (for developers and logs); those a person meets in a form, in Swedish.
 * Messages with figures in them are matched by pattern. A message not listed shows as it came, so nothing is hidden.
 */
const MESSAGE: Record<string, string> = {
  'Not an e-mail address': 'Ange en giltig e-postadress.',
  'Give at least one grant': 'Ange en behörighet.',
  'Name at least one insats': 'Välj minst en insats.',
  'Only verksamhetsledare and staff work in insatser': 'Bara verksamhetsledare och personal arbetar i insatser.',
  'A styrgrupp member holds a seat: name it': 'Välj platsen i styrgruppen.',
  'Only a styrgrupp member holds a seat': 'Bara en styrgruppsledamot har en plats.',
  'validTo is before validFrom': 'Sista dagen kan inte vara före första dagen.',
  'An amount cannot be negative': 'Ett belopp kan inte vara negativt.',
  'Whole kronor': 'Ange beloppet i hela kronor.',
  'FINSAM began in 2004': 'Året kan inte vara före 2004.',
  'Say why the requisition is rejected': 'Skriv varför rekvisitionen avslås.',
  'Describe the cost': 'Beskriv kostnaden.',
  'An individinsats line names its insats': 'En rad för individinsats anger sin insats.',
  'Only insats lines name an insats': 'Bara rader för insatser anger en insats.',
  'The contributions total 0 kr': 'Medlemsbidragen är sammanlagt 0 kr.',
  "Arbetsförmedlingen's part of the state's 50 % is paid by Försäkringskassan; give 0 here":
    'Arbetsförmedlingens del av statens 50 % betalas av Försäkringskassan; ange 0 kr här.',
};

/** "50.00 %" as Swedish writes it. */
const decimal = (percent: string) => percent.replace('.', ',');
const THE_STATE = 'The state (Försäkringskassan, for FK and AF)';

const PATTERNS: [RegExp, (...m: string[]) => string][] = [
  [
    /^(.+) pays ([\d.]+) % \((.+)\); its share is ([\d.]+) % of (.+) = (.+)$/,
    (who, paid, amount, share, total, due) =>
      `${who === THE_STATE ? 'Staten (Försäkringskassan, för FK och AF)' : who} betalar ${decimal(paid)} % ` +
      `(${amount}); andelen är ${decimal(share)} % av ${total} = ${due}.`,
  ],
  [
    /^The kommuner together pay ([\d.]+) %; by law they pay 25\.00 %$/,
    (paid) => `Kommunerna betalar tillsammans ${decimal(paid)} %; enligt lagen betalar de 25,00 %.`,
  ],
  [/^(.+) has no contribution$/, (who) => `${who} har inget medlemsbidrag.`],
];

export function inSwedish(message: string): string {
  if (MESSAGE[message]) {
    return MESSAGE[message];
  }
  for (const [pattern, swedish] of PATTERNS) {
    const m = pattern.exec(message);
    if (m) {
      return swedish(...m.slice(1));
    }
  }
  return message;
}
