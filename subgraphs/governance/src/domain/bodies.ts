/**
 * Which of the förbund's bodies a caller reads — the body, its meetings, minutes, decisions and its
 * place in the calendar. Administrators and the board read every body. Staff and styrgrupp members
 * read only the styrgrupper of their own insatser: never the board's, the utvecklingsgrupp's, the
 * medlemssamråd's, nor another insats' styrgrupp.
 */
import { type AvvikelseReader, readableInsatser } from './avvikelser.js';

/** The caller by insats: the whole förbund, or the insatser they work in as staff or steer. */
export type BodyReader = AvvikelseReader;

/** The insatser whose styrgrupper they read; null for every body of the förbund. */
export function readableStyrgrupper(reader: BodyReader): string[] | null {
  // The same reach as for avvikelser: whoever follows an insats' avvikelser follows its styrgrupp.
  return readableInsatser(reader);
}
