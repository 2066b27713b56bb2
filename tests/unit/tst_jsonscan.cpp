#include "http/jsonscan.h"
#include "http/spooledbody.h"

#include <QtTest>

using namespace qcc;

//! The one-pass JSON readers of the data path: replies judged at the commit point, and the model
//! a request body names (looked for piece by piece in a spooled body).
class TestJsonScan : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void jsonScan_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<bool>("isObject");
        QTest::addColumn<QByteArray>("type");
        QTest::addColumn<QByteArray>("usage");
        QTest::newRow("reply") << QByteArray(
                                      "{\"type\":\"message\",\"content\":[{\"type\":\"text\","
                                      "\"text\":\"a}b]\"}],\"usage\":{\"input_tokens\":5}}")
                               << true << QByteArray("message")
                               << QByteArray("{\"input_tokens\":5}");
        // A quote after an even run of backslashes ends the string; after an odd run it is text.
        QTest::newRow("escaped quote") << QByteArray("{\"text\":\"say \\\"}\\\" \",\"type\":\"x\"}")
                                       << true << QByteArray("x") << QByteArray();
        QTest::newRow("escaped backslash") << QByteArray("{\"text\":\"c:\\\\\",\"type\":\"y\"}")
                                           << true << QByteArray("y") << QByteArray();
        QTest::newRow("three backslashes")
            << QByteArray("{\"text\":\"\\\\\\\"}\",\"usage\":{\"n\":1}}") << true << QByteArray()
            << QByteArray("{\"n\":1}");
        // The same past the first 16 bytes of a string, where the scan jumps from quote to quote.
        QTest::newRow("long escapes")
            << QByteArray("{\"text\":\"0123456789abcdef \\\"}\\\" \\\\\",\"type\":\"z\"}") << true
            << QByteArray("z") << QByteArray();
        QTest::newRow("unterminated string")
            << QByteArray("{\"type\":\"message\",\"text\":\"abc\\\"}") << false
            << QByteArray("message") << QByteArray();
        QTest::newRow("unclosed") << QByteArray("{\"usage\":{\"n\":[1,2}") << false << QByteArray()
                                  << QByteArray();
        QTest::newRow("trailing bytes")
            << QByteArray("{\"type\":\"a\"} x") << false << QByteArray("a") << QByteArray();
    }
    void jsonScan()
    {
        QFETCH(QByteArray, json);
        QFETCH(bool, isObject);
        QFETCH(QByteArray, type);
        QFETCH(QByteArray, usage);
        const JsonObjectScan scan = scanJsonObject(json);
        QCOMPARE(scan.isObject, isObject);
        QCOMPARE(scan.type.toByteArray(), type);
        QCOMPARE(scan.usage.toByteArray(), usage);
    }

    void modelIsFoundPieceByPiece_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<bool>("found");
        QTest::addColumn<QByteArray>("raw");
        QTest::newRow("first") << QByteArray(R"({"model":"claude-x","messages":[]})") << true
                               << QByteArray(R"("claude-x")");
        QTest::newRow("last, after nested look-alikes")
            << QByteArray(" { \"messages\" : [{\"model\":\"no\",\"x\":\"}\\\"]{\"}], "
                          "\"n\": 1 , \"system\":{\"model\":{\"a\":\"]\"}}, \"model\" "
                          ":\"中转-sonnet\" } ")
            << true << QByteArray(R"("中转-sonnet")");
        QTest::newRow("escaped value")
            << QByteArray("{\"model\":\"a\\\"b\\\\\"}") << true << QByteArray("\"a\\\"b\\\\\"");
        QTest::newRow("a string that says model")
            << QByteArray("{\"text\":\"\\\"model\\\":\\\"x\\\"\",\"model\":\"y\"}") << true
            << QByteArray(R"("y")");
        QTest::newRow("first of two")
            << QByteArray(R"({"model":"a","model":"b"})") << true << QByteArray(R"("a")");
        QTest::newRow("not a string") << QByteArray(R"({"model":5})") << false << QByteArray();
        QTest::newRow("a longer key") << QByteArray(R"({"models":"x"})") << false << QByteArray();
        QTest::newRow("none") << QByteArray(R"({"a":true,"b":null})") << false << QByteArray();
        QTest::newRow("not an object") << QByteArray(R"(["model","x"])") << false << QByteArray();
        QTest::newRow("unterminated") << QByteArray("{\"model\":\"claude") << false << QByteArray();
        QTest::newRow("too long") << "{\"model\":\"" + QByteArray(5000, 'a') + "\"}" << false
                                  << QByteArray();
    }
    void modelIsFoundPieceByPiece()
    {
        QFETCH(QByteArray, json);
        QFETCH(bool, found);
        QFETCH(QByteArray, raw);
        for (const qsizetype step : {json.size(), qsizetype(1), qsizetype(3)}) {
            JsonStringMemberFinder f("model");
            for (qsizetype at = 0; at < json.size(); at += step)
                if (!f.feed(QByteArrayView(json).sliced(at, qMin(step, json.size() - at))))
                    break;
            QCOMPARE(f.found(), found);
            if (found) {
                QCOMPARE(f.rawValue(), raw);
                QCOMPARE(json.mid(f.valueStart(), raw.size()), raw);
            }
        }
    }

    void aSpoolEditReplacesOneStretch()
    {
        QString error;
        const std::shared_ptr<SpooledBody> body = SpooledBody::create(&error);
        QVERIFY2(body, qPrintable(error));
        const QByteArray text = R"({"model":"claude-x","messages":[]})";
        QVERIFY(body->append(text.constData(), text.size(), &error));
        const SpoolEdit edit{9, 10, R"("中转-x")"};
        const QByteArray want = QByteArray(R"({"model":"中转-x","messages":[]})");
        QCOMPARE(edit.sizeOf(*body), want.size());
        // Read in pieces of every size, so that pieces start and end inside the new value.
        for (qint64 piece = 1; piece <= want.size(); ++piece) {
            QByteArray got;
            char buffer[64];
            for (qint64 n; (n = edit.read(*body, got.size(), buffer, piece)) > 0;)
                got.append(buffer, n);
            QCOMPARE(got, want);
        }
        QCOMPARE(SpoolEdit().sizeOf(*body), text.size());
    }
};

QTEST_APPLESS_MAIN(TestJsonScan)
#include "tst_jsonscan.moc"
