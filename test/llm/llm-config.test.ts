import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../bot/config.ts";

describe("the optional LLM's configuration", () => {
  it("is off by default and points at OpenAI with an 8 s timeout", () => {
    const config = loadConfig({});
    expect(config.OPENAI_API_KEY).toBeUndefined();
    expect(config).toMatchObject({ OPENAI_BASE_URL: "https://api.openai.com/v1", OPENAI_MODEL: "gpt-4o-mini", OPENAI_TIMEOUT_MS: 8_000 });
  });

  it("takes any OpenAI-compatible server", () => {
    expect(loadConfig({ OPENAI_API_KEY: "ollama", OPENAI_BASE_URL: "http://localhost:11434/v1", OPENAI_MODEL: "llama3.2" })).toMatchObject({ OPENAI_BASE_URL: "http://localhost:11434/v1", OPENAI_MODEL: "llama3.2" });
  });

  it("refuses a timeout over 8 s and a base URL that is not http(s)", () => {
    expect(() => loadConfig({ OPENAI_TIMEOUT_MS: "30000" })).toThrow(/OPENAI_TIMEOUT_MS: must be at most 8000/);
    expect(() => loadConfig({ OPENAI_BASE_URL: "ftp://models.example.com" })).toThrow(ConfigError);
  });
});
