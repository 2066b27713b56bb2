// What the platform files build, checked on whichever system runs the tests: the autostart
// entries of all three systems (their contents are portable code), the spooled-body file of
// this build (O_TMPFILE on the epoll build, QTemporaryFile on the portable one).
#include "http/spooledbody.h"
#include "platform/autostart.h"

#include <QDir>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

using namespace qcc;

class TestPlatform : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void desktopEntryQuotesWhatItMust_data()
    {
        QTest::addColumn<QString>("program");
        QTest::addColumn<QByteArray>("exec");
        QTest::newRow("plain") << QStringLiteral("/usr/bin/qcc-tray")
                               << QByteArray("Exec=/usr/bin/qcc-tray\n");
        QTest::newRow("space") << QStringLiteral("/opt/my apps/qcc-tray")
                               << QByteArray("Exec=\"/opt/my apps/qcc-tray\"\n");
        // Inside quotes $ and " take a backslash, which the string escaping doubles.
        QTest::newRow("dollar and quote")
            << QStringLiteral("/home/a$b/\"q\"/qcc-tray")
            << QByteArray("Exec=\"/home/a\\\\$b/\\\\\"q\\\\\"/qcc-tray\"\n");
        QTest::newRow("chinese") << QStringLiteral("/home/用户/qcc-tray")
                                 << QByteArray("Exec=/home/\xe7\x94\xa8\xe6\x88\xb7/qcc-tray\n");
    }
    void desktopEntryQuotesWhatItMust()
    {
        QFETCH(QString, program);
        QFETCH(QByteArray, exec);
        const QByteArray entry = Autostart::desktopEntry(program);
        QVERIFY(entry.startsWith("[Desktop Entry]\n"));
        QVERIFY2(entry.contains(exec), entry.constData());
    }

    void launchAgentIsWellFormedWithTheProgramEscaped()
    {
        const QString program = QStringLiteral("/Applications/Q&A <x>.app/Contents/MacOS/qcc-tray");
        QXmlStreamReader xml(Autostart::launchAgent(program));
        QStringList strings;
        while (!xml.atEnd()) {
            if (xml.readNext() == QXmlStreamReader::StartElement &&
                xml.name() == QLatin1String("string"))
                strings << xml.readElementText();
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(strings, QStringList({QStringLiteral("io.github.qcc.QccTray"), program,
                                       QStringLiteral("Interactive")}));
    }

    void runCommandIsQuoted()
    {
        const QString c =
            Autostart::runCommand(QStringLiteral("C:/Program Files/QCC/qcc-tray.exe"));
        QVERIFY(c.startsWith(u'"') && c.endsWith(u'"'));
        QVERIFY(c.contains(QDir::toNativeSeparators(QStringLiteral("Program Files/QCC"))));
    }

    void spooledBodyLeavesNoNameBehind()
    {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        qputenv("TMPDIR", tmp.path().toUtf8());
        QString error;
        std::shared_ptr<SpooledBody> body = SpooledBody::create(&error);
        QVERIFY2(body, qPrintable(error));
        // The file has no name from the start (no crash can leave one behind where the system
        // allows that, which Linux and macOS do).
        QCOMPARE(QDir(tmp.path()).entryList(QDir::Files | QDir::Hidden), QStringList());
        QByteArray all;
        for (int i = 0; i < 64; ++i) {
            const QByteArray piece(7919, char('a' + i % 26));
            QVERIFY2(body->append(piece.constData(), piece.size(), &error), qPrintable(error));
            all += piece;
        }
        QCOMPARE(body->size(), qint64(all.size()));
        char buffer[100];
        QCOMPARE(body->read(7919 * 3 - 50, buffer, 100), qint64(100));
        QCOMPARE(QByteArray(buffer, 100), all.mid(7919 * 3 - 50, 100));
        QVERIFY(body->readAll() == all);
        body.reset();
        QCOMPARE(QDir(tmp.path()).entryList(QDir::Files | QDir::Hidden), QStringList());
        qunsetenv("TMPDIR");
    }

    void spooledBodyNamesTheDirectoryItCannotUse()
    {
        qputenv("TMPDIR", "/nonexistent/qcc-spool-test");
        QString error;
        QVERIFY(!SpooledBody::create(&error));
        QVERIFY2(error.contains(QStringLiteral("/nonexistent/qcc-spool-test")), qPrintable(error));
        qunsetenv("TMPDIR");
    }
};

QTEST_GUILESS_MAIN(TestPlatform)
#include "tst_platform.moc"
