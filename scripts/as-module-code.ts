import ts from 'typescript';

/**
 * A block that is only JSX (`<AppConfigProvider …>`, maybe two siblings, maybe an opening tag
 * alone) is not a statement TypeScript accepts: wrap it in `<>…</>` (closing a lone opening tag),
 * on the same lines, when that parses and the block as written does not.
 */
export function asModuleCode(code: string, lang: string): string {
  const parses = (text: string) => {
    const file = ts.createSourceFile(
      `x.${lang === 'tsx' ? 'tsx' : 'ts'}`,
      text,
      ts.ScriptTarget.ES2022,
      false,
      lang === 'tsx' ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
    );
    return (file as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length === 0;
  };
  const body = code.replace(/^(?:\s*\/\/.*\n)*/, '').trimEnd();
  if (lang !== 'tsx' || !body.startsWith('<') || parses(code)) return code;
  const tag = /^<([A-Za-z][\w.]*)/.exec(body)?.[1];
  const lone = tag !== undefined && !body.includes(`</${tag}>`) && !/\/>;?$/.test(body);
  const wrapped = `<>${code.trimEnd()}${lone ? `</${tag}>` : ''}</>;\n`;
  return parses(wrapped) ? wrapped : code;
}
