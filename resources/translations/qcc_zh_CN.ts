<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>QObject</name>
    <message>
        <source>The key contains spaces or line breaks; paste it again</source>
        <translation>密钥中含有空格或换行，请重新粘贴</translation>
    </message>
    <message numerus="yes">
        <source>%n s ago</source>
        <translation>
            <numerusform>%n 秒前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n 分钟前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>%n 小时前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n d ago</source>
        <translation>
            <numerusform>%n 天前</numerusform>
        </translation>
    </message>
    <message>
        <source>now</source>
        <translation>即将</translation>
    </message>
    <message numerus="yes">
        <source>in %n s</source>
        <translation>
            <numerusform>%n 秒后</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>healthy</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>not used yet</source>
        <translation>尚未使用</translation>
    </message>
    <message>
        <source>failing</source>
        <translation>异常</translation>
    </message>
    <message>
        <source>rate-limited</source>
        <translation>限流中</translation>
    </message>
    <message>
        <source>isolated</source>
        <translation>已隔离</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>key rejected</source>
        <translation>密钥被拒</translation>
    </message>
    <message>
        <source>rate limit</source>
        <translation>限流</translation>
    </message>
    <message>
        <source>endpoint failure</source>
        <translation>节点故障</translation>
    </message>
    <message>
        <source>Some endpoint keys are unavailable</source>
        <translation>部分节点的密钥无法读取</translation>
    </message>
    <message>
        <source>QCC</source>
        <translation>QCC</translation>
    </message>
    <message numerus="yes">
        <source>%n API key(s) are stored in plain text in %1.
Move them into the %2?</source>
        <translation>
            <numerusform>%1 中以明文保存了 %n 个 API 密钥。
要将它们移入 %2 吗？</numerusform>
        </translation>
    </message>
    <message>
        <source>Welcome to QCC. Add the Claude API endpoints you pay for: the official API and any relays. Primary endpoints serve first; secondary ones only when no primary works.</source>
        <translation>欢迎使用 QCC。请添加您付费使用的 Claude API 节点：官方 API 以及各类中转服务。主节点优先提供服务；备用节点仅在所有主节点都不可用时启用。</translation>
    </message>
    <message>
        <source>not usable: no key</source>
        <translation>不可用：没有密钥</translation>
    </message>
    <message>
        <source>not usable: no key (%1)</source>
        <translation>不可用：没有密钥（%1）</translation>
    </message>
    <message>
        <source>Rename models, line %1: write it as the name Claude Code asks for = the name this endpoint uses</source>
        <translation>模型改名，第 %1 行：请写成 Claude Code 请求的名称 = 该节点使用的名称</translation>
    </message>
    <message>
        <source>Rename models, line %1: %2 is renamed twice</source>
        <translation>模型改名，第 %1 行：%2 被改名了两次</translation>
    </message>
</context>
<context>
    <name>qcc</name>
    <message>
        <source>no keychain is available (%1); use api_key_env or a key in the 0600 config file</source>
        <translation>没有可用的钥匙串（%1）；请改用 api_key_env，或把密钥写在权限为 0600 的配置文件中</translation>
    </message>
    <message>
        <source>the keychain refused access: %1</source>
        <translation>钥匙串拒绝访问：%1</translation>
    </message>
    <message>
        <source>keychain error: %1</source>
        <translation>钥匙串出错：%1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>缺少此项</translation>
    </message>
    <message>
        <source>expected an object</source>
        <translation>应为 JSON 对象</translation>
    </message>
    <message>
        <source>expected a string</source>
        <translation>应为字符串</translation>
    </message>
    <message>
        <source>expected an integer</source>
        <translation>应为整数</translation>
    </message>
    <message>
        <source>must be between %1 and %2</source>
        <translation>必须介于 %1 和 %2 之间</translation>
    </message>
    <message>
        <source>expected true or false</source>
        <translation>应为 true 或 false</translation>
    </message>
    <message>
        <source>expected an array</source>
        <translation>应为 JSON 数组</translation>
    </message>
    <message>
        <source>true, but the key is also given here; keep one</source>
        <translation>为 true，但此处也填写了密钥；请只保留一处</translation>
    </message>
    <message>
        <source>not an http(s) URL</source>
        <translation>不是 http(s) URL</translation>
    </message>
    <message>
        <source>must be x-api-key, bearer or both</source>
        <translation>只能是 x-api-key、bearer 或 both</translation>
    </message>
    <message>
        <source>must be primary or secondary</source>
        <translation>只能是 primary 或 secondary</translation>
    </message>
    <message>
        <source>must be none, system, http://host:port or socks5://host:port</source>
        <translation>只能是 none、system、http://host:port 或 socks5://host:port</translation>
    </message>
    <message>
        <source>set together with api_key; use one</source>
        <translation>与 api_key 同时设置了；请只保留其中一个</translation>
    </message>
    <message>
        <source>environment variable %1 is not set</source>
        <translation>环境变量 %1 未设置</translation>
    </message>
    <message>
        <source>key contains a line break</source>
        <translation>密钥中含有换行符</translation>
    </message>
    <message>
        <source>%1 is not a loopback address; listening there requires an access_token</source>
        <translation>%1 不是回环地址；在该地址上监听必须设置 access_token</translation>
    </message>
    <message>
        <source>(file): invalid JSON at line %1: %2</source>
        <translation>（文件）：第 %1 行的 JSON 无效：%2</translation>
    </message>
    <message>
        <source>(file): expected a JSON object</source>
        <translation>（文件）：应为 JSON 对象</translation>
    </message>
    <message>
        <source>must be 1</source>
        <translation>必须为 1</translation>
    </message>
    <message>
        <source>not an IP address or localhost</source>
        <translation>不是 IP 地址，也不是 localhost</translation>
    </message>
    <message>
        <source>duplicate cluster name %1</source>
        <translation>集群名称 %1 重复</translation>
    </message>
    <message>
        <source>duplicate id %1 (same as %2.endpoints[%3])</source>
        <translation>id %1 重复（与 %2.endpoints[%3] 相同）</translation>
    </message>
    <message>
        <source>no cluster named &quot;%1&quot;</source>
        <translation>没有名为“%1”的集群</translation>
    </message>
    <message>
        <source>must be messages or models</source>
        <translation>只能是 messages 或 models</translation>
    </message>
    <message>
        <source>must not be empty</source>
        <translation>不能为空</translation>
    </message>
    <message>
        <source>no &quot;profiles&quot; found: not a cache.json of the earlier QCC</source>
        <translation>未找到“profiles”：这不是旧版 QCC 的 cache.json</translation>
    </message>
    <message>
        <source>%1: endpoint %2 skipped: base_url &quot;%3&quot; is not an http(s) URL</source>
        <translation>%1：已跳过第 %2 个节点：base_url“%3”不是 http(s) URL</translation>
    </message>
    <message>
        <source>%1: endpoint %2 skipped: same URL and key as an earlier one</source>
        <translation>%1：已跳过第 %2 个节点：URL 和密钥与前面的节点相同</translation>
    </message>
    <message>
        <source>%1: not a JSON object (%2)</source>
        <translation>%1：不是 JSON 对象（%2）</translation>
    </message>
    <message>
        <source>HTTP %1 with an empty body</source>
        <translation>HTTP %1，但响应体为空</translation>
    </message>
    <message>
        <source>HTTP %1 with an HTML page</source>
        <translation>HTTP %1，但返回的是 HTML 页面</translation>
    </message>
    <message>
        <source>HTTP %1 with a body that is not JSON</source>
        <translation>HTTP %1，但响应体不是 JSON</translation>
    </message>
    <message>
        <source>HTTP %1 with an error body: %2</source>
        <translation>HTTP %1，但响应体是错误信息：%2</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>HTTP %1 but not a model list</source>
        <translation>HTTP %1，但返回的不是模型列表</translation>
    </message>
    <message>
        <source>reply did not contain the code %1 (got &quot;%2&quot;)</source>
        <translation>回复中没有校验码 %1（收到的是“%2”）</translation>
    </message>
    <message>
        <source>timeout after %1 ms</source>
        <translation>%1 毫秒后超时</translation>
    </message>
    <message>
        <source>reply larger than 4 MiB</source>
        <translation>回复超过 4 MiB</translation>
    </message>
    <message>
        <source>port %1 on %2 is already in use (another QCC, or another program); stop it or choose another port with --port or listen.port</source>
        <translation>%2 上的端口 %1 已被占用（另一个 QCC 或其他程序）；请停止该程序，或用 --port 或 listen.port 换一个端口</translation>
    </message>
    <message>
        <source>cannot listen on %1:%2: %3</source>
        <translation>无法在 %1:%2 上监听：%3</translation>
    </message>
    <message>
        <source>%1; still listening on %2</source>
        <translation>%1；仍在 %2 上监听</translation>
    </message>
    <message>
        <source>%1; and the previous address failed too: %2</source>
        <translation>%1；原来的地址也无法监听：%2</translation>
    </message>
    <message>
        <source>cannot create the default config: %1</source>
        <translation>无法创建默认配置：%1</translation>
    </message>
    <message>
        <source>no key stored for %1</source>
        <translation>%1 没有已保存的密钥</translation>
    </message>
    <message>
        <source>the keychain did not answer within %1 s</source>
        <translation>钥匙串在 %1 秒内没有响应</translation>
    </message>
    <message>
        <source>no keychain is available</source>
        <translation>没有可用的钥匙串</translation>
    </message>
    <message>
        <source>malformed HTTP response: %1</source>
        <translation>HTTP 响应格式错误：%1</translation>
    </message>
    <message>
        <source>connection closed before the response body ended</source>
        <translation>响应体结束前连接已关闭</translation>
    </message>
    <message>
        <source>connection closed before a response arrived</source>
        <translation>收到响应前连接已关闭</translation>
    </message>
    <message>
        <source>connection closed</source>
        <translation>连接已关闭</translation>
    </message>
    <message>
        <source>connect failed: %1</source>
        <translation>连接失败：%1</translation>
    </message>
    <message>
        <source>connection error: %1</source>
        <translation>连接出错：%1</translation>
    </message>
    <message>
        <source>connect timeout after %1 ms</source>
        <translation>连接超时（%1 毫秒）</translation>
    </message>
    <message>
        <source>no response within %1 ms</source>
        <translation>%1 毫秒内没有响应</translation>
    </message>
    <message>
        <source>no data for %1 ms</source>
        <translation>%1 毫秒内没有收到数据</translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
    <message>
        <source>HTTP %1: %2</source>
        <translation>HTTP %1：%2</translation>
    </message>
    <message>
        <source>upstream sent Content-Encoding %1, which the client did not accept</source>
        <translation>上游发送了客户端不接受的 Content-Encoding %1</translation>
    </message>
    <message>
        <source>stream error before content: %1</source>
        <translation>内容开始前流出错：%1</translation>
    </message>
    <message>
        <source>stream ended before any content</source>
        <translation>流在任何内容之前就结束了</translation>
    </message>
    <message>
        <source>stream error after content</source>
        <translation>内容开始后流出错</translation>
    </message>
    <message>
        <source>HTTP %1 with an error body</source>
        <translation>HTTP %1，但响应体是错误信息</translation>
    </message>
    <message>
        <source>HTTP %1 with a body that is not a JSON object</source>
        <translation>HTTP %1，但响应体不是 JSON 对象</translation>
    </message>
    <message>
        <source>no response</source>
        <translation>没有响应</translation>
    </message>
    <message>
        <source>failed after the response started: %1</source>
        <translation>响应开始后失败：%1</translation>
    </message>
    <message>
        <source>cannot read the request body back from its temporary file: %1</source>
        <translation>无法从临时文件读回请求体：%1</translation>
    </message>
    <message>
        <source>it is in the keychain, which only qcc-tray reads</source>
        <translation>密钥在钥匙串中，只有 qcc-tray 会读取</translation>
    </message>
    <message>
        <source>is QCC&apos;s own access token (access_token), which Claude Code sends to QCC; an endpoint needs its own API key (is ANTHROPIC_API_KEY set to QCC&apos;s token?)</source>
        <translation>是 QCC 自己的访问令牌（access_token），由 Claude Code 发给 QCC；节点需要它自己的 API 密钥（ANTHROPIC_API_KEY 是否被设成了 QCC 的令牌？）</translation>
    </message>
    <message>
        <source>no key: %1</source>
        <translation>没有密钥：%1</translation>
    </message>
    <message>
        <source>connection reset</source>
        <translation>连接被重置</translation>
    </message>
    <message>
        <source>the client read nothing for %1 ms</source>
        <translation>客户端 %1 毫秒内没有读取任何数据</translation>
    </message>
    <message>
        <source>HTTP %1 with an encoded body (Content-Encoding %2), which QCC did not ask for</source>
        <translation>HTTP %1，但响应体经过了 QCC 未请求的编码（Content-Encoding %2）</translation>
    </message>
    <message>
        <source>an event grew past %1 bytes without ending</source>
        <translation>一个事件超过 %1 字节仍未结束</translation>
    </message>
    <message>
        <source>the stream ended without message_stop</source>
        <translation>流在 message_stop 之前就结束了</translation>
    </message>
    <message>
        <source>the answer passed %1 bytes before it could be judged (limits.max_held_response_bytes)</source>
        <translation>响应在能够判断之前已超过 %1 字节（limits.max_held_response_bytes）</translation>
    </message>
    <message>
        <source>not read from the %1: %2</source>
        <translation>未能从%1读取：%2</translation>
    </message>
    <message>
        <source>%1 (%2): key %3</source>
        <translation>%1（%2）：密钥%3</translation>
    </message>
    <message>
        <source>it is in the keychain, but %1</source>
        <translation>密钥在钥匙串中，但%1</translation>
    </message>
    <message>
        <source>it is disabled</source>
        <translation>它已停用</translation>
    </message>
    <message>
        <source>it has no key</source>
        <translation>它没有密钥</translation>
    </message>
    <message>
        <source>it is isolated</source>
        <translation>它已被隔离</translation>
    </message>
    <message>
        <source>it is rate-limited</source>
        <translation>它正在限流</translation>
    </message>
    <message>
        <source>it is not in the active cluster</source>
        <translation>它不在当前集群中</translation>
    </message>
    <message>
        <source>more than %1 models</source>
        <translation>超过 %1 个模型</translation>
    </message>
    <message>
        <source>a model name must have 1 to %1 characters: &quot;%2&quot;</source>
        <translation>模型名称必须有 1 到 %1 个字符：“%2”</translation>
    </message>
    <message>
        <source>must have 1 to %1 characters</source>
        <translation>必须有 1 到 %1 个字符</translation>
    </message>
    <message>
        <source>must be an absolute path</source>
        <translation>必须是绝对路径</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 is larger than 1 MiB</source>
        <translation>%1 大于 1 MiB</translation>
    </message>
    <message>
        <source>%1 holds no PEM certificate</source>
        <translation>%1 中没有 PEM 证书</translation>
    </message>
    <message>
        <source>it expired on %1</source>
        <translation>已于 %1 过期</translation>
    </message>
    <message>
        <source>it is not valid before %1</source>
        <translation>在 %1 之前无效</translation>
    </message>
    <message>
        <source>it is for %1, not for this host</source>
        <translation>它属于 %1，而不是这个主机</translation>
    </message>
    <message>
        <source>its issuer %1 is not a trusted authority (for a private CA or a TLS-inspecting proxy, add its certificate with tls.ca_file)</source>
        <translation>签发者 %1 不是受信任的证书颁发机构（如果是私有 CA 或检查 TLS 流量的代理，请用 tls.ca_file 添加它的证书）</translation>
    </message>
    <message>
        <source>the TLS certificate of %1 was refused: %2</source>
        <translation>%1 的 TLS 证书被拒绝：%2</translation>
    </message>
    <message>
        <source>QCC_NO_KEYCHAIN is set</source>
        <translation>设置了 QCC_NO_KEYCHAIN</translation>
    </message>
    <message>
        <source>must not contain a query, a fragment or a user name</source>
        <translation>不能包含查询参数、片段或用户名</translation>
    </message>
</context>
<context>
    <name>qcc::AboutDialog</name>
    <message>
        <source>About QCC</source>
        <translation>关于 QCC</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Build</source>
        <translation>构建</translation>
    </message>
    <message>
        <source>Qt %1 (built with %2), %3 sockets, %4</source>
        <translation>Qt %1（构建时为 %2），%3 套接字，%4</translation>
    </message>
    <message>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>Config file</source>
        <translation>配置文件</translation>
    </message>
    <message>
        <source>Logs and state</source>
        <translation>日志与状态</translation>
    </message>
    <message>
        <source>LGPL-3.0 (The Qt Company and contributors)</source>
        <translation>LGPL-3.0（The Qt Company 及贡献者）</translation>
    </message>
    <message>
        <source>MIT licence (Fedor Indutny and contributors)</source>
        <translation>MIT 许可证（Fedor Indutny 及贡献者）</translation>
    </message>
    <message>
        <source>BSD-3-Clause licence (Frank Osterfeld and contributors)</source>
        <translation>BSD-3-Clause 许可证（Frank Osterfeld 及贡献者）</translation>
    </message>
    <message>
        <source>A local failover proxy for Claude Code.</source>
        <translation>Claude Code 的本地故障转移代理。</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
</context>
<context>
    <name>qcc::ConfigProblemDialog</name>
    <message>
        <source>QCC — the config file needs fixing</source>
        <translation>QCC — 配置文件需要修正</translation>
    </message>
    <message>
        <source>The proxy is not running: QCC cannot use its config file
%1

Fix what is listed below and save the file; QCC starts the proxy as soon as the file is valid.</source>
        <translation>代理没有运行：QCC 无法使用它的配置文件
%1

请修正下面列出的问题并保存文件；文件一旦有效，QCC 就会启动代理。</translation>
    </message>
    <message>
        <source>Open in text editor</source>
        <translation>用文本编辑器打开</translation>
    </message>
    <message>
        <source>Show folder</source>
        <translation>显示所在文件夹</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>重新检查</translation>
    </message>
    <message>
        <source>Quit QCC</source>
        <translation>退出 QCC</translation>
    </message>
</context>
<context>
    <name>qcc::EndpointsDialog</name>
    <message>
        <source>QCC — Endpoints</source>
        <translation>QCC — 节点管理</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>移除(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <source>From the earlier QCC (~/.fastcc/cache.json) or a QCC export file</source>
        <translation>从旧版 QCC（~/.fastcc/cache.json）或 QCC 导出文件导入</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>导出(&amp;X)…</translation>
    </message>
    <message>
        <source>or the name of an environment variable</source>
        <translation>或填写环境变量名</translation>
    </message>
    <message>
        <source>x-api-key header</source>
        <translation>x-api-key 请求头</translation>
    </message>
    <message>
        <source>Authorization: Bearer</source>
        <translation>Authorization: Bearer</translation>
    </message>
    <message>
        <source>both</source>
        <translation>两者都发送</translation>
    </message>
    <message>
        <source>primary</source>
        <translation>主要</translation>
    </message>
    <message>
        <source>secondary (only when no primary works)</source>
        <translation>备用（仅在主节点都不可用时使用）</translation>
    </message>
    <message>
        <source>Use this endpoint</source>
        <translation>启用此节点</translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation>测试(&amp;T)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>基础 URL</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <source>Send key as</source>
        <translation>密钥发送方式</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>层级</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Upstream proxy</source>
        <translation>上游代理</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>正在测试…</translation>
    </message>
    <message>
        <source>%1: works (%2 ms)</source>
        <translation>%1：可用（%2 毫秒）</translation>
    </message>
    <message>
        <source>%1: failed — %2</source>
        <translation>%1：失败 — %2</translation>
    </message>
    <message>
        <source>stored in the keychain — type to replace</source>
        <translation>已保存在钥匙串中 — 输入新密钥即可替换</translation>
    </message>
    <message>
        <source>Give either a key or an environment variable, not both</source>
        <translation>密钥和环境变量只能填写其中一项</translation>
    </message>
    <message>
        <source>new endpoint</source>
        <translation>新节点</translation>
    </message>
    <message numerus="yes">
        <source>%n endpoint(s) imported.</source>
        <translation>
            <numerusform>已导入 %n 个节点。</numerusform>
        </translation>
    </message>
    <message>
        <source>Import endpoints</source>
        <translation>导入节点</translation>
    </message>
    <message>
        <source>JSON files (*.json);;All files (*)</source>
        <translation>JSON 文件 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Export endpoints</source>
        <translation>导出节点</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Include the API keys in the file?
Anyone who gets the file can then use them.</source>
        <translation>是否在文件中包含 API 密钥？
任何拿到该文件的人都能使用这些密钥。</translation>
    </message>
    <message>
        <source>secondary</source>
        <translation>备用</translation>
    </message>
    <message>
        <source>The model this endpoint&apos;s checks ask for, for a relay that does not serve the default one (or names it differently).</source>
        <translation>检查该节点时请求的模型，用于不提供默认模型（或使用不同模型名称）的中转站。</translation>
    </message>
    <message>
        <source>Check with model</source>
        <translation>检查所用模型</translation>
    </message>
    <message>
        <source>default: %1</source>
        <translation>默认：%1</translation>
    </message>
    <message>
        <source>claude-sonnet-4-5 = the name this endpoint uses
(one per line; models not listed keep their names)</source>
        <translation>claude-sonnet-4-5 = 该节点使用的名称
（每行一个；未列出的模型名称不变）</translation>
    </message>
    <message>
        <source>For a relay that names models differently: requests sent to this endpoint ask for its name instead. Other endpoints get the request as Claude Code sent it.</source>
        <translation>用于模型名称不同的中转站：发往该节点的请求改用它的名称。其他节点收到的仍是 Claude Code 发出的原样请求。</translation>
    </message>
    <message>
        <source>Rename models</source>
        <translation>模型改名</translation>
    </message>
    <message>
        <source>Enter the endpoint&apos;s base URL, e.g. https://api.anthropic.com</source>
        <translation>请输入节点的基础 URL，例如 https://api.anthropic.com</translation>
    </message>
    <message>
        <source>Base URL: %1</source>
        <translation>基础 URL：%1</translation>
    </message>
    <message>
        <source>Upstream proxy: %1</source>
        <translation>上游代理：%1</translation>
    </message>
</context>
<context>
    <name>qcc::FailedNodesModel</name>
    <message>
        <source>Endpoint</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>主机</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Isolated</source>
        <translation>隔离时间</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>检查次数</translation>
    </message>
    <message>
        <source>Last check</source>
        <translation>上次检查</translation>
    </message>
    <message>
        <source>Next check</source>
        <translation>下次检查</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>尚未检查</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>qcc::FailedNodesWindow</name>
    <message>
        <source>All is well: no endpoint is isolated.
QCC re-checks isolated endpoints automatically and lists them here.</source>
        <translation>一切正常：没有节点被隔离。
QCC 会自动重新检查已隔离的节点，并在此处列出。</translation>
    </message>
    <message>
        <source>&amp;Verify now</source>
        <translation>立即验证(&amp;V)</translation>
    </message>
    <message>
        <source>Verify &amp;all</source>
        <translation>全部验证(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>恢复(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation>停用(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <source>Probe the selected endpoint now; it comes back if it passes.</source>
        <translation>立即检测所选节点；检测通过即恢复使用。</translation>
    </message>
    <message>
        <source>Put the selected endpoint back into rotation without a check.</source>
        <translation>不经检查，直接让所选节点重新投入使用。</translation>
    </message>
    <message>
        <source>Take the selected endpoint out of use until you enable it again.</source>
        <translation>停用所选节点，直到您重新启用它。</translation>
    </message>
    <message>
        <source>QCC</source>
        <translation>QCC</translation>
    </message>
    <message>
        <source>The endpoint could not be disabled:
%1</source>
        <translation>无法停用该节点：
%1</translation>
    </message>
    <message>
        <source>Select an endpoint to see why in full.</source>
        <translation>选择一个节点以查看完整原因。</translation>
    </message>
    <message>
        <source>All time, kept across restarts: %1 isolations · %2 re-checks · %3 recoveries</source>
        <translation>累计（重启后保留）：隔离 %1 次 · 复查 %2 次 · 恢复 %3 次</translation>
    </message>
    <message>
        <source>Isolations: times an endpoint entered this list. Re-checks: probes of listed endpoints. Recoveries: probes that passed and brought an endpoint back.</source>
        <translation>隔离：节点进入本列表的次数。复查：对列表中节点的检查次数。恢复：检查通过、使节点恢复使用的次数。</translation>
    </message>
    <message>
        <source>QCC — Failed endpoints</source>
        <translation>QCC — 故障节点</translation>
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
        <translation>操作</translation>
    </message>
    <message>
        <source>Quit QCC? The proxy stops: Claude Code cannot reach your endpoints through QCC until you start it again.</source>
        <translation>要退出 QCC 吗？代理会随之停止：在您再次启动 QCC 之前，Claude Code 无法通过 QCC 访问您的节点。</translation>
    </message>
    <message>
        <source>Quit QCC</source>
        <translation>退出 QCC</translation>
    </message>
    <message>
        <source>Keep running, minimized</source>
        <translation>保持运行并最小化</translation>
    </message>
</context>
<context>
    <name>qcc::NodesModel</name>
    <message>
        <source>Tier</source>
        <translation>层级</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Success</source>
        <translation>成功率</translation>
    </message>
    <message>
        <source>Latency (last hour)</source>
        <translation>延迟（最近一小时）</translation>
    </message>
    <message>
        <source>Requests today</source>
        <translation>今日请求数</translation>
    </message>
    <message>
        <source>Tokens today</source>
        <translation>今日 Token 数</translation>
    </message>
    <message>
        <source>primary</source>
        <translation>主要</translation>
    </message>
    <message>
        <source>secondary</source>
        <translation>备用</translation>
    </message>
    <message>
        <source>isolated — see Failed endpoints</source>
        <translation>已隔离 — 见故障节点</translation>
    </message>
</context>
<context>
    <name>qcc::NodesWindow</name>
    <message>
        <source>&amp;Verify</source>
        <translation>验证(&amp;V)</translation>
    </message>
    <message>
        <source>Send the selected endpoint a real check request now.</source>
        <translation>立即向所选节点发送一个真实的检查请求。</translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation>停用(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Use this one</source>
        <translation>使用这个(&amp;U)</translation>
    </message>
    <message>
        <source>Serve every request with the selected endpoint while it works, whatever its tier (the tray menu&apos;s Use endpoint → Automatic undoes it).</source>
        <translation>只要所选节点可用，就由它处理所有请求，不论层级（托盘菜单的“使用节点 → 自动”可撤销）。</translation>
    </message>
    <message>
        <source>QCC</source>
        <translation>QCC</translation>
    </message>
    <message>
        <source>The endpoint could not be changed:
%1</source>
        <translation>无法更改该节点：
%1</translation>
    </message>
    <message>
        <source>%1: works (%2 ms)</source>
        <translation>%1：可用（%2 毫秒）</translation>
    </message>
    <message>
        <source>%1: failed — %2</source>
        <translation>%1：失败 — %2</translation>
    </message>
    <message>
        <source>&amp;Enable</source>
        <translation>启用(&amp;E)</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>正在测试…</translation>
    </message>
    <message>
        <source>QCC — Endpoint status</source>
        <translation>QCC — 节点</translation>
    </message>
    <message>
        <source>%1: checking… (see Failed endpoints)</source>
        <translation>%1：正在检查…（见故障节点）</translation>
    </message>
</context>
<context>
    <name>qcc::SettingsDialog</name>
    <message>
        <source>QCC — Settings</source>
        <translation>QCC — 设置</translation>
    </message>
    <message>
        <source>any free port</source>
        <translation>任意空闲端口</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Start QCC when I log in</source>
        <translation>登录时启动 QCC</translation>
    </message>
    <message>
        <source>Notify me when an endpoint is isolated or recovers</source>
        <translation>节点被隔离或恢复时通知我</translation>
    </message>
    <message>
        <source>Restore Claude Code&apos;s own settings when QCC quits</source>
        <translation>退出 QCC 时恢复 Claude Code 原有设置</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>代理</translation>
    </message>
    <message>
        <source>Listen address</source>
        <translation>监听地址</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Failover and verification</source>
        <translation>故障转移与验证</translation>
    </message>
    <message>
        <source>Re-check isolated endpoints every</source>
        <translation>已隔离节点的复查间隔</translation>
    </message>
    <message>
        <source>Endpoints tried per request</source>
        <translation>每个请求最多尝试的节点数</translation>
    </message>
    <message>
        <source>Isolate after consecutive failures</source>
        <translation>连续失败几次后隔离</translation>
    </message>
    <message>
        <source>Connect timeout</source>
        <translation>连接超时</translation>
    </message>
    <message>
        <source>First-byte timeout</source>
        <translation>首字节超时</translation>
    </message>
    <message>
        <source>Idle stream timeout</source>
        <translation>流空闲超时</translation>
    </message>
    <message>
        <source>Desktop</source>
        <translation>桌面</translation>
    </message>
    <message>
        <source>Language (after restart)</source>
        <translation>语言（重启后生效）</translation>
    </message>
</context>
<context>
    <name>qcc::StatusPresenter</name>
    <message numerus="yes">
        <source>%n isolated</source>
        <translation>
            <numerusform>%n 个已隔离</numerusform>
        </translation>
    </message>
    <message>
        <source>proxy off</source>
        <translation>代理已关闭</translation>
    </message>
    <message>
        <source>no endpoint configured</source>
        <translation>未配置节点</translation>
    </message>
    <message>
        <source>no usable endpoint</source>
        <translation>无可用节点</translation>
    </message>
    <message>
        <source>via %1</source>
        <translation>经由 %1</translation>
    </message>
    <message>
        <source>The proxy is off: turn it on in this menu (if the port is taken, change it in Settings…).</source>
        <translation>代理已关闭：请在此菜单中开启（如端口被占用，请在“设置…”中更改）。</translation>
    </message>
    <message>
        <source>No endpoint yet: add one in Endpoints…</source>
        <translation>尚无节点：请在“节点管理…”中添加。</translation>
    </message>
    <message>
        <source>Every endpoint is disabled: enable one in Endpoints…</source>
        <translation>所有节点均已停用：请在“节点管理…”中启用至少一个。</translation>
    </message>
    <message>
        <source>Every endpoint is rate-limited: requests resume when the cool-down ends.</source>
        <translation>所有节点均在限流中：冷却结束后将恢复请求。</translation>
    </message>
    <message numerus="yes">
        <source>%n without a key</source>
        <translation>
            <numerusform>%n 个没有密钥</numerusform>
        </translation>
    </message>
    <message>
        <source>via %1 (your pick)</source>
        <translation>经由 %1（您的选择）</translation>
    </message>
    <message>
        <source>your pick %1 is not used: %2</source>
        <translation>您选择的 %1 未被使用：%2</translation>
    </message>
    <message>
        <source>You picked %1, but %2: QCC fails over to the others until it can serve again (or choose Use endpoint → Automatic).</source>
        <translation>您选择了 %1，但%2：在它恢复之前，QCC 会转由其他节点服务（也可以选择“使用节点 → 自动”）。</translation>
    </message>
    <message>
        <source>No endpoint has a key: set one in Endpoints… (see Failed endpoints… for why).</source>
        <translation>没有节点有可用的密钥：请在“节点管理…”中设置（原因见“故障节点…”）。</translation>
    </message>
    <message>
        <source>Every endpoint is isolated: see Failed endpoints… — they are re-checked every few seconds, or fix a key in Endpoints…</source>
        <translation>所有节点均已隔离：请查看“故障节点…”，它们每隔几秒会复查一次；也可以在“节点管理…”中修正密钥。</translation>
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
        <translation>已复制。请粘贴到运行 Claude Code 的终端中。</translation>
    </message>
    <message>
        <source>%1 isolated</source>
        <translation>%1 已被隔离</translation>
    </message>
    <message>
        <source>QCC stopped using it: %1. It is re-checked automatically.</source>
        <translation>QCC 已暂停使用该节点：%1。稍后会自动复查。</translation>
    </message>
    <message>
        <source>%1 is back</source>
        <translation>%1 已恢复</translation>
    </message>
    <message>
        <source>It passed a check and serves requests again.</source>
        <translation>该节点已通过检查，重新开始处理请求。</translation>
    </message>
    <message>
        <source>QCC cannot start the proxy</source>
        <translation>QCC 无法启动代理</translation>
    </message>
    <message>
        <source>%1
Change the port in Settings, or stop the program using it, then turn the proxy on.</source>
        <translation>%1
请在“设置”中更改端口，或停止占用该端口的程序，然后开启代理。</translation>
    </message>
    <message>
        <source>No system tray was found, so QCC shows this window instead. Closing it asks whether to quit QCC or keep it running.</source>
        <translation>没有找到系统托盘，因此 QCC 显示此窗口。关闭它时会询问是退出 QCC 还是保持运行。</translation>
    </message>
    <message>
        <source>Claude Code is set to use QCC, so it cannot connect while the proxy is off.
Restore Claude Code&apos;s own settings until the proxy is on again?</source>
        <translation>Claude Code 已设置为使用 QCC，代理关闭期间它将无法连接。
在代理重新开启之前，是否恢复 Claude Code 原有的设置？</translation>
    </message>
</context>
<context>
    <name>qcc::TrayIcon</name>
    <message>
        <source>Proxy on</source>
        <translation>代理已开启</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>集群</translation>
    </message>
    <message>
        <source>Endpoints…</source>
        <translation>节点管理…</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <source>Claude Code uses QCC</source>
        <translation>让 Claude Code 使用 QCC</translation>
    </message>
    <message>
        <source>Points Claude Code&apos;s user settings at QCC; unchecking restores them.</source>
        <translation>将 Claude Code 的用户设置指向 QCC；取消勾选即可恢复原设置。</translation>
    </message>
    <message>
        <source>Copy Claude Code environment</source>
        <translation>复制 Claude Code 环境变量</translation>
    </message>
    <message>
        <source>Open log folder</source>
        <translation>打开日志文件夹</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Proxy on (%1)</source>
        <translation>代理已开启（%1）</translation>
    </message>
    <message>
        <source>Proxy off — click to start</source>
        <translation>代理已关闭 — 点击启动</translation>
    </message>
    <message>
        <source>QCC</source>
        <translation>QCC</translation>
    </message>
    <message>
        <source>Cannot switch to cluster %1:
%2</source>
        <translation>无法切换到集群 %1：
%2</translation>
    </message>
    <message>
        <source>No endpoint yet — add one in Endpoints…</source>
        <translation>尚无节点 — 请在“节点管理…”中添加</translation>
    </message>
    <message>
        <source>About QCC…</source>
        <translation>关于 QCC…</translation>
    </message>
    <message>
        <source>Use endpoint</source>
        <translation>使用节点</translation>
    </message>
    <message>
        <source>The proxy is off, but Claude Code is set to use QCC: it cannot connect until you turn the proxy on or uncheck “Claude Code uses QCC”.</source>
        <translation>代理已关闭，但 Claude Code 仍设置为使用 QCC：在您开启代理或取消勾选“让 Claude Code 使用 QCC”之前，它将无法连接。</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Endpoint status</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>Failed endpoints…</source>
        <translation>故障节点…</translation>
    </message>
    <message>
        <source>Failed endpoints (%1)…</source>
        <translation>故障节点（%1）…</translation>
    </message>
</context>
</TS>
