#include "daemonoptions.h"

#include "platform/atomicfile.h"
#include "platform/claudecode.h"
#include "platform/paths.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>

#include <QTextStream>
#include <cstdlib>

namespace qcc {

void addCommonOptions(QCommandLineParser *p)
{
    p->addOptions({
        {QStringLiteral("config"),
         QStringLiteral("Config file (default: %1, created on first run).")
             .arg(defaultConfigPath()),
         QStringLiteral("FILE")},
        {QStringLiteral("listen"), QStringLiteral("Listen address; overrides listen.host."),
         QStringLiteral("HOST")},
        {QStringLiteral("port"),
         QStringLiteral("Listen port; overrides listen.port (0 = pick a free port and print it)."),
         QStringLiteral("N")},
        {QStringLiteral("state-dir"),
         QStringLiteral("Where the failure queue and logs live (default: %1).")
             .arg(defaultStateDir()),
         QStringLiteral("DIR")},
        {QStringLiteral("log-level"),
         QStringLiteral("error, warning, info or debug (default: info)."), QStringLiteral("LEVEL")},
        {QStringLiteral("check-config"),
         QStringLiteral("Validate FILE and exit: 0 valid, 2 invalid or no endpoint has a key "
                        "(one line per problem; a missing key is a warning)."),
         QStringLiteral("FILE")},
        {QStringLiteral("claude-code"),
         QStringLiteral("enable, disable or status: point Claude Code's user settings at this "
                        "proxy, restore them, or report; then exit."),
         QStringLiteral("ACTION")},
    });
    p->addHelpOption();
    p->addVersionOption();
}

void processOptions(QCommandLineParser *p, const QStringList &arguments)
{
    if (!p->parse(arguments)) {
        QTextStream(stderr) << QCoreApplication::applicationName() << ": " << p->errorText()
                            << '\n';
        ::exit(2);
    }
    if (p->isSet(QStringLiteral("version")))
        p->showVersion();
    if (p->isSet(QStringLiteral("help")))
        p->showHelp(0);
}

bool readCommonOptions(const QCommandLineParser &p, CommonOptions *o, QString *error)
{
    o->configPath =
        p.isSet(QStringLiteral("config")) ? p.value(QStringLiteral("config")) : defaultConfigPath();
    o->stateDir = p.isSet(QStringLiteral("state-dir")) ? p.value(QStringLiteral("state-dir"))
                                                       : defaultStateDir();
    o->listenHost = p.value(QStringLiteral("listen"));
    if (p.isSet(QStringLiteral("port"))) {
        bool ok = false;
        o->port = p.value(QStringLiteral("port")).toInt(&ok);
        if (!ok || o->port < 0 || o->port > 65535) {
            *error = QStringLiteral("--port: \"%1\" is not a port number (0-65535)")
                         .arg(p.value(QStringLiteral("port")));
            return false;
        }
    }
    if (p.isSet(QStringLiteral("log-level")) &&
        !parseLogLevel(p.value(QStringLiteral("log-level")), &o->logLevel)) {
        *error = QStringLiteral("--log-level: \"%1\" is not one of error, warning, info, debug")
                     .arg(p.value(QStringLiteral("log-level")));
        return false;
    }
    o->checkConfig = p.value(QStringLiteral("check-config"));
    o->claudeCode = p.value(QStringLiteral("claude-code"));
    if (!o->claudeCode.isEmpty() && o->claudeCode != QLatin1String("enable") &&
        o->claudeCode != QLatin1String("disable") && o->claudeCode != QLatin1String("status")) {
        *error = QStringLiteral("--claude-code: \"%1\" is not one of enable, disable, status")
                     .arg(o->claudeCode);
        return false;
    }
    return true;
}

bool runImmediateOptions(const CommonOptions &options, int *exitCode)
{
    QTextStream err(stderr);
    if (!options.checkConfig.isEmpty()) {
        const ConfigResult r = loadConfig(options.checkConfig);
        for (const UiText &e : r.errors)
            err << Redactor::redact(e.english()) << '\n';
        *exitCode = r.config ? 0 : 2;
        if (r.config) {
            // A missing key is a warning while another endpoint can serve.
            int withKey = 0, enabled = 0;
            for (const UiText &w : keyWarnings(*r.config, &withKey, &enabled))
                err << "warning: " << Redactor::redact(w.english()) << '\n';
            if (enabled > 0 && withKey == 0) {
                err << "no enabled endpoint of the active cluster \"" << r.config->activeCluster
                    << "\" has a key\n";
                *exitCode = 2;
            }
        }
        return true;
    }
    if (!options.claudeCode.isEmpty()) {
        ClaudeCodeSettings claude(options.stateDir);
        QTextStream out(stdout);
        if (options.claudeCode == QLatin1String("status")) {
            out << claude.status() << '\n';
            *exitCode = 0;
            return true;
        }
        QString error;
        bool ok = false;
        if (options.claudeCode == QLatin1String("enable")) {
            bool created = false;
            const ConfigResult r = loadEffectiveConfig(options, &created);
            if (!r.config) {
                for (const UiText &e : r.errors)
                    err << options.configPath << ": " << Redactor::redact(e.english()) << '\n';
                *exitCode = 2;
                return true;
            }
            if (r.config->listenPort == 0) {
                err << "--claude-code enable: listen.port is 0 (any free port), so there is no "
                       "fixed "
                       "address to give Claude Code; set listen.port or pass --port\n";
                *exitCode = 2;
                return true;
            }
            const QString host = r.config->listenHost.contains(u':')
                                     ? u'[' + r.config->listenHost + u']'
                                     : r.config->listenHost;
            const QString url = QStringLiteral("http://%1:%2").arg(host).arg(r.config->listenPort);
            ok = claude.enable(url, r.config->accessToken, &error);
            if (ok)
                out << "Claude Code now uses QCC at " << url << " (" << claude.settingsPath()
                    << ")\n";
        } else {
            const bool wasEnabled = claude.isEnabled();
            ok = claude.disable(&error);
            if (ok)
                out << (wasEnabled ? "Claude Code settings restored ("
                                   : "Nothing to restore: QCC had not changed ")
                    << claude.settingsPath() << (wasEnabled ? ")\n" : "\n");
        }
        if (!ok)
            err << error << '\n';
        *exitCode = ok ? 0 : 1;
        return true;
    }
    return false;
}

ConfigResult loadEffectiveConfig(const CommonOptions &o, bool *created, bool createIfMissing)
{
    *created = false;
    if (createIfMissing && !QFile::exists(o.configPath)) {
        QString error;
        if (!saveConfig(defaultConfig(), o.configPath, &error)) {
            ConfigResult r;
            r.errors.append(
                UiText(QT_TRANSLATE_NOOP("qcc", "cannot create the default config: %1"), {error}));
            return r;
        }
        *created = true;
    }
    ConfigResult r = loadConfig(o.configPath);
    if (!r.config)
        return r;
    if (!o.listenHost.isEmpty())
        r.config->listenHost = o.listenHost;
    if (o.port >= 0)
        r.config->listenPort = o.port;
    if (!isLoopbackHost(r.config->listenHost) && r.config->accessToken.isEmpty()) {
        r.errors.append(needsAccessToken(r.config->listenHost));
        r.config.reset();
    }
    return r;
}

} // namespace qcc

namespace qcc {

void startLogging(const CommonOptions &options, const QString &logName)
{
    makePrivateDirectory(options.stateDir);
    installLogHandler(options.logLevel, QDir(options.stateDir).filePath(logName));
}

std::optional<Config> loadStartupConfig(const CommonOptions &options, const QString &logName,
                                        bool *created)
{
    const ConfigResult loaded = loadEffectiveConfig(options, created);
    if (!loaded.config) {
        QTextStream err(stderr);
        for (const UiText &e : loaded.errors)
            err << options.configPath << ": " << Redactor::redact(e.english()) << '\n';
        return std::nullopt;
    }
    startLogging(options, logName);
    if (*created)
        qCInfo(lcEngine).noquote() << "created a default config at" << options.configPath;
    return loaded.config;
}

} // namespace qcc
