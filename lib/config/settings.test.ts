import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseSettings, SettingsError } from "./settings";

describe("parseSettings", () => {
  it("fills every default when the environment is empty", () => {
    const settings = parseSettings({});
    expect(settings.PORT).toBe(3000);
    expect(settings.HOST).toBe("127.0.0.1");
    expect(settings.DATABASE_URL).toBeUndefined();
    expect(settings.dataDir).toBe(path.resolve(".data"));
  });

  it("reads numbers from strings", () => {
    expect(parseSettings({ PORT: "4123" }).PORT).toBe(4123);
  });

  it("treats an empty variable as unset", () => {
    const settings = parseSettings({ DATABASE_URL: "", PORT: "" });
    expect(settings.DATABASE_URL).toBeUndefined();
    expect(settings.PORT).toBe(3000);
  });

  it("names the variable in a one-line message when a value is bad", () => {
    expect(() => parseSettings({ PORT: "eighty" })).toThrow(SettingsError);
    expect(() => parseSettings({ PORT: "70000" })).toThrow(/^Invalid setting PORT: [^\n]+$/);
  });

  it("refuses a database URL that is not PostgreSQL", () => {
    expect(() => parseSettings({ DATABASE_URL: "mysql://localhost/runnel" })).toThrow(
      "Invalid setting DATABASE_URL: must be a postgres:// or postgresql:// URL",
    );
  });
});

describe("session limits", () => {
  it("default to the seed's 1 CPU, 512 MiB, 100 processes", () => {
    const settings = parseSettings({});
    expect(settings).toMatchObject({ SESSION_CPUS: 1, SESSION_MEMORY: 512 * 1024 ** 2, SESSION_PIDS: 100 });
  });

  it("read Docker-style sizes and refuse nonsense by name", () => {
    expect(parseSettings({ SESSION_MEMORY: "1g" }).SESSION_MEMORY).toBe(1024 ** 3);
    expect(() => parseSettings({ SESSION_MEMORY: "lots" })).toThrow(/^Invalid setting SESSION_MEMORY: "lots" is not a size/);
  });
});

describe("JWT_SECRET", () => {
  it("is optional (a secret file in DATA_DIR stands in)", () => {
    expect(parseSettings({}).JWT_SECRET).toBeUndefined();
  });

  it("must be at least 32 characters when set", () => {
    expect(parseSettings({ JWT_SECRET: "s".repeat(32) }).JWT_SECRET).toBe("s".repeat(32));
    expect(() => parseSettings({ JWT_SECRET: "short" })).toThrow("Invalid setting JWT_SECRET: must be at least 32 characters");
  });
});

describe("web app settings", () => {
  it("default to the seed's 2g and 1.0 CPU, apps.localhost, and file:// Git URLs refused", () => {
    const settings = parseSettings({});
    expect(settings).toMatchObject({
      DEFAULT_MEMORY_LIMIT: 2 * 1024 ** 3,
      DEFAULT_CPU_LIMIT: 1,
      APPS_DOMAIN: "apps.localhost",
      DOCKER_NETWORK: "runnel-apps",
      TRAEFIK_ENTRYPOINT: "web",
      ALLOW_FILE_GIT_URLS: false,
    });
    expect(settings.RUNNER_API_KEY).toBeUndefined();
  });

  it("allow file:// Git URLs only with ALLOW_FILE_GIT_URLS=1 and refuse a short API key", () => {
    expect(parseSettings({ ALLOW_FILE_GIT_URLS: "1" }).ALLOW_FILE_GIT_URLS).toBe(true);
    expect(() => parseSettings({ ALLOW_FILE_GIT_URLS: "yes" })).toThrow(/ALLOW_FILE_GIT_URLS/);
    expect(() => parseSettings({ RUNNER_API_KEY: "short" })).toThrow("Invalid setting RUNNER_API_KEY: must be at least 16 characters");
  });
});

describe("R runner settings", () => {
  it("default to the seed's 30 s, 500000-byte scripts, 10 artifacts of 5000000 bytes, and r-base", () => {
    const settings = parseSettings({});
    expect(settings).toMatchObject({
      RUNNER_SCRIPT_IMAGE: "r-base",
      RUN_TIMEOUT_SECONDS: 30,
      MAX_SCRIPT_BYTES: 500_000,
      MAX_ARTIFACT_COUNT: 10,
      MAX_ARTIFACT_BYTES: 5_000_000,
      R_ARTIFACT_TTL_MINUTES: 60,
    });
    expect(settings.RUNNER_TOKEN).toBeUndefined();
    expect(settings.PUBLIC_BASE_URL).toBeUndefined();
  });

  it("treat an empty RUNNER_TOKEN as unset and refuse a PUBLIC_BASE_URL that is not a URL", () => {
    expect(parseSettings({ RUNNER_TOKEN: "" }).RUNNER_TOKEN).toBeUndefined();
    expect(() => parseSettings({ PUBLIC_BASE_URL: "example.com" })).toThrow(/^Invalid setting PUBLIC_BASE_URL/);
  });
});
