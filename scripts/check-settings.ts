// Fails fast, with one line naming the variable, when a setting is bad.
import "dotenv/config";
import { parseSettings, SettingsError } from "../lib/config/settings";

try {
  parseSettings(process.env);
} catch (error) {
  if (!(error instanceof SettingsError)) throw error;
  console.error(error.message);
  process.exit(1);
}
