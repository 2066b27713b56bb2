// Widgets offscreen, driven against a real engine (on its own thread) and fake upstreams.
#include "configproblemdialog.h"
#include "endpointsdialog.h"
#include "engine/enginehost.h"
#include "failednodeswindow.h"
#include "nodeswindow.h"
#include "platform/autostart.h"
#include "settingsdialog.h"
#include "support/fakeupstream.h"
#include "support/httpclient.h"
#include "trayapp.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QStackedWidget>
#include <QSystemTrayIcon>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace qcc;
using namespace qcc::test;

namespace {
const QByteArray kBody =
    R"({"model":"x","max_tokens":8,"messages":[{"role":"user","content":"hi"}]})";

QPushButton *button(QWidget *w, const QString &text)
{
    for (QPushButton *b : w->findChildren<QPushButton *>())
        if (b->text().remove(u'&') == text)
            return b;
    return nullptr;
}
} // namespace

class TestGui : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    FakeUpstream m_primary, m_secondary;
    EngineHost *m_host = nullptr;

    void request()
    {
        HttpClient c;
        c.send(quint16(m_host->snapshot().listenAddress.section(u':', -1).toUInt()), "POST",
               "/v1/messages", {{"content-type", "application/json"}}, kBody);
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
        QCOMPARE(stack->currentWidget(), static_cast<QWidget *>(w.table()));
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
        QTRY_VERIFY(primary() && primary()->status == QLatin1String("disabled"));
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
        QVERIFY(problems->text().contains(QStringLiteral("http://")));
        QVERIFY(!buttons->button(QDialogButtonBox::Ok)->isEnabled());
        QVERIFY(!buttons->button(QDialogButtonBox::Apply)->isEnabled());

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

    void noTrayOpensTheNodesWindow()
    {
        QVERIFY(!QSystemTrayIcon::isSystemTrayAvailable()); // offscreen has no tray
        TrayApp app(m_host, m_dir.path());
        app.show();
        QVERIFY(app.nodesWindow()->isVisible());
        QVERIFY(app.nodesWindow()
                    ->findChild<QLabel *>(QStringLiteral("note"))
                    ->text()
                    .contains(QStringLiteral("No system tray")));
        QTRY_COMPARE(app.nodesWindow()->model()->rowCount(),
                     int(m_host->snapshot().registry.endpoints.size()));
        QVERIFY(app.open(QStringLiteral("failed-nodes")));
        QVERIFY(app.failedNodesWindow()->isVisible());
        QVERIFY(!app.open(QStringLiteral("nonsense")));
        QVERIFY(app.claudeCodeEnvironment().startsWith(
            QStringLiteral("export ANTHROPIC_BASE_URL=http://127.0.0.1:")));
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
