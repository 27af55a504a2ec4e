"use client";

import { ConnectorServersForm } from "./ConnectorServersForm";

export default function ReceiveConnectorsPage() {
  return <ConnectorServersForm page="receive-connectors" />;
}
