// qcc-tray: the QCC proxy engine (on its own thread) with a system tray UI. Parses options and
// wires objects; behaviour lives in qcc_core and qcc_ui.
#include "configproblemdialog.h"
#include "engine/daemonoptions.h"
#include "engine/enginehost.h"
#include "engine/keys.h"
#include "keychainstartup.h"
#include "keychainstore.h"
#include "language.h"
#include "platform/logging.h"
#include "platform/signalwatcher.h"
#include "platform/singleinstance.h"
#include "settingsdialog.h"
#include "trayapp.h"

#include <QApplication>
#include <QDir>
#include <QTextStream>

namespace {
void describe(QCommandLineParser *parser)
{
    parser->setApplicationDescription(QStringLiteral(
        "qcc-tray - the QCC failover proxy for Claude Code, with a system tray icon.\n\n"
        "The proxy runs inside this program. Only one qcc-tray runs per user session: starting\n"
        "another one (with --open) makes the running one open that window.\n"
        "A config file it cannot use opens a window that says why; the proxy starts once the\n"
        "file is valid.\n"
        "Exit status: 0 ok, 2 invalid options, or quit while the config was invalid."));
    qcc::addCommonOptions(parser);
    parser->addOption({QStringLiteral("open"),
                       QStringLiteral("Open a window: nodes (endpoint status), failed-nodes,\n"
                                      "endpoints or settings."),
                       QStringLiteral("WINDOW")});
}

void name(QCoreApplication *)
{
    QCoreApplication::setOrganizationName(QStringLiteral("qcc"));
    QCoreApplication::setApplicationName(QStringLiteral("qcc-tray"));
    QCoreApplication::setApplicationVersion(QStringLiteral(QCC_VERSION));
}

//! Options that only print or edit files: answered without a display.
bool wantsNoGui(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray a = argv[i];
        for (const char *o :
             {"-h", "--help", "--help-all", "-v", "--version", "--check-config", "--claude-code"})
            if (a == o || a.startsWith(QByteArray(QByteArray(o) + "=")))
                return true;
    }
    return false;
}
} // namespace

int main(int argc, char **argv)
{
    if (wantsNoGui(argc, argv)) {
        QCoreApplication core(argc, argv);
        name(&core);
        QCommandLineParser parser;
        describe(&parser);
        qcc::processOptions(&parser, core.arguments());
        qcc::CommonOptions options;
        QString error;
        if (!qcc::readCommonOptions(parser, &options, &error)) {
            QTextStream(stderr) << "qcc-tray: " << error << '\n';
            return 2;
        }
        int exitCode = 2;
        qcc::runImmediateOptions(options, &exitCode);
        return exitCode;
    }

    // Unlike qccd, the tray keeps Qt's GLib event loop: the Secret Service backend of the
    // keychain (libsecret) only answers through it.
    QApplication app(argc, argv);
    name(&app);
    QApplication::setDesktopFileName(QStringLiteral("io.github.qcc.QccTray"));
    QApplication::setQuitOnLastWindowClosed(false);

    QCommandLineParser parser;
    describe(&parser);
    qcc::processOptions(&parser, app.arguments());

    QTextStream err(stderr);
    qcc::CommonOptions options;
    QString error;
    if (!qcc::readCommonOptions(parser, &options, &error)) {
        err << "qcc-tray: " << error << '\n';
        return 2;
    }
    const QString openWindow = parser.value(QStringLiteral("open"));
    const QStringList windows = qcc::TrayApp::windowNames();
    if (!openWindow.isEmpty() && !windows.contains(openWindow)) {
        err << "qcc-tray: --open: \"" << openWindow << "\" is not one of "
            << windows.join(QStringLiteral(", ")) << '\n';
        return 2;
    }

    qcc::SingleInstance instance(qEnvironmentVariableIsSet("QCC_INSTANCE_NAME")
                                     ? qEnvironmentVariable("QCC_INSTANCE_NAME")
                                     : qcc::SingleInstance::defaultName());
    if (instance.sendToRunning(openWindow.isEmpty() ? QByteArray("open nodes")
                                                    : "open " + openWindow.toUtf8())) {
        QTextStream(stdout) << "qcc-tray is already running; asked it to open "
                            << (openWindow.isEmpty() ? QStringLiteral("nodes") : openWindow)
                            << Qt::endl;
        return 0;
    }
    if (!instance.listen(&error)) {
        err << "qcc-tray: " << error << "; not starting a second instance\n";
        return 1;
    }

    qcc::startLogging(options, QStringLiteral("qcc-tray.log"));
    qcc::installTranslations(&app, qcc::SettingsDialog::language());
    qcc::SignalWatcher watcher; // SIGTERM (logout, systemd) quits as gracefully as the menu

    bool created = false;
    qcc::ConfigResult loaded = qcc::loadEffectiveConfig(options, &created);
    if (!loaded.config) {
        // Started from a menu or at login nobody reads stderr: a window says what is wrong,
        // and the proxy starts once the file is valid, never on a half-valid one.
        for (const qcc::UiText &e : loaded.errors)
            qCWarning(lcEngine).noquote() << QStringLiteral("%1: %2").arg(
                options.configPath, qcc::Redactor::redact(e.english()));
        qcc::ConfigProblemDialog problem(options.configPath, loaded.errors, [&options] {
            bool again = false;
            return qcc::loadEffectiveConfig(options, &again, false);
        });
        QObject::connect(&watcher, &qcc::SignalWatcher::terminate, &problem, &QDialog::reject);
        QObject::connect(&instance, &qcc::SingleInstance::messageReceived, &problem, [&problem] {
            problem.raise();
            problem.activateWindow();
        });
        if (problem.exec() != QDialog::Accepted)
            return 2;
        loaded.config = problem.config();
        qCInfo(lcEngine) << "the config file is valid now; starting the proxy";
    } else if (created) {
        qCInfo(lcEngine).noquote() << "created a default config at" << options.configPath;
    }

    // Keys live in the OS keychain when there is one; the config file then holds none.
    qcc::Config config = *loaded.config;
    qcc::KeychainSecretStore keychain;
    bool haveKeychain = false;
    const QList<qcc::UiText> keyProblems = qcc::prepareKeychainKeys(
        &config, qEnvironmentVariableIsSet("QCC_NO_KEYCHAIN") ? nullptr : &keychain, &haveKeychain);

    qcc::EngineHost host;
    if (haveKeychain)
        host.setSecretStore(&keychain);
    qcc::TrayApp tray(&host, options.stateDir);
    bool announced = false;
    QObject::connect(
        &host, &qcc::EngineHost::snapshotChanged, &app, [&](const qcc::EngineSnapshot &s) {
            if (!announced && s.listening) {
                announced = true;
                QTextStream(stdout) << "listening on http://" << s.listenAddress << Qt::endl;
            }
        });
    host.start(config, options.configPath, options.stateDir);
    tray.show();
    if (!keyProblems.isEmpty())
        tray.showProblem(QObject::tr("Some endpoint keys are unavailable"),
                         qcc::UiText::lines(keyProblems));
    if (haveKeychain)
        qcc::offerKeychainMove(&host, config, options.configPath, keychain.backendName(), created);
    if (created) {
        tray.setWelcome(QObject::tr(
            "Welcome to QCC. Add the Claude API endpoints you pay for: the official API "
            "and any relays. Primary endpoints serve first; secondary ones only when no "
            "primary works."));
        tray.open(QStringLiteral("endpoints"));
    }
    if (!openWindow.isEmpty())
        tray.open(openWindow);
    QObject::connect(&instance, &qcc::SingleInstance::messageReceived, &tray,
                     [&](const QByteArray &message) {
                         if (message.startsWith("open "))
                             tray.open(QString::fromUtf8(message.mid(5)));
                     });
    bool quitting = false;
    auto quit = [&] {
        if (quitting)
            return;
        quitting = true;
        tray.prepareQuit();                                 // restores Claude Code if asked to
        host.shutdown(30000, [] { QApplication::quit(); }); // streams finish first
    };
    QObject::connect(&tray, &qcc::TrayApp::quitRequested, &app, quit);
    QObject::connect(&watcher, &qcc::SignalWatcher::terminate, &app, quit);
    return app.exec();
}
