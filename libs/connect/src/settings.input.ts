/** The customer's settings as given (origins are normalised and checked by SettingsService). */
export interface SettingsInput {
  allowedReturnOrigins: string[];
}
