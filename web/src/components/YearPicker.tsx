/** Choose a year: a labelled select of the years the platform has figures for, up to this year. */
import { useId } from 'react';

const FIRST_YEAR = 2019;

export function YearPicker({ year, onChange, label }: { year: number; onChange(y: number): void; label: string }) {
  const id = useId();
  const years: number[] = [];
  for (let y = new Date().getFullYear(); y >= FIRST_YEAR; y--) {
    years.push(y);
  }
  return (
    <p className="year-picker">
      <label htmlFor={id}>{label}</label>{' '}
      <select id={id} value={year} onChange={(e) => onChange(Number(e.target.value))}>
        {years.map((y) => (
          <option key={y} value={y}>
            {y}
          </option>
        ))}
      </select>
    </p>
  );
}
