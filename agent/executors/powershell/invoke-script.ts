/**
 * The PowerShell scripts the agent runs: one for a single cmdlet, one for a job of reads. Their
 * text never changes: the job (cmdlets, parameters, credentials, server) arrives as JSON on stdin
 * and is splatted, so no value from the server is ever parsed as PowerShell. Written for Windows
 * PowerShell 5.1 and PowerShell 7 alike (5.1 is on every Exchange server; 7 has no -AsHashtable in
 * 5.1's place). Both share one frame: reading the request, opening the session, the error reply.
 */
import { AGENT_ALLOWED_CMDLETS, AGENT_PROBES } from "@/lib/agents/protocol";

// The allow-list is checked in TypeScript before PowerShell starts; the script checks it again so
// that the script alone is safe too. Names are constants matching Verb-Noun, safe to quote.
const quoted = (names: readonly string[]) => names.map((name) => `'${name}'`).join(",");
const allowList = quoted(AGENT_ALLOWED_CMDLETS);
const readList = quoted(AGENT_ALLOWED_CMDLETS.filter((name) => name.startsWith("Get-")));
const probeList = quoted(AGENT_PROBES);

/** `body` runs inside the frame's try, with `$request` read and `$phase` = 'read'. */
function framedScript(body: string): string {
  return `
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$allowedCmdlets = @(${allowList})
$utf8 = New-Object System.Text.UTF8Encoding $false
# Windows PowerShell 5.1 would otherwise write arrays as {"value":[...],"Count":n}.
if ($PSVersionTable.PSVersion.Major -lt 6) { Remove-TypeData -TypeName System.Array -ErrorAction SilentlyContinue }

function ConvertTo-PlainValue($value) {
  if ($null -eq $value) { return $null }
  if ($value -is [System.Management.Automation.PSCustomObject]) {
    $table = @{}
    foreach ($property in $value.PSObject.Properties) { $table[$property.Name] = ConvertTo-PlainValue $property.Value }
    return $table
  }
  if ($value -is [System.Array]) {
    $list = New-Object System.Collections.Generic.List[object]
    foreach ($item in $value) { $list.Add((ConvertTo-PlainValue $item)) }
    return ,$list.ToArray()
  }
  return $value
}

function Write-Reply($reply) {
  # Depth 10 = up to four levels of reply (reply, results, result, objects) + 6 levels of each object.
  $bytes = $utf8.GetBytes((ConvertTo-Json -InputObject $reply -Depth 10 -Compress))
  $stdout = [Console]::OpenStandardOutput()
  $stdout.Write($bytes, 0, $bytes.Length)
  $stdout.Flush()
}

function ConvertTo-JobError($record, $phase) {
  $exception = $record.Exception
  # A dropped or unreachable session is worth another try; a refused login (access denied, 5) is not.
  $isTransport = $exception -is [System.Management.Automation.Remoting.PSRemotingTransportException]
  $transient = ($isTransport -and $exception.ErrorCode -ne 5) -or ([string]$record.FullyQualifiedErrorId -like '*Broken*')
  return @{
    message = $exception.Message
    category = [string]$record.CategoryInfo.Category
    errorId = [string]$record.FullyQualifiedErrorId
    transient = [bool]$transient
    phase = $phase
  }
}

# Common parameters (-OutVariable, -ErrorAction, -WhatIf...) change how the cmdlet runs, not what it
# does; PowerShell binds any prefix of them, so a name that begins one is refused (checked in
# TypeScript first, again here so that the script alone is safe too).
function Assert-NoCommonParameters($names) {
  $commonParameters = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters + @('ProgressAction')
  $commonAliases = @('vb','db','ea','wa','infa','proga','ev','wv','iv','ov','ob','pv','wi','cf','usetx')
  foreach ($name in $names) {
    $isCommon = $commonAliases -contains $name
    foreach ($common in $commonParameters) { if ($common.StartsWith([string]$name, [System.StringComparison]::OrdinalIgnoreCase)) { $isCommon = $true } }
    if ($isCommon) { throw "The parameter '$name' is one of PowerShell's common parameters, which a job may not set." }
  }
}

function ConvertTo-Splat($source) {
  $parameters = @{}
  if ($source) { foreach ($name in $source.Keys) { $parameters[$name] = $source[$name] } }
  return $parameters
}

# The run's own on-premises account, when it named one; else $null and the session is the agent's.
function Get-SessionCredential($request) {
  $entry = $request['sessionCredential']
  if (-not $entry) { return $null }
  $password = ConvertTo-SecureString -String ([string]$entry['password']) -AsPlainText -Force
  return New-Object System.Management.Automation.PSCredential([string]$entry['userName'], $password)
}

# Splatted: -Credential with the run's own account, nothing (the agent's account) without one.
function Get-AccountParameters($credential) {
  $account = @{}
  if ($credential) { $account['Credential'] = $credential }
  return $account
}

function Open-ExchangeSession($server, $credential) {
  $uri = (New-Object System.UriBuilder('http', [string]$server, 80, 'PowerShell/')).Uri
  $account = Get-AccountParameters $credential
  return New-PSSession -ConfigurationName Microsoft.Exchange -ConnectionUri $uri -Authentication Kerberos @account
}

$phase = 'read'
$session = $null
try {
  $reader = New-Object System.IO.StreamReader([Console]::OpenStandardInput(), $utf8)
  $jsonOptions = @{}
  # PowerShell 7.0-7.4 turn date-like strings into DateTime; 7.5+ can be told not to.
  if ((Get-Command ConvertFrom-Json).Parameters.ContainsKey('DateKind')) { $jsonOptions['DateKind'] = 'String' }
  $request = ConvertTo-PlainValue ($reader.ReadToEnd() | ConvertFrom-Json @jsonOptions)
${body}
}
catch {
  Write-Reply @{ ok = $false; error = (ConvertTo-JobError $_ $phase) }
}
finally {
  if ($session) { Remove-PSSession -Session $session -ErrorAction SilentlyContinue }
}
`;
}

export const INVOKE_CMDLET_SCRIPT = framedScript(`
  $cmdlet = [string]$request['cmdlet']
  if ($allowedCmdlets -cnotcontains $cmdlet) { throw "The cmdlet '$cmdlet' is not on this agent's allow-list." }
  $requestedNames = @()
  if ($request['parameters']) { $requestedNames += @($request['parameters'].Keys) }
  if ($request['credentials']) { $requestedNames += @($request['credentials'].Keys) }
  Assert-NoCommonParameters $requestedNames
  $parameters = ConvertTo-Splat $request['parameters']
  if ($request['credentials']) {
    foreach ($name in $request['credentials'].Keys) {
      $entry = $request['credentials'][$name]
      $password = ConvertTo-SecureString -String ([string]$entry['password']) -AsPlainText -Force
      $parameters[$name] = New-Object System.Management.Automation.PSCredential([string]$entry['userName'], $password)
    }
  }

  $phase = 'connect'
  $session = Open-ExchangeSession $request['server'] (Get-SessionCredential $request)
  Import-PSSession -Session $session -CommandName $cmdlet -DisableNameChecking -AllowClobber | Out-Null

  $phase = 'run'
  $cmdletWarnings = $null
  $output = & $cmdlet @parameters -WarningVariable cmdletWarnings -WarningAction SilentlyContinue
  $warnings = @($cmdletWarnings | ForEach-Object { [string]$_ })
  Write-Reply @{ ok = $true; objects = @($output); warnings = $warnings }`);

/**
 * A job of reads: one session, every read's cmdlet imported once, each read run in turn with its
 * own result, so one refused read does not lose the others. The ExSetup probe runs a fixed script
 * block on the named server (Invoke-Command -ComputerName; the name is a parameter, not text).
 */
export const INVOKE_READS_SCRIPT = framedScript(`
  $readCmdlets = @(${readList})
  $probes = @(${probeList})
  $reads = @($request['reads'])
  foreach ($read in $reads) {
    $name = [string]$read['cmdlet']
    if ($readCmdlets -cnotcontains $name) { throw "The cmdlet '$name' is not a read on this agent's allow-list." }
    if ($read['parameters']) { Assert-NoCommonParameters @($read['parameters'].Keys) }
  }

  $phase = 'connect'
  $sessionCredential = Get-SessionCredential $request
  $session = Open-ExchangeSession $request['server'] $sessionCredential
  $sessionCmdlets = @($reads | ForEach-Object { [string]$_['cmdlet'] } | Where-Object { $probes -cnotcontains $_ } | Select-Object -Unique)
  if ($sessionCmdlets.Count -gt 0) {
    Import-PSSession -Session $session -CommandName $sessionCmdlets -DisableNameChecking -AllowClobber | Out-Null
  }

  $phase = 'run'
  $results = New-Object System.Collections.Generic.List[object]
  foreach ($read in $reads) {
    $name = [string]$read['cmdlet']
    $parameters = ConvertTo-Splat $read['parameters']
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $cmdletWarnings = $null
    try {
      if ($name -ceq 'Get-ExSetupFileVersion') {
        $server = [string]$parameters['Server']
        $probeAccount = Get-AccountParameters $sessionCredential
        $remote = Invoke-Command -ComputerName $server -ScriptBlock { [string](Get-Command ExSetup.exe).FileVersionInfo.FileVersion } @probeAccount
        $output = @(@{ Server = $server; FileVersion = [string]$remote })
      } else {
        $output = & $name @parameters -WarningVariable cmdletWarnings -WarningAction SilentlyContinue
      }
      $warnings = @($cmdletWarnings | ForEach-Object { [string]$_ })
      $results.Add(@{ ok = $true; cmdlet = $name; objects = @($output); warnings = $warnings; durationMs = $watch.ElapsedMilliseconds })
    }
    catch {
      $results.Add(@{ ok = $false; cmdlet = $name; error = (ConvertTo-JobError $_ 'run'); warnings = @(); durationMs = $watch.ElapsedMilliseconds })
    }
  }
  Write-Reply @{ ok = $true; results = $results.ToArray() }`);

/** Prints the PowerShell version: proves the program starts and runs a script. */
export const CHECK_POWERSHELL_SCRIPT = "$PSVersionTable.PSVersion.ToString()";
