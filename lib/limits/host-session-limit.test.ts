import { describe, expect, it } from "vitest";
import { parseSettings } from "../config/settings";
import { hostSessionLimit } from "./host-session-limit";

const GiB = 1024 ** 3;

describe("hostSessionLimit", () => {
  it("fits sessions into three quarters of the host's memory when MAX_SESSIONS is unset", () => {
    expect(hostSessionLimit(parseSettings({ SESSION_MEMORY: "512m" }), 8 * GiB)).toBe(12);
    expect(hostSessionLimit(parseSettings({ SESSION_MEMORY: "1g" }), 8 * GiB)).toBe(6);
  });

  it("allows one session on a host smaller than one session", () => {
    expect(hostSessionLimit(parseSettings({ SESSION_MEMORY: "2g" }), GiB)).toBe(1);
  });

  it("takes MAX_SESSIONS as it is when set", () => {
    expect(hostSessionLimit(parseSettings({ MAX_SESSIONS: "3" }), 64 * GiB)).toBe(3);
  });
});
