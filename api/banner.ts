/** What `npm start` prints once the API listens: where everything is; `notes` matter on this start only (how to make the first admin). */
export function startBanner(url: string, temporalUi: string, notes: string[] = []): string {
  return [
    '',
    `Homeward API      ${url}/v1`,
    `OpenAPI docs      ${url}/docs`,
    `OpenAPI JSON      ${url}/docs/json`,
    `Temporal UI       ${temporalUi}`,
    `Dev token         npm run -s token -- --user u-1 --agency th-dsdhs-bangkok --role caseworker`,
    ...notes,
    '',
  ].join('\n');
}
