import { describe, expect, it } from "vitest";
import { isInsideAddress, publicAddressOf } from "./public-address";

describe("isInsideAddress", () => {
  it.each(["127.0.0.1", "10.1.2.3", "172.20.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "::", "fd00::1", "fe80::1", "::ffff:127.0.0.1", "224.0.0.1"])(
    "counts %s as inside",
    (address) => expect(isInsideAddress(address)).toBe(true),
  );

  it.each(["140.82.112.3", "8.8.8.8", "2606:4700::1111", "::ffff:8.8.8.8"])("counts %s as public", (address) => expect(isInsideAddress(address)).toBe(false));
});

describe("publicAddressOf", () => {
  const resolveTo = (addresses: string[]) => async () => addresses;

  it("git SSRF: refuses a host that resolves to loopback, without naming the address", async () => {
    const refusal = publicAddressOf("sneaky.example", { allowPrivate: false, resolve: resolveTo(["127.0.0.1"]) });
    await expect(refusal).rejects.toThrow(/loopback, private or link-local network/);
    await expect(refusal).rejects.not.toThrow(/127\.0\.0\.1/);
  });

  it("git SSRF: refuses when any one of the host's addresses is inside (DNS rebinding)", async () => {
    await expect(publicAddressOf("mixed.example", { allowPrivate: false, resolve: resolveTo(["140.82.112.3", "10.0.0.5"]) })).rejects.toThrow(/private/);
  });

  it("refuses address literals too, bracketed IPv6 included", async () => {
    await expect(publicAddressOf("[::1]", { allowPrivate: false })).rejects.toThrow(/loopback/);
    await expect(publicAddressOf("169.254.169.254", { allowPrivate: false })).rejects.toThrow(/link-local/);
  });

  it("answers the public address to clone from, and private ones when allowed", async () => {
    expect(await publicAddressOf("github.example", { allowPrivate: false, resolve: resolveTo(["140.82.112.3"]) })).toBe("140.82.112.3");
    expect(await publicAddressOf("git.internal", { allowPrivate: true, resolve: resolveTo(["10.0.0.5"]) })).toBe("10.0.0.5");
  });

  it("says so when the name does not resolve", async () => {
    const failing = async () => {
      throw new Error("ENOTFOUND");
    };
    await expect(publicAddressOf("nowhere.invalid", { allowPrivate: false, resolve: failing })).rejects.toThrow("git_url's host name could not be resolved.");
  });
});
