"use client";

import { ConnectorServersForm } from "./ConnectorServersForm";

export default function SendConnectorsPage() {
  return <ConnectorServersForm page="send-connectors" />;
}
