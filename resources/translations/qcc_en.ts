<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>QObject</name>
    <message>
        <source>The key contains spaces or line breaks; paste it again</source>
        <translation>The key contains spaces or line breaks; paste it again</translation>
    </message>
    <message numerus="yes">
        <source>%n s ago</source>
        <translation>
            <numerusform>%n s ago</numerusform>
            <numerusform>%n s ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n min ago</numerusform>
            <numerusform>%n min ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>%n h ago</numerusform>
            <numerusform>%n h ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n d ago</source>
        <translation>
            <numerusform>%n d ago</numerusform>
            <numerusform>%n d ago</numerusform>
        </translation>
    </message>
    <message>
        <source>now</source>
        <translation>now</translation>
    </message>
    <message numerus="yes">
        <source>in %n s</source>
        <translation>
            <numerusform>in %n s</numerusform>
            <numerusform>in %n s</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>healthy</source>
        <translation>healthy</translation>
    </message>
    <message>
        <source>not used yet</source>
        <translation>not used yet</translation>
    </message>
    <message>
        <source>failing</source>
        <translation>failing</translation>
    </message>
    <message>
        <source>rate-limited</source>
        <translation>rate-limited</translation>
    </message>
    <message>
        <source>isolated</source>
        <translation>isolated</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>disabled</translation>
    </message>
    <message>
        <source>key rejected</source>
        <translation>key rejected</translation>
    </message>
    <message>
        <source>rate limit</source>
        <translation>rate limit</translation>
    </message>
    <message>
        <source>endpoint failure</source>
        <translation>endpoint failure</translation>
    </message>
    <message>
        <source>Some endpoint keys are unavailable</source>
        <translation>Some endpoint keys are unavailable</translation>
    </message>
    <message>
        <source>QCC</source>
        <translation>QCC</translation>
    </message>
    <message numerus="yes">
        <source>%n API key(s) are stored in plain text in %1.
Move them into the %2?</source>
        <translation>
            <numerusform>%n API key is stored in plain text in %1.
Move it into the %2?</numerusform>
            <numerusform>%n API keys are stored in plain text in %1.
Move them into the %2?</numerusform>
        </translation>
    </message>
    <message>
        <source>Welcome to QCC. Add the Claude API endpoints you pay for: the official API and any relays. Primary endpoints serve first; secondary ones only when no primary works.</source>
        <translation>Welcome to QCC. Add the Claude API endpoints you pay for: the official API and any relays. Primary endpoints serve first; secondary ones only when no primary works.</translation>
    </message>
    <message>
        <source>not usable: no key</source>
        <translation>not usable: no key</translation>
    </message>
    <message>
        <source>not usable: no key (%1)</source>
        <translation>not usable: no key (%1)</translation>
    </message>
    <message>
        <source>Rename models, line %1: write it as the name Claude Code asks for = the name this endpoint uses</source>
        <translation>Rename models, line %1: write it as the name Claude Code asks for = the name this endpoint uses</translation>
    </message>
    <message>
        <source>Rename models, line %1: %2 is renamed twice</source>
        <translation>Rename models, line %1: %2 is renamed twice</translation>
    </message>
</context>
<context>
    <name>qcc</name>
    <message>
        <source>no keychain is available (%1); use api_key_env or a key in the 0600 config file</source>
        <translation>no keychain is available (%1); use api_key_env or a key in the 0600 config file</translation>
    </message>
    <message>
        <source>the keychain refused access: %1</source>
        <translation>the keychain refused access: %1</translation>
    </message>
    <message>
        <source>keychain error: %1</source>
        <translation>keychain error: %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>missing</translation>
    </message>
    <message>
        <source>expected an object</source>
        <translation>expected an object</translation>
    </message>
    <message>
        <source>expected a string</source>
        <translation>expected a string</translation>
    </message>
    <message>
        <source>expected an integer</source>
        <translation>expected an integer</translation>
    </message>
    <message>
        <source>must be between %1 and %2</source>
        <translation>must be between %1 and %2</translation>
    </message>
    <message>
        <source>expected true or false</source>
        <translation>expected true or false</translation>
    </message>
    <message>
        <source>expected an array</source>
        <translation>expected an array</translation>
    </message>
    <message>
        <source>true, but the key is also given here; keep one</source>
        <translation>true, but the key is also given here; keep one</translation>
    </message>
    <message>
        <source>not an http(s) URL</source>
        <translation>not an http(s) URL</translation>
    </message>
    <message>
        <source>must be x-api-key, bearer or both</source>
        <translation>must be x-api-key, bearer or both</translation>
    </message>
    <message>
        <source>must be primary or secondary</source>
        <translation>must be primary or secondary</translation>
    </message>
    <message>
        <source>must be none, system, http://host:port or socks5://host:port</source>
        <translation>must be none, system, http://host:port or socks5://host:port</translation>
    </message>
    <message>
        <source>set together with api_key; use one</source>
        <translation>set together with api_key; use one</translation>
    </message>
    <message>
        <source>environment variable %1 is not set</source>
        <translation>environment variable %1 is not set</translation>
    </message>
    <message>
        <source>key contains a line break</source>
        <translation>key contains a line break</translation>
    </message>
    <message>
        <source>%1 is not a loopback address; listening there requires an access_token</source>
        <translation>%1 is not a loopback address; listening there requires an access_token</translation>
    </message>
    <message>
        <source>(file): invalid JSON at line %1: %2</source>
        <translation>(file): invalid JSON at line %1: %2</translation>
    </message>
    <message>
        <source>(file): expected a JSON object</source>
        <translation>(file): expected a JSON object</translation>
    </message>
    <message>
        <source>must be 1</source>
        <translation>must be 1</translation>
    </message>
    <message>
        <source>not an IP address or localhost</source>
        <translation>not an IP address or localhost</translation>
    </message>
    <message>
        <source>duplicate cluster name %1</source>
        <translation>duplicate cluster name %1</translation>
    </message>
    <message>
        <source>duplicate id %1 (same as %2.endpoints[%3])</source>
        <translation>duplicate id %1 (same as %2.endpoints[%3])</translation>
    </message>
    <message>
        <source>no cluster named &quot;%1&quot;</source>
        <translation>no cluster named &quot;%1&quot;</translation>
    </message>
    <message>
        <source>must be messages or models</source>
        <translation>must be messages or models</translation>
    </message>
    <message>
        <source>must not be empty</source>
        <translation>must not be empty</translation>
    </message>
    <message>
        <source>no &quot;profiles&quot; found: not a cache.json of the earlier QCC</source>
        <translation>no &quot;profiles&quot; found: not a cache.json of the earlier QCC</translation>
    </message>
    <message>
        <source>%1: endpoint %2 skipped: base_url &quot;%3&quot; is not an http(s) URL</source>
        <translation>%1: endpoint %2 skipped: base_url &quot;%3&quot; is not an http(s) URL</translation>
    </message>
    <message>
        <source>%1: endpoint %2 skipped: same URL and key as an earlier one</source>
        <translation>%1: endpoint %2 skipped: same URL and key as an earlier one</translation>
    </message>
    <message>
        <source>%1: not a JSON object (%2)</source>
        <translation>%1: not a JSON object (%2)</translation>
    </message>
    <message>
        <source>HTTP %1 with an empty body</source>
        <translation>HTTP %1 with an empty body</translation>
    </message>
    <message>
        <source>HTTP %1 with an HTML page</source>
        <translation>HTTP %1 with an HTML page</translation>
    </message>
    <message>
        <source>HTTP %1 with a body that is not JSON</source>
        <translation>HTTP %1 with a body that is not JSON</translation>
    </message>
    <message>
        <source>HTTP %1 with an error body: %2</source>
        <translation>HTTP %1 with an error body: %2</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>ok</translation>
    </message>
    <message>
        <source>HTTP %1 but not a model list</source>
        <translation>HTTP %1 but not a model list</translation>
    </message>
    <message>
        <source>reply did not contain the code %1 (got &quot;%2&quot;)</source>
        <translation>reply did not contain the code %1 (got &quot;%2&quot;)</translation>
    </message>
    <message>
        <source>timeout after %1 ms</source>
        <translation>timeout after %1 ms</translation>
    </message>
    <message>
        <source>reply larger than 4 MiB</source>
        <translation>reply larger than 4 MiB</translation>
    </message>
    <message>
        <source>port %1 on %2 is already in use (another QCC, or another program); stop it or choose another port with --port or listen.port</source>
        <translation>port %1 on %2 is already in use (another QCC, or another program); stop it or choose another port with --port or listen.port</translation>
    </message>
    <message>
        <source>cannot listen on %1:%2: %3</source>
        <translation>cannot listen on %1:%2: %3</translation>
    </message>
    <message>
        <source>%1; still listening on %2</source>
        <translation>%1; still listening on %2</translation>
    </message>
    <message>
        <source>%1; and the previous address failed too: %2</source>
        <translation>%1; and the previous address failed too: %2</translation>
    </message>
    <message>
        <source>cannot create the default config: %1</source>
        <translation>cannot create the default config: %1</translation>
    </message>
    <message>
        <source>no key stored for %1</source>
        <translation>no key stored for %1</translation>
    </message>
    <message>
        <source>the keychain did not answer within %1 s</source>
        <translation>the keychain did not answer within %1 s</translation>
    </message>
    <message>
        <source>no keychain is available</source>
        <translation>no keychain is available</translation>
    </message>
    <message>
        <source>malformed HTTP response: %1</source>
        <translation>malformed HTTP response: %1</translation>
    </message>
    <message>
        <source>connection closed before the response body ended</source>
        <translation>connection closed before the response body ended</translation>
    </message>
    <message>
        <source>connection closed before a response arrived</source>
        <translation>connection closed before a response arrived</translation>
    </message>
    <message>
        <source>connection closed</source>
        <translation>connection closed</translation>
    </message>
    <message>
        <source>connect failed: %1</source>
        <translation>connect failed: %1</translation>
    </message>
    <message>
        <source>connection error: %1</source>
        <translation>connection error: %1</translation>
    </message>
    <message>
        <source>connect timeout after %1 ms</source>
        <translation>connect timeout after %1 ms</translation>
    </message>
    <message>
        <source>no response within %1 ms</source>
        <translation>no response within %1 ms</translation>
    </message>
    <message>
        <source>no data for %1 ms</source>
        <translation>no data for %1 ms</translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
    <message>
        <source>HTTP %1: %2</source>
        <translation>HTTP %1: %2</translation>
    </message>
    <message>
        <source>upstream sent Content-Encoding %1, which the client did not accept</source>
        <translation>upstream sent Content-Encoding %1, which the client did not accept</translation>
    </message>
    <message>
        <source>stream error before content: %1</source>
        <translation>stream error before content: %1</translation>
    </message>
    <message>
        <source>stream ended before any content</source>
        <translation>stream ended before any content</translation>
    </message>
    <message>
        <source>stream error after content</source>
        <translation>stream error after content</translation>
    </message>
    <message>
        <source>HTTP %1 with an error body</source>
        <translation>HTTP %1 with an error body</translation>
    </message>
    <message>
        <source>HTTP %1 with a body that is not a JSON object</source>
        <translation>HTTP %1 with a body that is not a JSON object</translation>
    </message>
    <message>
        <source>no response</source>
        <translation>no response</translation>
    </message>
    <message>
        <source>failed after the response started: %1</source>
        <translation>failed after the response started: %1</translation>
    </message>
    <message>
        <source>cannot read the request body back from its temporary file: %1</source>
        <translation>cannot read the request body back from its temporary file: %1</translation>
    </message>
    <message>
        <source>it is in the keychain, which only qcc-tray reads</source>
        <translation>it is in the keychain, which only qcc-tray reads</translation>
    </message>
    <message>
        <source>is QCC&apos;s own access token (access_token), which Claude Code sends to QCC; an endpoint needs its own API key (is ANTHROPIC_API_KEY set to QCC&apos;s token?)</source>
        <translation>is QCC&apos;s own access token (access_token), which Claude Code sends to QCC; an endpoint needs its own API key (is ANTHROPIC_API_KEY set to QCC&apos;s token?)</translation>
    </message>
    <message>
        <source>no key: %1</source>
        <translation>no key: %1</translation>
    </message>
    <message>
        <source>connection reset</source>
        <translation>connection reset</translation>
    </message>
    <message>
        <source>the client read nothing for %1 ms</source>
        <translation>the client read nothing for %1 ms</translation>
    </message>
    <message>
        <source>HTTP %1 with an encoded body (Content-Encoding %2), which QCC did not ask for</source>
        <translation>HTTP %1 with an encoded body (Content-Encoding %2), which QCC did not ask for</translation>
    </message>
    <message>
        <source>an event grew past %1 bytes without ending</source>
        <translation>an event grew past %1 bytes without ending</translation>
    </message>
    <message>
        <source>the stream ended without message_stop</source>
        <translation>the stream ended without message_stop</translation>
    </message>
    <message>
        <source>the answer passed %1 bytes before it could be judged (limits.max_held_response_bytes)</source>
        <translation>the answer passed %1 bytes before it could be judged (limits.max_held_response_bytes)</translation>
    </message>
    <message>
        <source>not read from the %1: %2</source>
        <translation>not read from the %1: %2</translation>
    </message>
    <message>
        <source>%1 (%2): key %3</source>
        <translation>%1 (%2): key %3</translation>
    </message>
    <message>
        <source>it is in the keychain, but %1</source>
        <translation>it is in the keychain, but %1</translation>
    </message>
    <message>
        <source>it is disabled</source>
        <translation>it is disabled</translation>
    </message>
    <message>
        <source>it has no key</source>
        <translation>it has no key</translation>
    </message>
    <message>
        <source>it is isolated</source>
        <translation>it is isolated</translation>
    </message>
    <message>
        <source>it is rate-limited</source>
        <translation>it is rate-limited</translation>
    </message>
    <message>
        <source>it is not in the active cluster</source>
        <translation>it is not in the active cluster</translation>
    </message>
    <message>
        <source>more than %1 models</source>
        <translation>more than %1 models</translation>
    </message>
    <message>
        <source>a model name must have 1 to %1 characters: &quot;%2&quot;</source>
        <translation>a model name must have 1 to %1 characters: &quot;%2&quot;</translation>
    </message>
    <message>
        <source>must have 1 to %1 characters</source>
        <translation>must have 1 to %1 characters</translation>
    </message>
    <message>
        <source>must be an absolute path</source>
        <translation>must be an absolute path</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>cannot read %1: %2</translation>
    </message>
    <message>
        <source>%1 is larger than 1 MiB</source>
        <translation>%1 is larger than 1 MiB</translation>
    </message>
    <message>
        <source>%1 holds no PEM certificate</source>
        <translation>%1 holds no PEM certificate</translation>
    </message>
    <message>
        <source>it expired on %1</source>
        <translation>it expired on %1</translation>
    </message>
    <message>
        <source>it is not valid before %1</source>
        <translation>it is not valid before %1</translation>
    </message>
    <message>
        <source>it is for %1, not for this host</source>
        <translation>it is for %1, not for this host</translation>
    </message>
    <message>
        <source>its issuer %1 is not a trusted authority (for a private CA or a TLS-inspecting proxy, add its certificate with tls.ca_file)</source>
        <translation>its issuer %1 is not a trusted authority (for a private CA or a TLS-inspecting proxy, add its certificate with tls.ca_file)</translation>
    </message>
    <message>
        <source>the TLS certificate of %1 was refused: %2</source>
        <translation>the TLS certificate of %1 was refused: %2</translation>
    </message>
    <message>
        <source>QCC_NO_KEYCHAIN is set</source>
        <translation>QCC_NO_KEYCHAIN is set</translation>
    </message>
    <message>
        <source>must not contain a query, a fragment or a user name</source>
        <translation>must not contain a query, a fragment or a user name</translation>
    </message>
</context>
<context>
    <name>qcc::AboutDialog</name>
    <message>
        <source>About QCC</source>
        <translation>About QCC</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Build</source>
        <translation>Build</translation>
    </message>
    <message>
        <source>Qt %1 (built with %2), %3 sockets, %4</source>
        <translation>Qt %1 (built with %2), %3 sockets, %4</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Config file</source>
        <translation>Config file</translation>
    </message>
    <message>
        <source>Logs and state</source>
        <translation>Logs and state</translation>
    </message>
    <message>
        <source>LGPL-3.0 (The Qt Company and contributors)</source>
        <translation>LGPL-3.0 (The Qt Company and contributors)</translation>
    </message>
    <message>
        <source>MIT licence (Fedor Indutny and contributors)</source>
        <translation>MIT licence (Fedor Indutny and contributors)</translation>
    </message>
    <message>
        <source>BSD-3-Clause licence (Frank Osterfeld and contributors)</source>
        <translation>BSD-3-Clause licence (Frank Osterfeld and contributors)</translation>
    </message>
    <message>
        <source>A local failover proxy for Claude Code.</source>
        <translation>A local failover proxy for Claude Code.</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copy</translation>
    </message>
</context>
<context>
    <name>qcc::ConfigProblemDialog</name>
    <message>
        <source>QCC — the config file needs fixing</source>
        <translation>QCC — the config file needs fixing</translation>
    </message>
    <message>
        <source>The proxy is not running: QCC cannot use its config file
%1

Fix what is listed below and save the file; QCC starts the proxy as soon as the file is valid.</source>
        <translation>The proxy is not running: QCC cannot use its config file
%1

Fix what is listed below and save the file; QCC starts the proxy as soon as the file is valid.</translation>
    </message>
    <message>
        <source>Open in text editor</source>
        <translation>Open in text editor</translation>
    </message>
    <message>
        <source>Show folder</source>
        <translation>Show folder</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>Check again</translation>
    </message>
    <message>
        <source>Quit QCC</source>
        <translation>Quit QCC</translation>
    </message>
</context>
<context>
    <name>qcc::EndpointsDialog</name>
    <message>
        <source>QCC — Endpoints</source>
        <translation>QCC — Endpoints</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Add</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>Re&amp;move</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Import…</translation>
    </message>
    <message>
        <source>From the earlier QCC (~/.fastcc/cache.json) or a QCC export file</source>
        <translation>From the earlier QCC (~/.fastcc/cache.json) or a QCC export file</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>E&amp;xport…</translation>
    </message>
    <message>
        <source>or the name of an environment variable</source>
        <translation>or the name of an environment variable</translation>
    </message>
    <message>
        <source>x-api-key header</source>
        <translation>x-api-key header</translation>
    </message>
    <message>
        <source>Authorization: Bearer</source>
        <translation>Authorization: Bearer</translation>
    </message>
    <message>
        <source>both</source>
        <translation>both</translation>
    </message>
    <message>
        <source>primary</source>
        <translation>primary</translation>
    </message>
    <message>
        <source>secondary (only when no primary works)</source>
        <translation>secondary (only when no primary works)</translation>
    </message>
    <message>
        <source>Use this endpoint</source>
        <translation>Use this endpoint</translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation>&amp;Test</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>Base URL</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API key</translation>
    </message>
    <message>
        <source>Send key as</source>
        <translation>Send key as</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Tier</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>Weight</translation>
    </message>
    <message>
        <source>Upstream proxy</source>
        <translation>Upstream proxy</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Testing…</translation>
    </message>
    <message>
        <source>%1: works (%2 ms)</source>
        <translation>%1: works (%2 ms)</translation>
    </message>
    <message>
        <source>%1: failed — %2</source>
        <translation>%1: failed — %2</translation>
    </message>
    <message>
        <source>stored in the keychain — type to replace</source>
        <translation>stored in the keychain — type to replace</translation>
    </message>
    <message>
        <source>Give either a key or an environment variable, not both</source>
        <translation>Give either a key or an environment variable, not both</translation>
    </message>
    <message>
        <source>new endpoint</source>
        <translation>new endpoint</translation>
    </message>
    <message numerus="yes">
        <source>%n endpoint(s) imported.</source>
        <translation>
            <numerusform>%n endpoint imported.</numerusform>
            <numerusform>%n endpoints imported.</numerusform>
        </translation>
    </message>
    <message>
        <source>Import endpoints</source>
        <translation>Import endpoints</translation>
    </message>
    <message>
        <source>JSON files (*.json);;All files (*)</source>
        <translation>JSON files (*.json);;All files (*)</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Export endpoints</source>
        <translation>Export endpoints</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON files (*.json)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Include the API keys in the file?
Anyone who gets the file can then use them.</source>
        <translation>Include the API keys in the file?
Anyone who gets the file can then use them.</translation>
    </message>
    <message>
        <source>secondary</source>
        <translation>secondary</translation>
    </message>
    <message>
        <source>The model this endpoint&apos;s checks ask for, for a relay that does not serve the default one (or names it differently).</source>
        <translation>The model this endpoint&apos;s checks ask for, for a relay that does not serve the default one (or names it differently).</translation>
    </message>
    <message>
        <source>Check with model</source>
        <translation>Check with model</translation>
    </message>
    <message>
        <source>default: %1</source>
        <translation>default: %1</translation>
    </message>
    <message>
        <source>claude-sonnet-4-5 = the name this endpoint uses
(one per line; models not listed keep their names)</source>
        <translation>claude-sonnet-4-5 = the name this endpoint uses
(one per line; models not listed keep their names)</translation>
    </message>
    <message>
        <source>For a relay that names models differently: requests sent to this endpoint ask for its name instead. Other endpoints get the request as Claude Code sent it.</source>
        <translation>For a relay that names models differently: requests sent to this endpoint ask for its name instead. Other endpoints get the request as Claude Code sent it.</translation>
    </message>
    <message>
        <source>Rename models</source>
        <translation>Rename models</translation>
    </message>
    <message>
        <source>Enter the endpoint&apos;s base URL, e.g. https://api.anthropic.com</source>
        <translation>Enter the endpoint&apos;s base URL, e.g. https://api.anthropic.com</translation>
    </message>
    <message>
        <source>Base URL: %1</source>
        <translation>Base URL: %1</translation>
    </message>
    <message>
        <source>Upstream proxy: %1</source>
        <translation>Upstream proxy: %1</translation>
    </message>
</context>
<context>
    <name>qcc::FailedNodesModel</name>
    <message>
        <source>Endpoint</source>
        <translation>Endpoint</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Why</translation>
    </message>
    <message>
        <source>Isolated</source>
        <translation>Isolated</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Checks</translation>
    </message>
    <message>
        <source>Last check</source>
        <translation>Last check</translation>
    </message>
    <message>
        <source>Next check</source>
        <translation>Next check</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>not yet</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>passed</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>qcc::FailedNodesWindow</name>
    <message>
        <source>All is well: no endpoint is isolated.
QCC re-checks isolated endpoints automatically and lists them here.</source>
        <translation>All is well: no endpoint is isolated.
QCC re-checks isolated endpoints automatically and lists them here.</translation>
    </message>
    <message>
        <source>&amp;Verify now</source>
        <translation>&amp;Verify now</translation>
    </message>
    <message>
        <source>Verify &amp;all</source>
        <translation>Verify &amp;all</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Restore</translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation>&amp;Disable</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Edit…</translation>
    </message>
    <message>
        <source>Probe the selected endpoint now; it comes back if it passes.</source>
        <translation>Probe the selected endpoint now; it comes back if it passes.</translation>
    </message>
    <message>
        <source>Put the selected endpoint back into rotation without a check.</source>
        <translation>Put the selected endpoint back into rotation without a check.</translation>
    </message>
    <message>
        <source>Take the selected endpoint out of use until you enable it again.</source>
        <translation>Take the selected endpoint out of use until you enable it again.</translation>
    </message>
    <message>
        <source>QCC</source>
        <translation>QCC</translation>
    </message>
    <message>
        <source>The endpoint could not be disabled:
%1</source>
        <translation>The endpoint could not be disabled:
%1</translation>
    </message>
    <message>
        <source>Select an endpoint to see why in full.</source>
        <translation>Select an endpoint to see why in full.</translation>
    </message>
    <message>
        <source>All time, kept across restarts: %1 isolations · %2 re-checks · %3 recoveries</source>
        <translation>All time, kept across restarts: %1 isolations · %2 re-checks · %3 recoveries</translation>
    </message>
    <message>
        <source>Isolations: times an endpoint entered this list. Re-checks: probes of listed endpoints. Recoveries: probes that passed and brought an endpoint back.</source>
        <translation>Isolations: times an endpoint entered this list. Re-checks: probes of listed endpoints. Recoveries: probes that passed and brought an endpoint back.</translation>
    </message>
    <message>
        <source>QCC — Failed endpoints</source>
        <translation>QCC — Failed endpoints</translation>
    </message>
</context>
<context>
    <name>qcc::MainWindow</name>
    <message>
        <source>QCC</source>
        <translation>QCC</translation>
    </message>
    <message>
        <source>&amp;QCC</source>
        <translation>&amp;QCC</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>Actions</translation>
    </message>
    <message>
        <source>Quit QCC? The proxy stops: Claude Code cannot reach your endpoints through QCC until you start it again.</source>
        <translation>Quit QCC? The proxy stops: Claude Code cannot reach your endpoints through QCC until you start it again.</translation>
    </message>
    <message>
        <source>Quit QCC</source>
        <translation>Quit QCC</translation>
    </message>
    <message>
        <source>Keep running, minimized</source>
        <translation>Keep running, minimized</translation>
    </message>
</context>
<context>
    <name>qcc::NodesModel</name>
    <message>
        <source>Tier</source>
        <translation>Tier</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>Endpoint</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Success</source>
        <translation>Success</translation>
    </message>
    <message>
        <source>Latency (last hour)</source>
        <translation>Latency (last hour)</translation>
    </message>
    <message>
        <source>Requests today</source>
        <translation>Requests today</translation>
    </message>
    <message>
        <source>Tokens today</source>
        <translation>Tokens today</translation>
    </message>
    <message>
        <source>primary</source>
        <translation>primary</translation>
    </message>
    <message>
        <source>secondary</source>
        <translation>secondary</translation>
    </message>
    <message>
        <source>isolated — see Failed endpoints</source>
        <translation>isolated — see Failed endpoints</translation>
    </message>
</context>
<context>
    <name>qcc::NodesWindow</name>
    <message>
        <source>&amp;Verify</source>
        <translation>&amp;Verify</translation>
    </message>
    <message>
        <source>Send the selected endpoint a real check request now.</source>
        <translation>Send the selected endpoint a real check request now.</translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation>&amp;Disable</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Edit…</translation>
    </message>
    <message>
        <source>&amp;Use this one</source>
        <translation>&amp;Use this one</translation>
    </message>
    <message>
        <source>Serve every request with the selected endpoint while it works, whatever its tier (the tray menu&apos;s Use endpoint → Automatic undoes it).</source>
        <translation>Serve every request with the selected endpoint while it works, whatever its tier (the tray menu&apos;s Use endpoint → Automatic undoes it).</translation>
    </message>
    <message>
        <source>QCC</source>
        <translation>QCC</translation>
    </message>
    <message>
        <source>The endpoint could not be changed:
%1</source>
        <translation>The endpoint could not be changed:
%1</translation>
    </message>
    <message>
        <source>%1: works (%2 ms)</source>
        <translation>%1: works (%2 ms)</translation>
    </message>
    <message>
        <source>%1: failed — %2</source>
        <translation>%1: failed — %2</translation>
    </message>
    <message>
        <source>&amp;Enable</source>
        <translation>&amp;Enable</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Testing…</translation>
    </message>
    <message>
        <source>QCC — Endpoint status</source>
        <translation>QCC — Endpoint status</translation>
    </message>
    <message>
        <source>%1: checking… (see Failed endpoints)</source>
        <translation>%1: checking… (see Failed endpoints)</translation>
    </message>
</context>
<context>
    <name>qcc::SettingsDialog</name>
    <message>
        <source>QCC — Settings</source>
        <translation>QCC — Settings</translation>
    </message>
    <message>
        <source>any free port</source>
        <translation>any free port</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Start QCC when I log in</source>
        <translation>Start QCC when I log in</translation>
    </message>
    <message>
        <source>Notify me when an endpoint is isolated or recovers</source>
        <translation>Notify me when an endpoint is isolated or recovers</translation>
    </message>
    <message>
        <source>Restore Claude Code&apos;s own settings when QCC quits</source>
        <translation>Restore Claude Code&apos;s own settings when QCC quits</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>System language</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>Proxy</translation>
    </message>
    <message>
        <source>Listen address</source>
        <translation>Listen address</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Failover and verification</source>
        <translation>Failover and verification</translation>
    </message>
    <message>
        <source>Re-check isolated endpoints every</source>
        <translation>Re-check isolated endpoints every</translation>
    </message>
    <message>
        <source>Endpoints tried per request</source>
        <translation>Endpoints tried per request</translation>
    </message>
    <message>
        <source>Isolate after consecutive failures</source>
        <translation>Isolate after consecutive failures</translation>
    </message>
    <message>
        <source>Connect timeout</source>
        <translation>Connect timeout</translation>
    </message>
    <message>
        <source>First-byte timeout</source>
        <translation>First-byte timeout</translation>
    </message>
    <message>
        <source>Idle stream timeout</source>
        <translation>Idle stream timeout</translation>
    </message>
    <message>
        <source>Desktop</source>
        <translation>Desktop</translation>
    </message>
    <message>
        <source>Language (after restart)</source>
        <translation>Language (after restart)</translation>
    </message>
</context>
<context>
    <name>qcc::StatusPresenter</name>
    <message numerus="yes">
        <source>%n isolated</source>
        <translation>
            <numerusform>%n isolated</numerusform>
            <numerusform>%n isolated</numerusform>
        </translation>
    </message>
    <message>
        <source>proxy off</source>
        <translation>proxy off</translation>
    </message>
    <message>
        <source>no endpoint configured</source>
        <translation>no endpoint configured</translation>
    </message>
    <message>
        <source>no usable endpoint</source>
        <translation>no usable endpoint</translation>
    </message>
    <message>
        <source>via %1</source>
        <translation>via %1</translation>
    </message>
    <message>
        <source>The proxy is off: turn it on in this menu (if the port is taken, change it in Settings…).</source>
        <translation>The proxy is off: turn it on in this menu (if the port is taken, change it in Settings…).</translation>
    </message>
    <message>
        <source>No endpoint yet: add one in Endpoints…</source>
        <translation>No endpoint yet: add one in Endpoints…</translation>
    </message>
    <message>
        <source>Every endpoint is disabled: enable one in Endpoints…</source>
        <translation>Every endpoint is disabled: enable one in Endpoints…</translation>
    </message>
    <message>
        <source>Every endpoint is rate-limited: requests resume when the cool-down ends.</source>
        <translation>Every endpoint is rate-limited: requests resume when the cool-down ends.</translation>
    </message>
    <message numerus="yes">
        <source>%n without a key</source>
        <translation>
            <numerusform>%n without a key</numerusform>
            <numerusform>%n without a key</numerusform>
        </translation>
    </message>
    <message>
        <source>via %1 (your pick)</source>
        <translation>via %1 (your pick)</translation>
    </message>
    <message>
        <source>your pick %1 is not used: %2</source>
        <translation>your pick %1 is not used: %2</translation>
    </message>
    <message>
        <source>You picked %1, but %2: QCC fails over to the others until it can serve again (or choose Use endpoint → Automatic).</source>
        <translation>You picked %1, but %2: QCC fails over to the others until it can serve again (or choose Use endpoint → Automatic).</translation>
    </message>
    <message>
        <source>No endpoint has a key: set one in Endpoints… (see Failed endpoints… for why).</source>
        <translation>No endpoint has a key: set one in Endpoints… (see Failed endpoints… for why).</translation>
    </message>
    <message>
        <source>Every endpoint is isolated: see Failed endpoints… — they are re-checked every few seconds, or fix a key in Endpoints…</source>
        <translation>Every endpoint is isolated: see Failed endpoints… — they are re-checked every few seconds, or fix a key in Endpoints…</translation>
    </message>
</context>
<context>
    <name>qcc::TrayApp</name>
    <message>
        <source>QCC</source>
        <translation>QCC</translation>
    </message>
    <message>
        <source>Copied. Paste it into the shell where you run Claude Code.</source>
        <translation>Copied. Paste it into the shell where you run Claude Code.</translation>
    </message>
    <message>
        <source>%1 isolated</source>
        <translation>%1 isolated</translation>
    </message>
    <message>
        <source>QCC stopped using it: %1. It is re-checked automatically.</source>
        <translation>QCC stopped using it: %1. It is re-checked automatically.</translation>
    </message>
    <message>
        <source>%1 is back</source>
        <translation>%1 is back</translation>
    </message>
    <message>
        <source>It passed a check and serves requests again.</source>
        <translation>It passed a check and serves requests again.</translation>
    </message>
    <message>
        <source>QCC cannot start the proxy</source>
        <translation>QCC cannot start the proxy</translation>
    </message>
    <message>
        <source>%1
Change the port in Settings, or stop the program using it, then turn the proxy on.</source>
        <translation>%1
Change the port in Settings, or stop the program using it, then turn the proxy on.</translation>
    </message>
    <message>
        <source>No system tray was found, so QCC shows this window instead. Closing it asks whether to quit QCC or keep it running.</source>
        <translation>No system tray was found, so QCC shows this window instead. Closing it asks whether to quit QCC or keep it running.</translation>
    </message>
    <message>
        <source>Claude Code is set to use QCC, so it cannot connect while the proxy is off.
Restore Claude Code&apos;s own settings until the proxy is on again?</source>
        <translation>Claude Code is set to use QCC, so it cannot connect while the proxy is off.
Restore Claude Code&apos;s own settings until the proxy is on again?</translation>
    </message>
</context>
<context>
    <name>qcc::TrayIcon</name>
    <message>
        <source>Proxy on</source>
        <translation>Proxy on</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>Cluster</translation>
    </message>
    <message>
        <source>Endpoints…</source>
        <translation>Endpoints…</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <source>Claude Code uses QCC</source>
        <translation>Claude Code uses QCC</translation>
    </message>
    <message>
        <source>Points Claude Code&apos;s user settings at QCC; unchecking restores them.</source>
        <translation>Points Claude Code&apos;s user settings at QCC; unchecking restores them.</translation>
    </message>
    <message>
        <source>Copy Claude Code environment</source>
        <translation>Copy Claude Code environment</translation>
    </message>
    <message>
        <source>Open log folder</source>
        <translation>Open log folder</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>Proxy on (%1)</source>
        <translation>Proxy on (%1)</translation>
    </message>
    <message>
        <source>Proxy off — click to start</source>
        <translation>Proxy off — click to start</translation>
    </message>
    <message>
        <source>QCC</source>
        <translation>QCC</translation>
    </message>
    <message>
        <source>Cannot switch to cluster %1:
%2</source>
        <translation>Cannot switch to cluster %1:
%2</translation>
    </message>
    <message>
        <source>No endpoint yet — add one in Endpoints…</source>
        <translation>No endpoint yet — add one in Endpoints…</translation>
    </message>
    <message>
        <source>About QCC…</source>
        <translation>About QCC…</translation>
    </message>
    <message>
        <source>Use endpoint</source>
        <translation>Use endpoint</translation>
    </message>
    <message>
        <source>The proxy is off, but Claude Code is set to use QCC: it cannot connect until you turn the proxy on or uncheck “Claude Code uses QCC”.</source>
        <translation>The proxy is off, but Claude Code is set to use QCC: it cannot connect until you turn the proxy on or uncheck “Claude Code uses QCC”.</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Automatic</translation>
    </message>
    <message>
        <source>Endpoint status</source>
        <translation>Endpoint status</translation>
    </message>
    <message>
        <source>Failed endpoints…</source>
        <translation>Failed endpoints…</translation>
    </message>
    <message>
        <source>Failed endpoints (%1)…</source>
        <translation>Failed endpoints (%1)…</translation>
    </message>
</context>
</TS>
