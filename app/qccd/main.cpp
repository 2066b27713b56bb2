// qccd: the QCC proxy engine without a GUI. Parses options and wires objects; behaviour lives
// in qcc_core.
#include "engine/daemonoptions.h"
#include "engine/engine.h"
#include "net/netbackend.h"
#include "platform/claudecode.h"
#include "platform/logging.h"
#include "platform/signalwatcher.h"

#include <QCoreApplication>
#include <QDir>
#include <QTextStream>

int main(int argc, char **argv)
{
    // The epoll backend's dispatcher: one epoll set for Qt's sockets and timers and for the
    // proxy's sockets, one epoll_wait() per wake-up (ARCHITECTURE.md). Null: Qt's own.
    QAbstractEventDispatcher *const dispatcher = qcc::NetBackend::createDaemonDispatcher();
    if (dispatcher)
        QCoreApplication::setEventDispatcher(dispatcher);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("qcc"));
    QCoreApplication::setApplicationVersion(QStringLiteral(QCC_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "qccd - the QCC failover proxy for Claude Code, without a GUI.\n\n"
        "Claude Code talks to http://127.0.0.1:7860; qccd forwards each request to a healthy\n"
        "endpoint of the active cluster (primaries first, then secondaries), fails over before\n"
        "anything reaches the client, isolates broken endpoints and re-verifies them.\n\n"
        "Signals: SIGTERM/SIGINT stop gracefully (in-flight streams finish, state is saved);\n"
        "SIGHUP reloads the config file.\n"
        "Exit status: 0 ok, 1 cannot listen (port in use), 2 invalid config or options."));
    qcc::addCommonOptions(&parser);
    qcc::processOptions(&parser, app.arguments());

    QTextStream err(stderr);
    qcc::CommonOptions options;
    QString error;
    if (!qcc::readCommonOptions(parser, &options, &error)) {
        err << "qccd: " << error << '\n';
        return 2;
    }
    int exitCode = 0;
    if (qcc::runImmediateOptions(options, &exitCode))
        return exitCode;

    bool created = false;
    const std::optional<qcc::Config> loaded =
        qcc::loadStartupConfig(options, QStringLiteral("qccd.log"), &created);
    if (!loaded)
        return 2;

    qcc::SystemClock clock;
    qcc::Engine engine(&clock, qcc::NetBackend::create(dispatcher));
    engine.setConfig(*loaded);
    const QString stateWarning = engine.setStateDir(options.stateDir);
    Q_UNUSED(stateWarning); // already logged by the registry
    // Installed before the socket is bound: an early signal is handled, never fatal.
    qcc::SignalWatcher watcher;
    bool stopping = false;
    QObject::connect(&watcher, &qcc::SignalWatcher::reload, &app, [&] {
        // A reload never invents a config: a missing file is refused like a broken one.
        const qcc::ConfigResult r = qcc::loadEffectiveConfig(options, &created, false);
        if (!r.config) {
            for (const qcc::UiText &e : r.errors)
                qCWarning(lcEngine).noquote() << "config reload refused:" << e.english();
            return;
        }
        engine.setConfig(*r.config);
        qCInfo(lcEngine) << "config reloaded";
    });
    QObject::connect(&watcher, &qcc::SignalWatcher::terminate, &app, [&] {
        if (stopping)
            return;
        stopping = true;
        qCInfo(lcEngine) << "stopping: letting in-flight requests finish";
        engine.shutdown(30000, [] { QCoreApplication::quit(); });
    });

    qcc::UiText listenError;
    if (!engine.startListening(&listenError)) {
        err << "qccd: " << listenError.english() << '\n';
        return 1;
    }
    QTextStream(stdout) << "listening on http://" << engine.listenAddress() << Qt::endl;
    {
        // A Claude Code takeover from an earlier run on another address points here again.
        QString claudeError;
        const QString repaired = qcc::ClaudeCodeSettings(options.stateDir)
                                     .repair(QStringLiteral("http://") + engine.listenAddress(),
                                             loaded->accessToken, &claudeError);
        if (!repaired.isEmpty())
            qCInfo(lcEngine).noquote() << repaired;
        if (!claudeError.isEmpty())
            qCWarning(lcEngine).noquote() << claudeError;
    }

    const int code = app.exec();
    qCInfo(lcEngine) << "stopped";
    return code;
}
