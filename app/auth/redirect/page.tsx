import { RedirectBridge } from "@/components/auth/RedirectBridge";

// Where the identity provider sends sign-in and sign-out responses (the app registration's
// redirect URI). It hands them to the window that asked: the popup's opener, or the page that
// started a redirect sign-in.
export default function AuthRedirectPage() {
  return <RedirectBridge />;
}
