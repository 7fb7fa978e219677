"use client";
import { OtlLink } from "@otl/react";
import { useEffect, useState } from "react";

/** Asks your backend for a new single-use access token; the API key stays there. */
async function newAccessToken(signal?: AbortSignal): Promise<string> {
  const response = await fetch("/api/otl-session", { cache: "no-store", signal });
  if (!response.ok) throw new Error(`GET /api/otl-session answered ${response.status}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

export function Share() {
  const [accessToken, setAccessToken] = useState<string>();
  useEffect(() => {
    // An ordinary fetch in an effect, cancelled when the effect is cleaned up: no StrictMode guard needed.
    const abort = new AbortController();
    newAccessToken(abort.signal).then(setAccessToken, () => {});
    return () => abort.abort();
  }, []);
  if (!accessToken) return <p role="status">Loading…</p>;
  // fetchAccessToken: a fresh token when the session expires mid-flow; the customer stays on their step.
  return <OtlLink baseUrl="https://otl.example.com" accessToken={accessToken} fetchAccessToken={() => newAccessToken()} />;
}
