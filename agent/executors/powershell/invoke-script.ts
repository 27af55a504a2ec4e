/**
 * The one PowerShell script the agent runs for every cmdlet. Its text never changes: the job
 * (cmdlet name, parameters, credentials, server) arrives as JSON on stdin and is splatted, so no
 * value from the server is ever parsed as PowerShell. Written for Windows PowerShell 5.1 and
 * PowerShell 7 alike (5.1 is on every Exchange server; 7 has no -AsHashtable in 5.1's place).
 */
import { AGENT_ALLOWED_CMDLETS } from "@/lib/agents/protocol";

// The allow-list is checked in TypeScript before PowerShell starts; the script checks it again so
// that the script alone is safe too. Names are constants matching Verb-Noun, safe to quote.
const allowList = AGENT_ALLOWED_CMDLETS.map((name) => `'${name}'`).join(",");

export const INVOKE_CMDLET_SCRIPT = `
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
  # Depth 8 = the reply's two levels + 6 levels of each returned object.
  $bytes = $utf8.GetBytes((ConvertTo-Json -InputObject $reply -Depth 8 -Compress))
  $stdout = [Console]::OpenStandardOutput()
  $stdout.Write($bytes, 0, $bytes.Length)
  $stdout.Flush()
}

$phase = 'read'
$session = $null
try {
  $reader = New-Object System.IO.StreamReader([Console]::OpenStandardInput(), $utf8)
  $jsonOptions = @{}
  # PowerShell 7.0-7.4 turn date-like strings into DateTime; 7.5+ can be told not to.
  if ((Get-Command ConvertFrom-Json).Parameters.ContainsKey('DateKind')) { $jsonOptions['DateKind'] = 'String' }
  $request = ConvertTo-PlainValue ($reader.ReadToEnd() | ConvertFrom-Json @jsonOptions)
  $cmdlet = [string]$request['cmdlet']
  if ($allowedCmdlets -cnotcontains $cmdlet) { throw "The cmdlet '$cmdlet' is not on this agent's allow-list." }

  # Common parameters (-OutVariable, -ErrorAction, -WhatIf...) change how the cmdlet runs, not what it
  # does; PowerShell binds any prefix of them, so a name that begins one is refused (checked in
  # TypeScript first, again here so that the script alone is safe too).
  $commonParameters = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters + @('ProgressAction')
  $commonAliases = @('vb','db','ea','wa','infa','proga','ev','wv','iv','ov','ob','pv','wi','cf','usetx')
  $requestedNames = @()
  if ($request['parameters']) { $requestedNames += @($request['parameters'].Keys) }
  if ($request['credentials']) { $requestedNames += @($request['credentials'].Keys) }
  foreach ($name in $requestedNames) {
    $isCommon = $commonAliases -contains $name
    foreach ($common in $commonParameters) { if ($common.StartsWith([string]$name, [System.StringComparison]::OrdinalIgnoreCase)) { $isCommon = $true } }
    if ($isCommon) { throw "The parameter '$name' is one of PowerShell's common parameters, which a job may not set." }
  }

  $parameters = @{}
  if ($request['parameters']) {
    foreach ($name in $request['parameters'].Keys) { $parameters[$name] = $request['parameters'][$name] }
  }
  if ($request['credentials']) {
    foreach ($name in $request['credentials'].Keys) {
      $entry = $request['credentials'][$name]
      $password = ConvertTo-SecureString -String ([string]$entry['password']) -AsPlainText -Force
      $parameters[$name] = New-Object System.Management.Automation.PSCredential([string]$entry['userName'], $password)
    }
  }

  $phase = 'connect'
  $uri = (New-Object System.UriBuilder('http', [string]$request['server'], 80, 'PowerShell/')).Uri
  $session = New-PSSession -ConfigurationName Microsoft.Exchange -ConnectionUri $uri -Authentication Kerberos
  Import-PSSession -Session $session -CommandName $cmdlet -DisableNameChecking -AllowClobber | Out-Null

  $phase = 'run'
  $cmdletWarnings = $null
  $output = & $cmdlet @parameters -WarningVariable cmdletWarnings -WarningAction SilentlyContinue
  $warnings = @($cmdletWarnings | ForEach-Object { [string]$_ })
  Write-Reply @{ ok = $true; objects = @($output); warnings = $warnings }
}
catch {
  $record = $_
  $exception = $record.Exception
  # A dropped or unreachable session is worth another try; a refused login (access denied, 5) is not.
  $isTransport = $exception -is [System.Management.Automation.Remoting.PSRemotingTransportException]
  $transient = ($isTransport -and $exception.ErrorCode -ne 5) -or ([string]$record.FullyQualifiedErrorId -like '*Broken*')
  Write-Reply @{
    ok = $false
    error = @{
      message = $exception.Message
      category = [string]$record.CategoryInfo.Category
      errorId = [string]$record.FullyQualifiedErrorId
      transient = [bool]$transient
      phase = $phase
    }
  }
}
finally {
  if ($session) { Remove-PSSession -Session $session -ErrorAction SilentlyContinue }
}
`;

/** Prints the PowerShell version: proves the program starts and runs a script. */
export const CHECK_POWERSHELL_SCRIPT = "$PSVersionTable.PSVersion.ToString()";
