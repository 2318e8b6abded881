import { describe, expect, it } from "vitest";
import { clientAddress } from "./client-address";

describe("clientAddress", () => {
  it("is the first x-forwarded-for hop", () => {
    const request = new Request("http://localhost/", { headers: { "x-forwarded-for": " 203.0.113.7 , 10.0.0.1" } });
    expect(clientAddress(request)).toBe("203.0.113.7");
  });

  it('is "local" without the header', () => {
    expect(clientAddress(new Request("http://localhost/"))).toBe("local");
  });
});
