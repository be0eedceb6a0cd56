/**
 * The graph's error messages are English (for developers and logs); those a person meets in a form, in Swedish:
 * one table for every view. Messages with figures in them are matched by pattern. A message not listed shows as it
 * came, so nothing is hidden.
 */
const MESSAGE: Record<string, string> = {
  // Participations, referrals and requisitions (staff).
  'Personnummer is 12 digits, YYYYMMDD-NNNN': 'Ange personnumret med tolv siffror: ÅÅÅÅMMDD-NNNN.',
  'The date part is not a date': 'Personnumrets datumdel är inget datum.',
  'The date part is in the future': 'Personnumrets datumdel ligger i framtiden.',
  'The check digit does not match': 'Kontrollsiffran stämmer inte – kontrollera personnumret.',
  'With consent, give the personnummer or samordningsnummer':
    'Med samtycke anges personnummer eller samordningsnummer.',
  'An anonymous participation states kön': 'Ange kön för en anonym anvisning.',
  'An anonymous participation (no consent) keeps no identifying or background data':
    'Utan samtycke sparas inga identifierande uppgifter eller bakgrundsuppgifter.',
  'A kommun is its 4-digit SCB code': 'Ange hemkommunens fyrsiffriga kommunkod.',
  'You register referrals for your own insats': 'Du kan bara registrera anvisningar till dina egna insatser.',
  'No such insats in your förbund': 'Insatsen finns inte i ditt förbund.',
  'A rejection says why': 'Ange skälet till avslaget.',
  'The insats gives the decision on referrals to its verksamhetsledare':
    'Beslut om anvisningar fattas av insatsens verksamhetsledare.',
  'The decision is before the referral': 'Beslutet kan inte ligga före anvisningen.',
  'Enrolment is before the referral': 'Inskrivningen kan inte ligga före anvisningen.',
  'The follow-up is before enrolment': 'Uppföljningen kan inte ligga före inskrivningen.',
  'The exit date is before enrolment': 'Avslutsdatumet kan inte ligga före inskrivningen.',
  'Give at least one outcome': 'Ange minst en avslutsorsak.',
  'Sent before the exit': 'Slutdokumentationen kan inte ha skickats före avslutet.',
  'An extension ends later than the planned end': 'Det nya slutdatumet måste ligga efter det planerade.',
  'Not an extension decision of the styrgrupp for this participation':
    'Välj styrgruppens beslut om förlängning för just detta deltagande.',
  'Only a referral awaiting decision can be decided': 'Anvisningen är redan beslutad.',
  'Only an accepted referral can be enrolled': 'Bara en beviljad anvisning kan skrivas in.',
  'Follow-ups are for enrolled participants': 'Uppföljning görs bara för inskrivna deltagare.',
  'Only an ongoing participation can be extended': 'Bara ett pågående deltagande kan förlängas.',
  'Only an ongoing participation can end': 'Bara ett pågående deltagande kan avslutas.',
  'Only after exit': 'Detta registreras efter avslutet.',
  'A requisition has at least one line': 'Ange minst ett belopp.',
  'A cost category is listed twice': 'Varje kostnadsslag får bara anges en gång.',
  'A requisition asks for more than 0 kr': 'Rekvisitionen måste avse mer än 0 kr.',
  'A requisition is sent after its period has begun': 'En rekvisition skickas först när perioden har börjat.',
  'Periods are 1–6': 'Välj en period 1–6.',
  'Give at least one source, or INGEN_OFFENTLIG_FORSORJNING':
    'Ange minst en försörjningskälla, eller Ingen offentlig försörjning.',
  // Access, budget and requisition decisions (administration).
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
  // Import of participations (administration, /app/import).
  'A participation that went on was decided: give decision and decidedOn':
    'Deltagandet gick vidare och är alltså beslutat: ange beslut och beslutsdatum.',
  'Follow-ups and an exit need an enrolment date': 'Uppföljning och avslut kräver ett inskrivningsdatum.',
  'Outcomes and what follows an exit need the exit date':
    'Avslutsorsaker och det som följer avslutet kräver avslutsdatum.',
  'A JSON import is an array of objects': 'En JSON-fil ska vara en lista av objekt.',
  'The file holds no records': 'Filen innehåller inga poster.',
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
  [
    /^Age \d+ is outside the insats' target group (.*)$/,
    (range) => `Åldern ligger utanför insatsens målgrupp (${range} år).`,
  ],
  [/^Period \d+ of \d+ is already requisitioned$/, () => 'Perioden har redan en rekvisition.'],
  [
    /^The (6|18)-month follow-up is made from (\d{4}-\d\d-\d\d) to (\d{4}-\d\d-\d\d)/,
    (months, from, to) => `Uppföljningen efter ${months} månader görs från och med ${from} till och med ${to}.`,
  ],
  [
    /^The referral does not meet the inclusion criteria/,
    () => 'Anvisningen uppfyller inte inklusionskriterierna. Skriv en motivering för att bevilja den ändå.',
  ],
  [/^Too (big|small)/, () => 'Värdet ligger utanför det tillåtna intervallet.'],
  [/^The same sourceRef as row (\d+)$/, (row) => `Samma källreferens som rad ${row}.`],
  [/^Not (CSV|JSON): (.*)$/, (format, why) => `Filen kunde inte läsas som ${format} (${why}).`],
  [/^At most (\d+) records per file$/, (n) => `En fil får innehålla högst ${n} poster.`],
];

/** A message in Swedish, or undefined when neither the table nor a pattern knows it. */
export function known(message: string): string | undefined {
  if (MESSAGE[message]) {
    return MESSAGE[message];
  }
  for (const [pattern, swedish] of PATTERNS) {
    const m = pattern.exec(message);
    if (m) {
      return swedish(...m.slice(1));
    }
  }
  return undefined;
}

/** A message in Swedish where it is known; otherwise as it came. */
export const inSwedish = (message: string): string => known(message) ?? message;

/** What a ConflictError means for the person: someone else got there first; nothing was written. */
export const CONFLICT_MESSAGE =
  'Uppgiften har ändrats sedan du hämtade den – någon annan hann före. Inget sparades. Ladda om och försök igen.';

/** What the graph's error codes mean to the person filling in a form, when its message says nothing known. */
export const CODE_ADVICE: Record<string, string> = {
  NOT_FOUND: 'Uppgiften finns inte, eller så har du inte behörighet till den. Ladda om sidan och försök igen.',
  CONFLICT: CONFLICT_MESSAGE,
};
