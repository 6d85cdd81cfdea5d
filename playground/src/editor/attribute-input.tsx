/** One attribute of a flag, edited with the control its AppConfig constraints call for. */
import { useState } from 'react';
import { formatAttribute, parseAttributeInput, type AttributeConstraints } from './stored-flags.js';

export interface AttributeInputProps {
  flag: string;
  name: string;
  value: unknown;
  constraints: AttributeConstraints | undefined;
  onChange: (value: unknown) => void;
}

export function AttributeInput({ flag, name, value, constraints, onChange }: AttributeInputProps) {
  // The text as typed, so "1," or "-" survive until the next keystroke.
  const [text, setText] = useState(() => formatAttribute(value));
  const label = `${flag}.${name}`;
  if (constraints?.type === 'boolean') {
    return (
      <input
        type="checkbox"
        aria-label={label}
        checked={value === true}
        onChange={(event) => onChange(event.target.checked)}
      />
    );
  }
  if (constraints?.type === 'string' && constraints.enum) {
    return (
      <select
        aria-label={label}
        value={typeof value === 'string' ? value : ''}
        onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)}
      >
        <option value="">(none)</option>
        {constraints.enum.map((option) => (
          <option key={option}>{option}</option>
        ))}
      </select>
    );
  }
  const hint =
    constraints?.type === 'number'
      ? [constraints.minimum, constraints.maximum].some((n) => n !== undefined)
        ? `${constraints.minimum ?? '−∞'} … ${constraints.maximum ?? '∞'}`
        : 'a number'
      : constraints?.type === 'array'
        ? 'comma-separated'
        : undefined;
  return (
    <input
      type="text"
      inputMode={constraints?.type === 'number' ? 'decimal' : undefined}
      aria-label={label}
      placeholder={hint}
      value={text}
      onChange={(event) => {
        setText(event.target.value);
        onChange(parseAttributeInput(event.target.value, constraints));
      }}
    />
  );
}
