// Translations: every .ts complete, and the UI in zh_CN really shows Chinese.
#include "engine/enginehost.h"
#include "failednodeswindow.h"
#include "language.h"
#include "statuspresenter.h"
#include "trayicon.h"

#include <QDir>
#include <QFile>
#include <QMenu>
#include <QXmlStreamReader>
#include <QtTest>

using namespace qcc;

namespace {
bool hasCjk(const QString &s)
{
    for (const QChar c : s)
        if (c.unicode() >= 0x4e00 && c.unicode() <= 0x9fff)
            return true;
    return false;
}
} // namespace

class TestI18n : public QObject
{
    Q_OBJECT

private Q_SLOTS:
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
};

QTEST_MAIN(TestI18n)
#include "tst_i18n.moc"
