"use client";

import { useId } from "react";

/** A field's problem, as the service named it (issues' `path`) or the form found it. */
export type FieldErrors = Partial<Record<"userName" | "password", string>>;

const inputClass =
  "mt-1 block w-full rounded border border-slate-300 px-3 py-1.5 aria-[invalid=true]:border-red-600";

function Field(props: {
  label: string;
  hint: string;
  type: "text" | "password";
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="block font-medium text-slate-800">
        {props.label}
      </label>
      <input
        id={id}
        type={props.type}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
        // The password is for the run, not this browser's password manager.
        autoComplete="off"
        spellCheck={false}
        required
        aria-invalid={props.error ? true : undefined}
        aria-describedby={`${id}-hint${props.error ? ` ${id}-error` : ""}`}
        className={inputClass}
      />
      <p id={`${id}-hint`} className="mt-1 text-slate-500">
        {props.hint}
      </p>
      {props.error && (
        <p id={`${id}-error`} className="mt-1 text-red-700">
          {props.error}
        </p>
      )}
    </div>
  );
}

/** The user name and password of an on-premises account, each with its hint and its error. */
export function AccountFields(props: {
  userName: string;
  password: string;
  errors: FieldErrors;
  userNameHint: string;
  passwordHint: string;
  onUserName: (value: string) => void;
  onPassword: (value: string) => void;
}) {
  return (
    <>
      <Field
        label="User name"
        hint={props.userNameHint}
        type="text"
        value={props.userName}
        error={props.errors.userName}
        onChange={props.onUserName}
      />
      <Field
        label="Password"
        hint={props.passwordHint}
        type="password"
        value={props.password}
        error={props.errors.password}
        onChange={props.onPassword}
      />
    </>
  );
}
