#include "health/outcome.h"

#include <QDateTime>
#include <QTimeZone>
#include <QtTest>

using namespace qcc;

class TestOutcome : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void classify_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<int>("transport");
        QTest::addColumn<bool>("wellFormed");
        QTest::addColumn<bool>("streamError");
        QTest::addColumn<int>("expected");
        const int none = int(TransportError::None);
        const QByteArray msg = "/v1/messages";
        auto row = [&](const char *name, int status, QByteArray path, int transport,
                       bool wellFormed, bool streamError, OutcomeClass c) {
            QTest::newRow(name) << status << path << transport << wellFormed << streamError
                                << int(c);
        };
        row("200 well-formed", 200, msg, none, true, false, OutcomeClass::Success);
        row("204 other path", 204, "/v1/x", none, true, false, OutcomeClass::Success);
        row("400", 400, msg, none, true, false, OutcomeClass::Request);
        row("413", 413, msg, none, true, false, OutcomeClass::Request);
        row("422", 422, msg, none, true, false, OutcomeClass::Request);
        row("409", 409, msg, none, true, false, OutcomeClass::Request);
        row("414", 414, msg, none, true, false, OutcomeClass::Request);
        row("415", 415, msg, none, true, false, OutcomeClass::Request);
        row("408 from a relay", 408, msg, none, true, false, OutcomeClass::Node);
        row("421 misdirected", 421, msg, none, true, false, OutcomeClass::Node);
        row("425 too early", 425, msg, none, true, false, OutcomeClass::Node);
        row("499", 499, msg, none, true, false, OutcomeClass::Node);
        row("404 count_tokens", 404, "/v1/messages/count_tokens", none, true, false,
            OutcomeClass::Unsupported);
        row("404 models", 404, "/v1/models", none, true, false, OutcomeClass::Unsupported);
        row("404 messages", 404, msg, none, true, false, OutcomeClass::Node);
        row("401", 401, msg, none, true, false, OutcomeClass::Credential);
        row("402", 402, msg, none, true, false, OutcomeClass::Credential);
        row("403", 403, msg, none, true, false, OutcomeClass::Credential);
        row("429", 429, msg, none, true, false, OutcomeClass::RateLimit);
        row("500", 500, msg, none, true, false, OutcomeClass::Node);
        row("502", 502, msg, none, true, false, OutcomeClass::Node);
        row("503", 503, msg, none, true, false, OutcomeClass::Node);
        row("529", 529, msg, none, true, false, OutcomeClass::Node);
        row("connect error", 0, msg, int(TransportError::Connect), true, false, OutcomeClass::Node);
        row("timeout", 0, msg, int(TransportError::Timeout), true, false, OutcomeClass::Node);
        row("timeout after head", 200, msg, int(TransportError::Timeout), true, false,
            OutcomeClass::Node);
        row("reset", 0, msg, int(TransportError::Reset), true, false, OutcomeClass::Node);
        row("200 html", 200, msg, none, false, false, OutcomeClass::Node);
        row("200 empty", 200, msg, none, false, false, OutcomeClass::Node);
        row("200 stream error before content", 200, msg, none, true, true, OutcomeClass::Node);
        row("302 redirect", 302, msg, none, true, false, OutcomeClass::Node);
    }

    void classify()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, path);
        QFETCH(int, transport);
        QFETCH(bool, wellFormed);
        QFETCH(bool, streamError);
        QFETCH(int, expected);
        AttemptFacts f;
        f.status = status;
        f.path = path;
        f.transport = TransportError(transport);
        f.wellFormed = wellFormed;
        f.streamErrorBeforeContent = streamError;
        QCOMPARE(outcomeName(qcc::classify(f)), outcomeName(OutcomeClass(expected)));
    }

    void retryAfter_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<qint64>("ms");
        const qint64 hour = kMaxRetryAfterMs;
        QTest::newRow("seconds") << QByteArray("20") << qint64(20000);
        QTest::newRow("spaces") << QByteArray(" 7 ") << qint64(7000);
        QTest::newRow("zero") << QByteArray("0") << qint64(0);
        QTest::newRow("one hour") << QByteArray("3600") << hour;
        QTest::newRow("over an hour") << QByteArray("3601") << hour;
        QTest::newRow("would overflow ms") << QByteArray("99999999999999999") << hour;
        QTest::newRow("beyond 64 bits") << QByteArray("184467440737095516160000") << hour;
        QTest::newRow("date in 90 s")
            << QByteArray("Sat, 05 Dec 2026 12:01:30 GMT") << qint64(90000);
        QTest::newRow("date in a day") << QByteArray("Sun, 06 Dec 2026 12:00:00 GMT") << hour;
        QTest::newRow("date past") << QByteArray("Fri, 04 Dec 2026 12:00:00 GMT") << qint64(0);
        QTest::newRow("empty") << QByteArray("") << qint64(-1);
        QTest::newRow("negative") << QByteArray("-5") << qint64(-1);
        QTest::newRow("fraction") << QByteArray("1.5") << qint64(-1);
        QTest::newRow("garbage") << QByteArray("soon") << qint64(-1);
    }

    void retryAfter()
    {
        QFETCH(QByteArray, value);
        QFETCH(qint64, ms);
        const QDateTime now(QDate(2026, 12, 5), QTime(12, 0), QTimeZone::utc());
        QCOMPARE(retryAfterMs(value, now), ms);
    }
};

QTEST_APPLESS_MAIN(TestOutcome)
#include "tst_outcome.moc"
