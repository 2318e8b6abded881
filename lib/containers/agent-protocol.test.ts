import { describe, expect, it } from "vitest";
import { AgentProtocolError, encodeRequest, parseAgentLine } from "./agent-protocol";

describe("encodeRequest", () => {
  it("writes one JSON object terminated by a newline", () => {
    const line = encodeRequest({ op: "run", id: "r1", argv: ["python3", "main.py"], timeoutMs: 1000, outputCapBytes: 10 });
    expect(line.endsWith("\n")).toBe(true);
    expect(line.slice(0, -1)).not.toContain("\n");
    expect(JSON.parse(line)).toEqual({ op: "run", id: "r1", argv: ["python3", "main.py"], timeoutMs: 1000, outputCapBytes: 10 });
  });

  it("escapes newlines inside values so a request stays on one line", () => {
    const line = encodeRequest({ op: "run", id: "r", argv: ["bash", "-c", "echo a\necho b"], timeoutMs: 1, outputCapBytes: 0 });
    expect(line.split("\n")).toHaveLength(2);
  });

  it("refuses a run without a program", () => {
    expect(() => encodeRequest({ op: "run", id: "r", argv: [], timeoutMs: 1000, outputCapBytes: 10 })).toThrow();
  });
});

describe("parseAgentLine", () => {
  it("parses every event type", () => {
    const lines = [
      '{"type":"ready","version":1,"pid":7}',
      '{"type":"pong","id":"p"}',
      '{"type":"started","id":"r","pid":12}',
      '{"type":"output","id":"r","stream":"stderr","data":"oops\\n"}',
      '{"type":"truncated","id":"r"}',
      '{"type":"artifact","id":"r","name":"plot.png","bytes":1234}',
      '{"type":"exit","id":"r","exitCode":null,"signal":"SIGKILL","timedOut":true,"cancelled":false,"oomKilled":false,"truncated":false,"durationMs":300}',
      '{"type":"error","id":null,"message":"The request is not JSON."}',
    ];
    expect(lines.map((line) => parseAgentLine(line).type)).toEqual([
      "ready", "pong", "started", "output", "truncated", "artifact", "exit", "error",
    ]);
  });

  it("accepts a trailing newline and keeps the data's own newlines", () => {
    expect(parseAgentLine('{"type":"output","id":"r","stream":"stdout","data":"a\\nb"}\n')).toEqual({
      type: "output", id: "r", stream: "stdout", data: "a\nb",
    });
  });

  it("ignores fields it does not know, so the agent can add some", () => {
    expect(parseAgentLine('{"type":"pong","id":"p","extra":1}')).toEqual({ type: "pong", id: "p" });
  });

  it("rejects a line that is not JSON and quotes it", () => {
    expect(() => parseAgentLine("Traceback (most recent call last):")).toThrow(AgentProtocolError);
    expect(() => parseAgentLine("Traceback (most recent call last):")).toThrow(/not JSON: "Traceback/);
  });

  it("rejects an unknown event type", () => {
    expect(() => parseAgentLine('{"type":"progress","id":"r"}')).toThrow(/invalid event at type/);
  });

  it("names the field that is wrong", () => {
    expect(() => parseAgentLine('{"type":"output","id":"r","stream":"stdin","data":""}')).toThrow(/at stream/);
    expect(() => parseAgentLine('{"type":"artifact","id":"r","name":"a","bytes":-1}')).toThrow(/at bytes/);
  });

  it("rejects JSON that is not an object", () => {
    expect(() => parseAgentLine("[1,2]")).toThrow(AgentProtocolError);
    expect(() => parseAgentLine("")).toThrow(/not JSON/);
  });

  it("shortens a long bad line in the error", () => {
    const error = (() => {
      try {
        parseAgentLine("x".repeat(10_000));
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(AgentProtocolError);
    expect((error as Error).message.length).toBeLessThan(300);
  });
});
