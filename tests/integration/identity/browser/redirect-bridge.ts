import { broadcastResponseToMainFrame } from "@azure/msal-browser/redirect-bridge";

// The popup's redirect page: hands the authorization response back to the app's window.
void broadcastResponseToMainFrame();
