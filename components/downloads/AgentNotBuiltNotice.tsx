/** Said instead of the download when the server has no agent file to serve. */
export function AgentNotBuiltNotice({ buildCommand }: { buildCommand: string }) {
  return (
    <div className="mt-6 rounded-md border border-amber-300 bg-amber-50 p-4 text-amber-900" role="alert">
      <p className="font-semibold">The agent download has not been built on this server.</p>
      <p className="mt-2">
        Whoever runs this server can build it in the repository with{" "}
        <code className="rounded bg-amber-100 px-1">{buildCommand}</code>. <code>npm install</code> and{" "}
        <code>npm start</code> build it by themselves, so this usually means the server was started another
        way.
      </p>
    </div>
  );
}
