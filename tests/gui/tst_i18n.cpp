// Translations: every .ts complete, and the UI in zh_CN really shows Chinese, engine texts
// included, while logs, the API and the state file keep them in English.
#include "engine/enginehost.h"
#include "failednodeswindow.h"
#include "language.h"
#include "nodeswindow.h"
#include "settingsdialog.h"
#include "statuspresenter.h"
#include "support/fakeupstream.h"
#include "support/testutil.h"
#include "trayapp.h"
#include "trayicon.h"

#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMutex>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

using namespace qcc;
using namespace qcc::test;

namespace {
bool hasCjk(const QString &s)
{
    for (const QChar c : s)
        if (c.unicode() >= 0x4e00 && c.unicode() <= 0x9fff)
            return true;
    return false;
}

QMutex s_mutex;         // the engine thread may log too
QStringList s_warnings; //!< what was logged while a test captured it

void captureWarnings(QtMsgType type, const QMessageLogContext &, const QString &text)
{
    QMutexLocker lock(&s_mutex);
    if (type == QtWarningMsg)
        s_warnings.append(text);
}

//! A config with one endpoint at \a baseUrl (id "relay") that listens on \a port.
Config configFor(const QString &baseUrl, int port)
{
    Config config;
    config.listenPort = port;
    config.verify.intervalMs = 3600000; // only the tests verify
    ClusterConfig cluster;
    cluster.name = QStringLiteral("default");
    EndpointConfig e;
    e.id = e.effectiveId = QStringLiteral("relay");
    e.name = QStringLiteral("中转");
    e.baseUrl = baseUrl;
    e.apiKey = e.key = QStringLiteral("sk-ant-i18n-test-00000000");
    cluster.endpoints.append(e);
    config.clusters = {cluster};
    return config;
}
} // namespace

class TestI18n : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("XDG_CONFIG_HOME", m_dir.filePath(QStringLiteral("xdg")).toUtf8());
        QCoreApplication::setOrganizationName(QStringLiteral("qcc-test"));
    }
    void cleanup() { installTranslations(qApp, QStringLiteral("en")); }

    void everyTsFileIsComplete_data()
    {
        QTest::addColumn<QString>("path");
        const QDir dir(QStringLiteral(QCC_SOURCE_DIR "/resources/translations"));
        const QStringList files = dir.entryList({QStringLiteral("*.ts")});
        QVERIFY(files.contains(QStringLiteral("qcc_zh_CN.ts")) &&
                files.contains(QStringLiteral("qcc_en.ts")));
        for (const QString &f : files)
            QTest::newRow(qPrintable(f)) << dir.filePath(f);
    }
    void everyTsFileIsComplete()
    {
        QFETCH(QString, path);
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&f);
        int messages = 0;
        QString source;
        while (!xml.atEnd()) {
            xml.readNext();
            if (!xml.isStartElement())
                continue;
            if (xml.name() == QLatin1String("message"))
                ++messages;
            else if (xml.name() == QLatin1String("source"))
                source = xml.readElementText();
            else if (xml.name() == QLatin1String("translation")) {
                QVERIFY2(xml.attributes().value(QLatin1String("type")) !=
                             QLatin1String("unfinished"),
                         qPrintable(QStringLiteral("unfinished: ") + source));
                QVERIFY2(!xml.readElementText(QXmlStreamReader::IncludeChildElements)
                              .trimmed()
                              .isEmpty(),
                         qPrintable(QStringLiteral("empty translation: ") + source));
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(messages > 100);
    }

    void chineseUi()
    {
        QCOMPARE(installTranslations(qApp, QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
        EngineHost host; // not started: the widgets only need its signals
        StatusPresenter presenter;
        TrayIcon tray(&host, &presenter);
        QStringList texts;
        for (QAction *a : tray.menu()->actions())
            if (!a->text().isEmpty())
                texts.append(a->text());
        QVERIFY(texts.size() >= 8);
        for (const QString &t : texts)
            QVERIFY2(hasCjk(t), qPrintable(t)); // every menu entry, not just some
        FailedNodesWindow w(&host);
        QVERIFY(hasCjk(w.windowTitle()));
        EngineSnapshot s;
        QVERIFY(hasCjk(StatusPresenter::present(s).tooltip)); // "proxy off", in Chinese
        // and back to English
        QCOMPARE(installTranslations(qApp, QStringLiteral("en")), QStringLiteral("en"));
        QCOMPARE(QCoreApplication::translate("qcc::EndpointsDialog", "%n endpoint(s) imported.",
                                             nullptr, 2),
                 QStringLiteral("2 endpoints imported."));
        TrayIcon english(&host, &presenter);
        QCOMPARE(english.menu()->actions().last()->text(), QStringLiteral("Quit"));
    }

    // A config problem found by the engine's parser: Chinese in the settings dialog, English
    // in what the parser returns (the form --check-config prints).
    void configProblemInChinese()
    {
        Config config = configFor(QStringLiteral("http://127.0.0.1:9"), 0);
        const QString path = m_dir.filePath(QStringLiteral("config/config.json"));
        EngineHost host;
        host.start(config, path, m_dir.filePath(QStringLiteral("config/state")), false);
        QCOMPARE(installTranslations(qApp, QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));

        config.listenHost = QStringLiteral("0.0.0.0");
        const ConfigResult r = parseConfig(config.toBytes());
        QCOMPARE(r.errors.size(), 1);
        QCOMPARE(r.errors[0].english(),
                 QStringLiteral("listen.host: 0.0.0.0 is not a loopback address; listening there "
                                "requires an access_token"));

        SettingsDialog d(&host);
        d.findChild<QLineEdit *>(QStringLiteral("listenHost"))->setText(QStringLiteral("0.0.0.0"));
        QVERIFY(!d.apply());
        const QString shown = d.findChild<QLabel *>(QStringLiteral("problems"))->text();
        QVERIFY2(hasCjk(shown), qPrintable(shown));
        QVERIFY2(shown.contains(QStringLiteral("listen.host")) &&
                     shown.contains(QStringLiteral("0.0.0.0")) &&
                     shown.contains(QStringLiteral("access_token")),
                 qPrintable(shown));
        QCOMPARE(shown, r.errors[0].localized());
        QVERIFY(!hasCjk(r.errors[0].english())); // still English after being shown
        QVERIFY(!QFile::exists(path));           // refused: nothing was saved
    }

    // The proxy cannot listen (a real socket on a busy port): the window that stands in for
    // the tray says so in Chinese; the log line stays English.
    void portInUseInChinese()
    {
        QTcpServer busy;
        QVERIFY(busy.listen(QHostAddress::LocalHost, 0));
        const QString port = QString::number(busy.serverPort());
        QCOMPARE(installTranslations(qApp, QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
        EngineHost host;
        TrayApp app(&host, m_dir.filePath(QStringLiteral("busy/state")));
        app.show(); // offscreen has no tray: the nodes window is the app
        s_warnings.clear();
        const QtMessageHandler previous = qInstallMessageHandler(captureWarnings);
        host.start(configFor(QStringLiteral("http://127.0.0.1:9"), busy.serverPort()),
                   m_dir.filePath(QStringLiteral("busy/config.json")),
                   m_dir.filePath(QStringLiteral("busy/state")));
        auto *note = app.nodesWindow()->findChild<QLabel *>(QStringLiteral("note"));
        QTRY_VERIFY(note->text().contains(port));
        qInstallMessageHandler(previous);
        qApp->setQuitOnLastWindowClosed(false); // as it was before show()
        QVERIFY2(hasCjk(note->text()), qPrintable(note->text()));
        QVERIFY2(note->text().contains(QStringLiteral("已被占用")), qPrintable(note->text()));
        const QString logged = QStringLiteral("port %1 on 127.0.0.1 is already in use").arg(port);
        QVERIFY2(std::any_of(s_warnings.begin(), s_warnings.end(),
                             [&](const QString &w) { return w.startsWith(logged); }),
                 qPrintable(s_warnings.join(u'\n')));
        for (const QString &w : std::as_const(s_warnings))
            QVERIFY2(!hasCjk(w), qPrintable(w)); // nothing logged in Chinese
        QVERIFY(!host.snapshot().listening);
        bool done = false;
        host.shutdown(5000, [&] { done = true; });
        QTRY_VERIFY(done);
    }

    // A failed verification: Chinese in the failed-nodes window; English in the snapshot the
    // local API is built from and in the state file. A reason restored from the state file has
    // no structured form and is shown as stored.
    void probeFailureInChinese()
    {
        FakeUpstream fake;
        fake.setReply(FakeReply::html(200));
        const QString stateDir = m_dir.filePath(QStringLiteral("probe/state"));
        QVERIFY(QDir().mkpath(stateDir));
        const QString statePath = QDir(stateDir).filePath(QStringLiteral("failure_queue.json"));
        QFile state(statePath);
        QVERIFY(state.open(QIODevice::WriteOnly));
        state.write(R"({"version":1,"entries":[{"id":"relay","reason_class":"credential",
            "reason":"HTTP 401: invalid x-api-key","last_error":"HTTP 401: invalid x-api-key",
            "since":"2024-05-01T10:00:00.000Z","verify_attempts":0}],"stats":{}})");
        state.close();
        QCOMPARE(installTranslations(qApp, QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
        EngineHost host;
        host.start(configFor(fake.baseUrl(), 0),
                   m_dir.filePath(QStringLiteral("probe/config.json")), stateDir, false);
        FailedNodesWindow w(&host);
        FailedNodesModel *m = w.model();
        QTRY_COMPARE(m->rowCount(), 1);
        const auto cell = [m](int column) { return m->data(m->index(0, column)).toString(); };
        QCOMPARE(cell(FailedNodesModel::Reason),
                 QStringLiteral("密钥被拒：HTTP 401: invalid x-api-key")); // as restored

        host.verifyNow(QStringLiteral("relay"));
        QTRY_VERIFY(host.snapshot().endpoint(QStringLiteral("relay"))->failure->hasProbe);
        const QString english = QStringLiteral("HTTP 200 with an HTML page");
        QTRY_VERIFY(cell(FailedNodesModel::LastProbe)
                        .startsWith(QStringLiteral("HTTP 200，但返回的是 HTML 页面")));
        QCOMPARE(cell(FailedNodesModel::Reason),
                 QStringLiteral("密钥被拒：HTTP 200，但返回的是 HTML 页面"));
        const FailureEntry f = *host.snapshot().endpoint(QStringLiteral("relay"))->failure;
        QCOMPARE(f.lastProbeResult, english); // what GET /__qcc__/stats reports
        QCOMPARE(f.reason, QStringLiteral("HTTP 401: invalid x-api-key"));
        QVERIFY(state.open(QIODevice::ReadOnly));
        QVERIFY(state.readAll().contains(english.toUtf8())); // the state file keeps English
        bool done = false;
        host.shutdown(5000, [&] { done = true; });
        QTRY_VERIFY(done);
    }

    // A traffic error (the endpoint refuses connections): Chinese in the nodes window's tooltip
    // and the failed-nodes window, English in the snapshot the local API is built from.
    void trafficErrorInChinese()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        const quint16 deadPort = closed.serverPort();
        closed.close(); // nothing listens there now: every connect is refused
        QCOMPARE(installTranslations(qApp, QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
        EngineHost host;
        Config config = configFor(QStringLiteral("http://127.0.0.1:%1").arg(deadPort), 0);
        config.failover.isolateAfter = 1;
        host.start(config, m_dir.filePath(QStringLiteral("traffic/config.json")),
                   m_dir.filePath(QStringLiteral("traffic/state")));
        QTRY_VERIFY(host.snapshot().listening);
        const quint16 port = quint16(host.snapshot().listenAddress.section(u':', -1).toUInt());
        const ClientResponse r = httpRequest(port, "POST", "/v1/messages",
                                             {{"Host", "127.0.0.1:" + QByteArray::number(port)},
                                              {"Content-Type", "application/json"}},
                                             R"({"model":"x","max_tokens":8,"messages":[]})");
        QCOMPARE(r.status, 503); // the one endpoint failed and is isolated (isolate_after 1)
        QTRY_VERIFY(host.snapshot().endpoint(QStringLiteral("relay"))->failure.has_value());
        const EndpointSnapshot e = *host.snapshot().endpoint(QStringLiteral("relay"));
        QVERIFY2(e.lastError.startsWith(QStringLiteral("connect failed: ")),
                 qPrintable(e.lastError)); // what GET /__qcc__/stats reports

        NodesWindow nodes(&host);
        QTRY_COMPARE(nodes.model()->rowCount(), 1);
        const QString tip =
            nodes.model()->data(nodes.model()->index(0, 0), Qt::ToolTipRole).toString();
        QVERIFY2(tip.startsWith(QStringLiteral("连接失败：")), qPrintable(tip));
        FailedNodesWindow failed(&host);
        QTRY_COMPARE(failed.model()->rowCount(), 1);
        const QString reason =
            failed.model()->data(failed.model()->index(0, FailedNodesModel::Reason)).toString();
        QVERIFY2(reason.contains(QStringLiteral("连接失败：")), qPrintable(reason));
        bool done = false;
        host.shutdown(5000, [&] { done = true; });
        QTRY_VERIFY(done);
    }
};

QTEST_MAIN(TestI18n)
#include "tst_i18n.moc"
