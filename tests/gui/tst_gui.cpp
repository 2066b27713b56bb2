// Widgets offscreen, driven against a real engine (on its own thread) and fake upstreams.
#include "aboutdialog.h"
#include "configproblemdialog.h"
#include "endpointsdialog.h"
#include "engine/enginehost.h"
#include "failednodeswindow.h"
#include "mainwindow.h"
#include "nodeswindow.h"
#include "platform/autostart.h"
#include "settingsdialog.h"
#include "support/fakeupstream.h"
#include "support/httpclient.h"
#include "trayapp.h"
#include "trayicon.h"

#include <QCheckBox>
#include <QClipboard>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolBar>
#include <QtTest>

using namespace qcc;
using namespace qcc::test;

namespace {
const QByteArray kBody =
    R"({"model":"x","max_tokens":8,"messages":[{"role":"user","content":"hi"}]})";

//! Clicks the button named \a name of the next modal question, once it is shown.
void answerNextQuestion(const char *name)
{
    QTimer::singleShot(0, [name] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget()))
            if (auto *b = box->findChild<QPushButton *>(QLatin1String(name)))
                b->click();
    });
}

QPushButton *button(QWidget *w, const QString &text)
{
    for (QPushButton *b : w->findChildren<QPushButton *>())
        if (b->text().remove(u'&') == text)
            return b;
    return nullptr;
}
} // namespace

//! Receives what QDesktopServices::openUrl() would give the desktop.
class UrlCatcher : public QObject
{
    Q_OBJECT
public:
    QUrl opened;
public Q_SLOTS:
    void open(const QUrl &url) { opened = url; }
};

class TestGui : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    FakeUpstream m_primary, m_secondary;
    EngineHost *m_host = nullptr;

    void request(const QByteArray &body = kBody)
    {
        HttpClient c;
        c.send(quint16(m_host->snapshot().listenAddress.section(u':', -1).toUInt()), "POST",
               "/v1/messages", {{"content-type", "application/json"}}, body);
        QTRY_VERIFY(c.done());
        QCOMPARE(c.status, 200);
    }
    QString primaryId() const { return m_host->config().activeEndpoints().at(0).effectiveId; }
    const EndpointSnapshot *primary() const { return m_host->snapshot().endpoint(primaryId()); }

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("XDG_CONFIG_HOME", m_dir.filePath(QStringLiteral("xdg")).toUtf8());
        QCoreApplication::setOrganizationName(QStringLiteral("qcc-test"));
        Config config;
        config.listenPort = 0;
        config.verify.intervalMs = 3600000; // only the buttons verify in this test
        ClusterConfig cluster;
        cluster.name = QStringLiteral("default");
        for (auto [fake, name, tier] :
             {std::tuple{&m_primary, QStringLiteral("主节点"), Tier::Primary},
              std::tuple{&m_secondary, QStringLiteral("backup"), Tier::Secondary}}) {
            EndpointConfig e;
            e.name = name;
            e.baseUrl = fake->baseUrl();
            e.apiKey = e.key = QStringLiteral("sk-ant-gui-test-%1-0000000").arg(int(tier));
            e.tier = tier;
            e.effectiveId = deriveEndpointId(e.baseUrl, e.keySource());
            cluster.endpoints.append(e);
        }
        config.clusters = {cluster};
        QString error;
        QVERIFY(saveConfig(config, m_dir.filePath(QStringLiteral("config.json")), &error));
        m_host = new EngineHost(this);
        m_host->start(config, m_dir.filePath(QStringLiteral("config.json")),
                      m_dir.filePath(QStringLiteral("state")));
        QTRY_VERIFY(m_host->snapshot().listening);
    }

    void failedNodesWindowFollowsTheEngine()
    {
        FailedNodesWindow w(m_host);
        w.show();
        auto *stack = w.findChild<QStackedWidget *>();
        QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("emptyState"));

        m_primary.setReply(FakeReply::error(401, "authentication_error", "invalid x-api-key"));
        request();
        QTRY_COMPARE(w.model()->rowCount(), 1);
        QCOMPARE(stack->currentWidget(), w.table()->parentWidget()); // the table and its details
        QCOMPARE(w.model()->data(w.model()->index(0, FailedNodesModel::Name)).toString(),
                 QStringLiteral("主节点"));
        QVERIFY(w.model()
                    ->data(w.model()->index(0, FailedNodesModel::Reason))
                    .toString()
                    .contains(QStringLiteral("401")));

        // Verify now: still failing, then passing once the upstream recovers
        w.table()->selectRow(0);
        QTest::mouseClick(button(&w, QStringLiteral("Verify now")), Qt::LeftButton);
        QTRY_COMPARE(w.model()->data(w.model()->index(0, FailedNodesModel::Attempts)).toInt(), 1);
        m_primary.setWorking();
        QTest::mouseClick(button(&w, QStringLiteral("Verify now")), Qt::LeftButton);
        QTRY_COMPARE(w.model()->rowCount(), 0);
        QTRY_VERIFY(primary() && !primary()->inFailureQueue);
        QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("emptyState"));

        // Restore: back at once, without a probe
        m_primary.setReply(FakeReply::error(403, "permission_error", "forbidden"));
        request();
        QTRY_COMPARE(w.model()->rowCount(), 1);
        const int probes = m_primary.requestCount();
        w.table()->selectRow(0);
        QTest::mouseClick(button(&w, QStringLiteral("Restore")), Qt::LeftButton);
        QTRY_COMPARE(w.model()->rowCount(), 0);
        QCOMPARE(m_primary.requestCount(), probes);

        // Disable: out of rotation and written to the config file
        request();
        QTRY_COMPARE(w.model()->rowCount(), 1);
        w.table()->selectRow(0);
        QTest::mouseClick(button(&w, QStringLiteral("Disable")), Qt::LeftButton);
        QTRY_VERIFY(primary() && primary()->status == EndpointStatus::Disabled);
        QCOMPARE(m_host->config().activeEndpoints().at(0).enabled, false);
        const ConfigResult onDisk = loadConfig(m_host->configPath());
        QVERIFY(onDisk.config);
        QCOMPARE(onDisk.config->activeEndpoints().at(0).enabled, false);
        QTRY_COMPARE(w.model()->rowCount(), 0); // disabled endpoints are not "failed"
        const int before = m_primary.requestCount();
        request();
        QCOMPARE(m_primary.requestCount(), before);

        UiText error;
        QVERIFY(m_host->setEndpointEnabled(primaryId(), true, &error));
        m_primary.setWorking();
    }

    void endpointsDialogValidatesAndApplies()
    {
        EndpointsDialog d(m_host);
        d.show();
        auto *url = d.findChild<QLineEdit *>(QStringLiteral("baseUrl"));
        auto *problems = d.findChild<QLabel *>(QStringLiteral("problems"));
        auto *buttons = d.findChild<QDialogButtonBox *>();
        auto *list = d.findChild<QListWidget *>(QStringLiteral("endpointList"));
        QCOMPARE(list->count(), 2);

        // a bad URL is refused as it is typed
        list->setCurrentRow(1);
        url->clear();
        QTest::keyClicks(url, QStringLiteral("ftp://backup"));
        QVERIFY2(problems->text().contains(QStringLiteral("Base URL: not an http(s) URL")),
                 qPrintable(problems->text()));
        QVERIFY(!buttons->button(QDialogButtonBox::Ok)->isEnabled());
        QVERIFY(!buttons->button(QDialogButtonBox::Apply)->isEnabled());
        // the form checks what the config file checks: a proxy with a path is refused here too
        auto *proxy = d.findChild<QLineEdit *>(QStringLiteral("proxy"));
        proxy->setText(QStringLiteral("http://127.0.0.1:3128/path"));
        QVERIFY2(problems->text().contains(QStringLiteral("Upstream proxy: must be none")),
                 qPrintable(problems->text()));
        proxy->setText(QStringLiteral("none"));

        // a good edit reaches the running engine and the file
        FakeUpstream third;
        url->clear();
        QTest::keyClicks(url, third.baseUrl());
        QVERIFY(problems->text().isEmpty());
        auto *name = d.findChild<QLineEdit *>(QStringLiteral("name"));
        name->setText(QStringLiteral("新的中转")); // QTest cannot type non-ASCII keys
        QTest::mouseClick(buttons->button(QDialogButtonBox::Apply), Qt::LeftButton);
        QVERIFY2(d.lastError().isEmpty(), qPrintable(d.lastError()));
        QTRY_VERIFY(std::any_of(
            m_host->snapshot().registry.endpoints.begin(),
            m_host->snapshot().registry.endpoints.end(),
            [](const EndpointSnapshot &e) { return e.name == QStringLiteral("新的中转"); }));
        QCOMPARE(loadConfig(m_host->configPath()).config->activeEndpoints().at(1).baseUrl,
                 third.baseUrl());
        // and traffic follows: with the primary isolated, the edited secondary serves
        m_primary.setReply(FakeReply::error(401, "authentication_error", "bad"));
        request();
        QVERIFY(third.requestCount() >= 1);
        m_primary.setWorking();
        m_host->restore(primaryId());

        // the model its checks ask for: blank by default (the placeholder names the global one)
        auto *verifyModel = d.findChild<QLineEdit *>(QStringLiteral("verifyModel"));
        QVERIFY(verifyModel->text().isEmpty());
        QVERIFY(verifyModel->placeholderText().contains(m_host->config().verify.model));
        verifyModel->setText(QStringLiteral("relay-haiku"));
        QTest::mouseClick(buttons->button(QDialogButtonBox::Apply), Qt::LeftButton);
        QCOMPARE(loadConfig(m_host->configPath()).config->activeEndpoints().at(1).verifyModel,
                 QStringLiteral("relay-haiku"));
        verifyModel->clear();
        QTest::mouseClick(buttons->button(QDialogButtonBox::Apply), Qt::LeftButton);
        QVERIFY(
            loadConfig(m_host->configPath()).config->activeEndpoints().at(1).verifyModel.isEmpty());

        // models the relay names otherwise: one "asked-for = sent-as" a line, checked as typed
        auto *modelMap = d.findChild<QPlainTextEdit *>(QStringLiteral("modelMap"));
        QVERIFY(modelMap->toPlainText().isEmpty());
        modelMap->setPlainText(QStringLiteral("claude-sonnet-4-5 = 中转-sonnet\nnonsense"));
        QVERIFY(problems->text().contains(QStringLiteral("line 2")));
        QVERIFY(!buttons->button(QDialogButtonBox::Apply)->isEnabled());
        modelMap->setPlainText(
            QStringLiteral("claude-sonnet-4-5 = 中转-sonnet\n\n claude-haiku-4-5=relay-haiku "));
        QVERIFY(problems->text().isEmpty());
        QTest::mouseClick(buttons->button(QDialogButtonBox::Apply), Qt::LeftButton);
        const QMap<QString, QString> saved =
            loadConfig(m_host->configPath()).config->activeEndpoints().at(1).modelMap;
        QCOMPARE(saved, (QMap<QString, QString>{
                            {QStringLiteral("claude-haiku-4-5"), QStringLiteral("relay-haiku")},
                            {QStringLiteral("claude-sonnet-4-5"), QStringLiteral("中转-sonnet")}}));
        // and the running proxy sends the relay's name to it
        m_primary.setReply(FakeReply::error(401, "authentication_error", "bad"));
        request(QByteArray(R"({"model":"claude-sonnet-4-5","max_tokens":8,"messages":[]})"));
        QCOMPARE(third.requests().last().body,
                 QByteArray(R"({"model":"中转-sonnet","max_tokens":8,"messages":[]})"));
        m_primary.setWorking();
        m_host->restore(primaryId());
        modelMap->clear();
        QTest::mouseClick(buttons->button(QDialogButtonBox::Apply), Qt::LeftButton);
        QVERIFY(
            loadConfig(m_host->configPath()).config->activeEndpoints().at(1).modelMap.isEmpty());

        // Test button: a probe of the form's endpoint, result shown
        QTest::mouseClick(d.findChild<QPushButton *>(QStringLiteral("test")), Qt::LeftButton);
        QTRY_VERIFY(d.findChild<QLabel *>(QStringLiteral("testResult"))
                        ->text()
                        .contains(QStringLiteral("works")));
    }

    void endpointsDialogImportsTheEarlierQcc()
    {
        const QString path = m_dir.filePath(QStringLiteral("cache.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QStringLiteral(
                    R"({"profiles":{"default":{"base_url":"%1","api_key":"sk-fastcc-000000000000",
                  "endpoints":[{"name":"旧中转","base_url":"%1","priority":2,"weight":50}]}}})")
                    .arg(m_secondary.baseUrl() + QStringLiteral("/old"))
                    .replace(QStringLiteral("/"), QStringLiteral("\\/"))
                    .toUtf8());
        f.close();
        EndpointsDialog d(m_host);
        const int before = int(m_host->config().activeEndpoints().size());
        QString report;
        QVERIFY2(d.importFrom(path, &report), qPrintable(report));
        QVERIFY(report.contains(QStringLiteral("1 endpoint")));
        QCOMPARE(m_host->config().activeEndpoints().size(), before + 1);
        QCOMPARE(m_host->config().activeEndpoints().last().name, QStringLiteral("旧中转"));
        QCOMPARE(m_host->config().activeEndpoints().last().tier, Tier::Secondary);
        QTRY_COMPARE(m_host->snapshot().registry.endpoints.size(),
                     before + 1); // the running engine has it
        QCOMPARE(loadConfig(m_host->configPath()).config->activeEndpoints().size(), before + 1);
    }

    void settingsWriteAutostart()
    {
        SettingsDialog d(m_host);
        auto *autostart = d.findChild<QCheckBox *>(QStringLiteral("autostart"));
        const QString entry = Autostart::entryPath();
        QVERIFY(entry.startsWith(m_dir.path()));
        QVERIFY(!QFile::exists(entry));
        autostart->setChecked(true);
        QVERIFY(d.apply());
        QVERIFY(QFile::exists(entry));
        QFile f(entry);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray text = f.readAll();
        QVERIFY(text.contains("[Desktop Entry]"));
        QVERIFY(
            text.contains(QByteArray("Exec=" + QCoreApplication::applicationFilePath().toUtf8())));
        autostart->setChecked(false);
        QVERIFY(d.apply());
        QVERIFY(!QFile::exists(entry));
        // an invalid listen address is refused with the field named, nothing changes
        d.findChild<QLineEdit *>(QStringLiteral("listenHost"))->setText(QStringLiteral("0.0.0.0"));
        QVERIFY(!d.apply());
        QVERIFY(d.findChild<QLabel *>(QStringLiteral("problems"))
                    ->text()
                    .contains(QStringLiteral("listen.host")));
        QCOMPARE(m_host->config().listenHost, QStringLiteral("127.0.0.1"));
    }

    // An endpoint whose key cannot be had reads "not usable: no key (why)" in both windows
    // and in the tray's tooltip, while the others serve.
    void keylessEndpointIsShownInBothWindows()
    {
        qunsetenv("QCC_GUI_TEST_UNSET_KEY");
        const Config before = m_host->config();
        Config c = before;
        EndpointConfig e;
        e.name = QStringLiteral("无钥匙");
        e.baseUrl = QStringLiteral("https://keyless.example");
        e.apiKeyEnv = QStringLiteral("QCC_GUI_TEST_UNSET_KEY");
        e.tier = Tier::Secondary;
        e.effectiveId = deriveEndpointId(e.baseUrl, e.keySource());
        c.clusters[0].endpoints.append(e);
        UiText error;
        QVERIFY2(m_host->applyConfig(c, &error), qPrintable(error.english()));
        const QString why = QStringLiteral(
            "not usable: no key (environment variable QCC_GUI_TEST_UNSET_KEY is not set)");

        NodesWindow nodes(m_host);
        FailedNodesWindow failed(m_host);
        QTRY_VERIFY(nodes.model()->rowOf(e.effectiveId) >= 0);
        const int row = nodes.model()->rowOf(e.effectiveId);
        QCOMPARE(nodes.model()->data(nodes.model()->index(row, NodesModel::State)).toString(), why);
        // one line, as wide as the text: never clipped to "not usable: no k…"
        nodes.show();
        auto *table = nodes.findChild<QTableView *>(QStringLiteral("nodesTable"));
        QTRY_VERIFY2(table->columnWidth(NodesModel::State) >=
                         table->fontMetrics().horizontalAdvance(why),
                     qPrintable(QString::number(table->columnWidth(NodesModel::State))));
        QVERIFY(!table->wordWrap());
        QTRY_COMPARE(failed.model()->rowCount(), 1);
        QCOMPARE(failed.model()->data(failed.model()->index(0, FailedNodesModel::Name)).toString(),
                 e.name);
        QCOMPARE(
            failed.model()->data(failed.model()->index(0, FailedNodesModel::Reason)).toString(),
            why);
        const TrayStatus t = StatusPresenter::present(m_host->snapshot());
        QCOMPARE(t.state, TrayState::Amber);
        QVERIFY2(t.tooltip.contains(QStringLiteral("1 without a key")), qPrintable(t.tooltip));
        request(); // the primary serves meanwhile

        QVERIFY(m_host->applyConfig(before, &error));
        QTRY_COMPARE(failed.model()->rowCount(), 0);
    }

    // qcc-tray's answer to a config file it cannot use: the problems, and a wait for the fix.
    void configProblemDialogWaitsForAValidFile()
    {
        const QString path = m_dir.filePath(QStringLiteral("problem/config.json"));
        QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"version":1,"clusters":[{"name":"default","endpoints":[{"base_url":"x"}]}]})");
        f.close();
        const ConfigResult first = loadConfig(path);
        QVERIFY(!first.config);
        ConfigProblemDialog d(path, first.errors, [path] { return loadConfig(path); });
        d.show();
        const QString problem =
            QStringLiteral("clusters[0].endpoints[0].base_url: not an http(s) URL");
        QVERIFY2(d.problemText().contains(problem), qPrintable(d.problemText()));
        QTest::mouseClick(d.findChild<QPushButton *>(QStringLiteral("checkAgain")), Qt::LeftButton);
        QVERIFY(d.isVisible()); // still broken: still shown
        QVERIFY(d.problemText().contains(problem));

        Config fixed = m_host->config(); // saved as an editor would: a new file renamed over
        fixed.listenPort = 0;
        QString error;
        QVERIFY(saveConfig(fixed, path, &error));
        QTRY_COMPARE(d.result(), int(QDialog::Accepted));
        QVERIFY(!d.isVisible());
        QVERIFY(d.config());
        QCOMPARE(d.config()->activeEndpoints().size(), fixed.activeEndpoints().size());
    }

    // Without a system tray (offscreen has none) a main window holds everything the tray menu
    // holds: every action is reachable from its menu bar and works, and closing it asks.
    void noTrayOpensTheMainWindow()
    {
        QVERIFY(!QSystemTrayIcon::isSystemTrayAvailable());
        qputenv("CLAUDE_CONFIG_DIR", m_dir.filePath(QStringLiteral("claude")).toUtf8());
        const QString stateDir = m_dir.filePath(QStringLiteral("state"));
        TrayApp app(m_host, stateDir);
        QSignalSpy quit(&app, &TrayApp::quitRequested);
        app.show();
        MainWindow *w = app.mainWindow();
        QVERIFY(w && w->isVisible());
        QVERIFY(w->findChild<QLabel *>(QStringLiteral("note"))
                    ->text()
                    .contains(QStringLiteral("No system tray")));
        QTRY_COMPARE(app.nodesWindow()->model()->rowCount(),
                     int(m_host->snapshot().registry.endpoints.size()));
        QVERIFY(app.nodesWindow()->isVisible()); // inside the main window
        QVERIFY(!app.open(QStringLiteral("nonsense")));
        // every name qcc-tray --open accepts opens a window
        for (const QString &name : TrayApp::windowNames())
            QVERIFY2(app.open(name), qPrintable(name));
        for (QWidget *top : QApplication::topLevelWidgets())
            if (top != w && top->isVisible() && !top->inherits("QMenu"))
                top->hide();

        QCOMPARE(w->menuBar()->actions().size(), 1);
        QMenu *menu = w->menuBar()->actions().first()->menu();
        QVERIFY(menu);
        auto action = [menu](const char *name) {
            return menu->findChild<QAction *>(QLatin1String(name));
        };
        for (const char *name : {"toggleProxy", "failedNodes", "endpoints", "settings",
                                 "claudeCode", "copyEnvironment", "openLogFolder", "about", "quit"})
            QVERIFY2(action(name) && menu->actions().contains(action(name)), name);
        auto *pickMenu = menu->findChild<QMenu *>(QStringLiteral("pick"));
        QVERIFY(pickMenu && menu->actions().contains(pickMenu->menuAction()));
        auto *nodesMenu = menu->findChild<QMenu *>(QStringLiteral("nodes"));
        auto *clusterMenu = menu->findChild<QMenu *>(QStringLiteral("clusters"));
        QVERIFY(nodesMenu && clusterMenu && menu->actions().contains(nodesMenu->menuAction()) &&
                menu->actions().contains(clusterMenu->menuAction()));
        QTRY_COMPARE(nodesMenu->actions().size(),
                     int(m_host->snapshot().registry.endpoints.size()));
        QCOMPARE(clusterMenu->actions().size(), 1); // the one cluster, checked
        QVERIFY(clusterMenu->actions().first()->isChecked());
        const QList<QAction *> tools =
            w->findChild<QToolBar *>(QStringLiteral("actions"))->actions();
        for (const char *name : {"toggleProxy", "claudeCode", "failedNodes", "endpoints",
                                 "settings", "copyEnvironment"})
            QVERIFY2(tools.contains(action(name)), name);

        action("failedNodes")->trigger();
        QVERIFY(app.failedNodesWindow()->isVisible());
        action("endpoints")->trigger();
        QVERIFY(app.endpointsDialog()->isVisible());
        app.endpointsDialog()->close();
        action("settings")->trigger();
        QVERIFY(app.settingsDialog()->isVisible());
        app.settingsDialog()->close();
        action("about")->trigger();
        QVERIFY(app.aboutDialog()->isVisible());
        const QString about = app.aboutDialog()->plainText();
        QVERIFY2(about.contains(QStringLiteral("Version: " QCC_VERSION)) &&
                     about.contains(QStringLiteral("llhttp")) &&
                     about.contains(QStringLiteral("QtKeychain")) &&
                     about.contains(QDir::toNativeSeparators(m_host->configPath())) &&
                     about.contains(QDir::toNativeSeparators(stateDir)),
                 qPrintable(about));
        app.aboutDialog()->close();

        QApplication::clipboard()->clear();
        action("copyEnvironment")->trigger();
        QVERIFY(QApplication::clipboard()->text().startsWith(
            QStringLiteral("export ANTHROPIC_BASE_URL=http://127.0.0.1:")));
        QVERIFY(w->statusBar()->currentMessage().startsWith(QStringLiteral("Copied")));

        UrlCatcher folder; // the desktop's file opener, stood in for here
        QDesktopServices::setUrlHandler(QStringLiteral("file"), &folder, "open");
        action("openLogFolder")->trigger();
        QDesktopServices::unsetUrlHandler(QStringLiteral("file"));
        QCOMPARE(folder.opened.toLocalFile(), stateDir);

        const QString claudeSettings = m_dir.filePath(QStringLiteral("claude/settings.json"));
        auto claudeUsesQcc = [&] {
            QFile f(claudeSettings);
            return f.open(QIODevice::ReadOnly) && f.readAll().contains("ANTHROPIC_BASE_URL");
        };
        QVERIFY(!claudeUsesQcc());
        action("claudeCode")->trigger();
        QVERIFY(action("claudeCode")->isChecked());
        QVERIFY(claudeUsesQcc());
        action("claudeCode")->trigger();
        QVERIFY(!action("claudeCode")->isChecked());
        QVERIFY(!claudeUsesQcc());

        action("toggleProxy")->trigger();
        QTRY_VERIFY(!m_host->snapshot().listening);
        QTRY_VERIFY(!action("toggleProxy")->isChecked());
        action("toggleProxy")->trigger();
        QTRY_VERIFY(m_host->snapshot().listening);
        QTRY_VERIFY(action("toggleProxy")->isChecked());

        action("quit")->trigger();
        QCOMPARE(quit.count(), 1);
        // Closing asks: "keep running" minimizes and stops nothing; "quit" quits.
        answerNextQuestion("keep");
        QVERIFY(!w->close());
        QVERIFY(w->isMinimized());
        QCOMPARE(quit.count(), 1);
        QVERIFY(m_host->snapshot().listening);
        answerNextQuestion("quit");
        w->close();
        QCOMPARE(quit.count(), 2);
        request(); // still serving: quitting is the caller's to carry out
    }

    // "Use endpoint": the pick serves, whatever its tier; when it fails, failover goes on and
    // the menu says why the pick is not honoured; Automatic ends it.
    void pickAnEndpointFromTheMenu()
    {
        FakeUpstream chosen;
        const Config original = m_host->config();
        Config c = original;
        EndpointConfig e;
        e.id = e.effectiveId = QStringLiteral("chosen");
        e.name = QStringLiteral("选中的");
        e.baseUrl = chosen.baseUrl();
        e.apiKey = e.key = QStringLiteral("sk-fake-gui-chosen-000000000000");
        e.tier = Tier::Secondary;
        c.clusters[0].endpoints.append(e);
        UiText error;
        QVERIFY2(m_host->applyConfig(c, &error), qPrintable(error.english()));

        TrayApp app(m_host, m_dir.filePath(QStringLiteral("state")));
        app.show();
        QMenu *pickMenu = app.tray()->menu()->findChild<QMenu *>(QStringLiteral("pick"));
        auto pickAction = [pickMenu](const QString &id) -> QAction * {
            for (QAction *a : pickMenu->actions())
                if (a->isCheckable() && a->data().toString() == id)
                    return a;
            return nullptr;
        };
        QTRY_VERIFY(pickAction(e.id));
        QVERIFY(pickAction(QString())->isChecked()); // Automatic
        pickAction(e.id)->trigger();
        QTRY_COMPARE(m_host->snapshot().registry.pickedId, e.id);
        QTRY_VERIFY(pickAction(e.id) && pickAction(e.id)->isChecked());
        QTRY_VERIFY2(app.presenter()->status().tooltip.contains(
                         QStringLiteral("via %1 (your pick)").arg(e.name)),
                     qPrintable(app.presenter()->status().tooltip));
        const int before = m_primary.requestCount();
        request();
        QCOMPARE(chosen.requestCount(), 1); // a secondary, picked, serves first
        QCOMPARE(m_primary.requestCount(), before);

        // The pick breaks: failover as usual, and the menu and tooltip say why.
        chosen.setReply(FakeReply::error(401, "authentication_error", "invalid x-api-key"));
        request();
        QCOMPARE(m_primary.requestCount(), before + 1);
        QTRY_VERIFY(!m_host->snapshot().registry.pickIgnored.isEmpty());
        QTRY_VERIFY2(app.presenter()->status().tooltip.contains(QStringLiteral("is not used")),
                     qPrintable(app.presenter()->status().tooltip));
        QVERIFY(StatusPresenter::hint(m_host->snapshot())
                    .startsWith(QStringLiteral("You picked %1, but it is isolated").arg(e.name)));

        pickAction(QString())->trigger(); // Automatic
        QTRY_VERIFY(m_host->snapshot().registry.pickedId.isEmpty());
        QVERIFY(m_host->applyConfig(original, &error));
    }

    // Turning the proxy off while Claude Code is pointed at QCC: QCC says Claude Code will
    // fail to connect and offers to restore its own settings until the proxy is on again.
    void proxyOffOffersToRestoreClaudeCode()
    {
        qputenv("CLAUDE_CONFIG_DIR", m_dir.filePath(QStringLiteral("claude-off")).toUtf8());
        const QString settings = m_dir.filePath(QStringLiteral("claude-off/settings.json"));
        auto claudeUsesQcc = [&] {
            QFile f(settings);
            return f.open(QIODevice::ReadOnly) && f.readAll().contains("ANTHROPIC_BASE_URL");
        };
        TrayApp app(m_host, m_dir.filePath(QStringLiteral("state")));
        app.show();
        QMenu *menu = app.tray()->menu();
        QAction *proxy = menu->findChild<QAction *>(QStringLiteral("toggleProxy"));
        QAction *claude = menu->findChild<QAction *>(QStringLiteral("claudeCode"));
        claude->trigger();
        QVERIFY(claudeUsesQcc());

        answerNextQuestion("cancel"); // changed their mind: nothing happens
        proxy->trigger();
        QVERIFY(proxy->isChecked());
        QTest::qWait(100);
        QVERIFY(m_host->snapshot().listening);

        answerNextQuestion("yes");
        proxy->trigger();
        QTRY_VERIFY(!m_host->snapshot().listening);
        QVERIFY(!claudeUsesQcc());
        QVERIFY(!claude->isChecked());
        QTRY_VERIFY(menu->findChild<QAction *>(QStringLiteral("hint"))->text().isEmpty() == false);
        proxy->trigger(); // on again: Claude Code is pointed at QCC again
        QTRY_VERIFY(m_host->snapshot().listening);
        QVERIFY(claudeUsesQcc());
        QVERIFY(claude->isChecked());

        answerNextQuestion("no"); // off, Claude Code left pointed at QCC: the menu says so
        proxy->trigger();
        QTRY_VERIFY(!m_host->snapshot().listening);
        QVERIFY(claudeUsesQcc());
        QTRY_VERIFY(menu->findChild<QAction *>(QStringLiteral("hint"))
                        ->text()
                        .contains(QStringLiteral("Claude Code is set to use QCC")));
        proxy->trigger();
        QTRY_VERIFY(m_host->snapshot().listening);
        claude->trigger();
        QVERIFY(!claudeUsesQcc());
    }

    // The four tray states differ by shape, not only by colour (colour-blind users, monochrome
    // panels), at every size a panel asks for, HiDPI included: their opaque masks differ.
    void trayStatesDifferByShape()
    {
        const QList<TrayState> states = {TrayState::Green, TrayState::Amber, TrayState::Red,
                                         TrayState::Grey};
        for (int side : {16, 22, 24, 32, 48, 64, 96}) {
            QList<QImage> masks;
            for (TrayState state : states) {
                const QImage image = trayIconFor(state)
                                         .pixmap(QSize(side, side))
                                         .toImage()
                                         .convertToFormat(QImage::Format_ARGB32);
                QCOMPARE(image.size(), QSize(side, side));
                QImage mask(image.size(), QImage::Format_Grayscale8);
                int opaque = 0, solid = 0;
                for (int y = 0; y < side; ++y)
                    for (int x = 0; x < side; ++x) {
                        const int alpha = qAlpha(image.pixel(x, y));
                        mask.setPixel(x, y, alpha > 127 ? 0xffffff : 0);
                        opaque += alpha > 127;
                        solid += alpha == 255;
                    }
                // drawn, and crisp: most of what is drawn is fully opaque, not a blur
                QVERIFY2(opaque >= side * side / 4,
                         qPrintable(QStringLiteral("%1 px %2: %3 opaque")
                                        .arg(side)
                                        .arg(StatusPresenter::stateName(state))
                                        .arg(opaque)));
                QVERIFY2(solid >= opaque / 2,
                         qPrintable(QStringLiteral("%1 px %2: %3 of %4 fully opaque")
                                        .arg(side)
                                        .arg(StatusPresenter::stateName(state))
                                        .arg(solid)
                                        .arg(opaque)));
                masks.append(mask);
            }
            for (int a = 0; a < masks.size(); ++a)
                for (int b = a + 1; b < masks.size(); ++b) {
                    int differ = 0;
                    for (int y = 0; y < side; ++y)
                        for (int x = 0; x < side; ++x)
                            differ += masks[a].pixelColor(x, y) != masks[b].pixelColor(x, y);
                    QVERIFY2(differ >= side * side / 12,
                             qPrintable(QStringLiteral("%1 px: %2 and %3 differ in %4 px only")
                                            .arg(side)
                                            .arg(StatusPresenter::stateName(states[a]),
                                                 StatusPresenter::stateName(states[b]))
                                            .arg(differ)));
                }
        }
    }

    // The Nodes window acts on the selected endpoint, and draws its latency sparkline.
    void nodesWindowActsOnTheSelectedEndpoint()
    {
        TrayApp app(m_host, m_dir.filePath(QStringLiteral("state")));
        NodesWindow *w = app.nodesWindow();
        w->show();
        request();
        const QString id = primaryId();
        QTRY_VERIFY(primary() && !primary()->latencyHistory.isEmpty());
        QTRY_VERIFY(w->model()->rowOf(id) >= 0);
        const int row = w->model()->rowOf(id);
        auto *table = w->findChild<QTableView *>(QStringLiteral("nodesTable"));

        // the sparkline, in pixels: the highlight colour inside the latency cell
        QTRY_VERIFY(
            !w->model()
                 ->data(w->model()->index(row, NodesModel::Latency), NodesModel::HistoryRole)
                 .toList()
                 .isEmpty());
        const QRect cell = table->visualRect(w->model()->index(row, NodesModel::Latency));
        const QImage shot = table->viewport()->grab().toImage();
        const QColor ink = table->palette().color(QPalette::Highlight);
        int inked = 0;
        for (int y = cell.top(); y <= cell.bottom(); ++y)
            for (int x = cell.left(); x <= cell.right(); ++x) {
                const QColor c = shot.pixelColor(x, y);
                inked += qAbs(c.red() - ink.red()) + qAbs(c.green() - ink.green()) +
                             qAbs(c.blue() - ink.blue()) <
                         60;
            }
        QVERIFY2(inked >= 8, qPrintable(QString::number(inked)));

        for (const char *name : {"verify", "enable", "edit", "use"})
            QVERIFY(!w->findChild<QPushButton *>(QLatin1String(name))->isEnabled());
        table->selectRow(row);
        QVERIFY(w->findChild<QPushButton *>(QStringLiteral("verify"))->isEnabled());
        QCOMPARE(w->selectedId(), id);

        QTest::mouseClick(w->findChild<QPushButton *>(QStringLiteral("verify")), Qt::LeftButton);
        QTRY_VERIFY2(w->findChild<QLabel *>(QStringLiteral("result"))
                         ->text()
                         .contains(QStringLiteral("works")),
                     qPrintable(w->findChild<QLabel *>(QStringLiteral("result"))->text()));

        QTest::mouseClick(w->findChild<QPushButton *>(QStringLiteral("use")), Qt::LeftButton);
        QTRY_COMPARE(m_host->snapshot().registry.pickedId, id);
        QTRY_VERIFY(!w->findChild<QPushButton *>(QStringLiteral("use"))->isEnabled());
        m_host->setPicked(QString());
        QTRY_VERIFY(m_host->snapshot().registry.pickedId.isEmpty());

        QTest::mouseClick(w->findChild<QPushButton *>(QStringLiteral("enable")), Qt::LeftButton);
        QTRY_VERIFY(primary() && !primary()->enabled);
        QTRY_VERIFY(w->findChild<QPushButton *>(QStringLiteral("enable"))
                        ->text()
                        .contains(QStringLiteral("Enable")));
        table->selectRow(w->model()->rowOf(id));
        QTest::mouseClick(w->findChild<QPushButton *>(QStringLiteral("enable")), Qt::LeftButton);
        QTRY_VERIFY(primary() && primary()->enabled);

        table->selectRow(w->model()->rowOf(id));
        QTest::mouseClick(w->findChild<QPushButton *>(QStringLiteral("edit")), Qt::LeftButton);
        QVERIFY(app.endpointsDialog()->isVisible());
        app.endpointsDialog()->close();
    }

    // A reason longer than its column: shown whole, and copyable, below the table (whole as
    // QCC keeps it: an upstream's message is clipped to 200 characters); the totals say what
    // they count.
    void failedNodeDetailsShowTheWholeReason()
    {
        const QString longReason =
            QStringLiteral("该中转站的额度已用完，请联系管理员续费或更换密钥 ") +
            QString(140, u'x') + QStringLiteral(" the end");
        m_primary.setReply(FakeReply::error(401, "authentication_error", longReason.toUtf8()));
        FailedNodesWindow w(m_host);
        w.show();
        request();
        QTRY_COMPARE(w.model()->rowCount(), 1);
        w.table()->selectRow(0);
        auto *details = w.findChild<QPlainTextEdit *>(QStringLiteral("details"));
        const QRect why = w.table()->visualRect(w.model()->index(0, FailedNodesModel::Reason));
        QVERIFY(w.table()->fontMetrics().horizontalAdvance(longReason) > why.width());
        QTRY_VERIFY2(details->toPlainText().contains(longReason),
                     qPrintable(details->toPlainText()));
        QVERIFY(details->isReadOnly());
        QVERIFY(details->toPlainText().contains(QStringLiteral("Checks: 0")));
        QVERIFY(details->toPlainText().contains(QStringLiteral("Next check: ")));
        details->selectAll();
        details->copy();
        QVERIFY(QApplication::clipboard()->text().contains(longReason));
        QVERIFY(w.findChild<QLabel *>(QStringLiteral("footer"))
                    ->text()
                    .startsWith(QStringLiteral("All time, kept across restarts: ")));
        m_primary.setWorking();
        m_host->restore(primaryId());
        QTRY_COMPARE(w.model()->rowCount(), 0);
    }

    void cleanupTestCase()
    {
        bool done = false;
        m_host->shutdown(5000, [&] { done = true; });
        QTRY_VERIFY(done);
    }
};

QTEST_MAIN(TestGui)
#include "tst_gui.moc"
