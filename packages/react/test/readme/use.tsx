import { OtlLink } from "@otl/react";

/** The consent flow for an access token your backend minted (POST /v1/companies/:id/access-tokens). */
export function ShareAccounts({ accessToken, onDone }: { accessToken: string; onDone: () => void }) {
  return (
    <OtlLink
      baseUrl="https://otl.example.com"
      accessToken={accessToken}
      theme="auto"
      onStep={(event) => console.log("step", event.detail.step)}
      onFinish={(event) => {
        console.log("shared", event.detail.flow.connections);
        onDone();
      }}
      onError={(event) => console.warn(event.detail.code, event.detail.message)}
    />
  );
}
