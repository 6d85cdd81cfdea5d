/** Which part of the demo each flag and setting drives, so a change in the editor is easy to find. */
const ROWS: [what: string, where: string][] = [
  ['FeatureFlags · betaBanner', 'the purple beta ribbon'],
  [
    'FeatureFlags · checkoutV2 (maxItems, expressPayment)',
    'the one-page checkout, its limit, Pay buttons',
  ],
  ['FeatureFlags · darkMode (defaultTheme)', 'the shop’s theme (else Settings · theme)'],
  [
    'FeatureFlags · recommendations (multi-variant, by the signed-in user)',
    'the “Picked for you” strip and its variant badge',
  ],
  ['MyAccessListFlag · accessList', 'the Reports link for the signed-in user'],
  [
    'Settings (YAML, checked by a zod schema)',
    'the blue banner, the classic cart limit, the e-mail',
  ],
];

export function HowItReads() {
  return (
    <div className="panel how-it-reads">
      <h3>What drives what</h3>
      <dl>
        {ROWS.map(([what, where]) => (
          <div key={what}>
            <dt>{what}</dt>
            <dd>{where}</dd>
          </div>
        ))}
      </dl>
      <p className="muted">
        Deploy from the editor, or edit <code>data/sample/DemoApp/Development/*</code> and save: a
        new version is deployed, and the page follows at its next poll. A refused document (say,
        Settings with <code>theme: purple</code>) keeps the last good value.
      </p>
    </div>
  );
}
