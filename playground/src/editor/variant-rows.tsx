/**
 * The variants of a multi-variant flag in the editor: each one's switch and rule, in evaluation
 * order (the first rule that matches the caller's context wins; the last variant is the default
 * and has no rule). Attribute values are shown, not edited. AppConfig's validation checks the
 * rules at deploy and the refusal names the variant.
 */
import type { StoredVariant } from './stored-flags.js';

export interface VariantRowsProps {
  flag: string;
  variants: readonly StoredVariant[];
  onChange: (index: number, field: 'enabled' | 'rule', value: unknown) => void;
}

export function VariantRows({ flag, variants, onChange }: VariantRowsProps) {
  return (
    <ol className="variant-rows">
      {variants.map((variant, index) => {
        const last = index === variants.length - 1;
        return (
          <li key={variant.name}>
            <label className="switch">
              <input
                type="checkbox"
                role="switch"
                aria-label={`${flag} variant ${variant.name} enabled`}
                checked={variant.enabled === true}
                onChange={(event) => onChange(index, 'enabled', event.target.checked)}
              />
              <span className="switch-track" aria-hidden />
              <span className="flag-name">{variant.name}</span>
            </label>
            {last ? (
              <span className="muted">default: when no rule above matches</span>
            ) : (
              // A textarea: rules are long, and wrapped text stays readable in a narrow column.
              <textarea
                className="variant-rule"
                rows={2}
                spellCheck={false}
                aria-label={`${flag} variant ${variant.name} rule`}
                value={variant.rule ?? ''}
                onChange={(event) => onChange(index, 'rule', event.target.value)}
              />
            )}
            {variant.attributeValues && Object.keys(variant.attributeValues).length > 0 && (
              <code className="muted">{JSON.stringify(variant.attributeValues)}</code>
            )}
          </li>
        );
      })}
    </ol>
  );
}
