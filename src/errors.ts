/**
 * Bad input or usage: the CLI prints `dln: <where>: <message>` on one line and exits 2.
 * `where` names the file and the field, line or option (e.g. `fixtures/x.json: points[0].W[1]`).
 */
export class InputError extends Error {
  constructor(
    readonly where: string,
    message: string,
  ) {
    super(where ? `${where}: ${message}` : message);
    this.name = 'InputError';
  }
}
