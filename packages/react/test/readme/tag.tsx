import "@otl/link"; // defines <otl-link>
import type {} from "@otl/react"; // types <otl-link> in TSX

export const Share = ({ accessToken }: { accessToken: string }) => (
  <otl-link
    base-url="https://otl.example.com"
    access-token={accessToken}
    onotl-finish={(event) => console.log(event.detail.flow.connections)}
  />
);
